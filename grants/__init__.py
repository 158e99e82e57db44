"""Grant coordination: solicitations and proposed awards circulated for comment, promising practices."""
