"""Secret tokens sent in links (invitations, calendar feeds): made once, shown or sent once, and
kept only as a hash, so a copy of the database opens nothing."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    """A fresh token of 256 random bits, safe in a URL."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps of a token (SHA-256, hex; 64 characters)."""
    return hashlib.sha256(token.encode()).hexdigest()
