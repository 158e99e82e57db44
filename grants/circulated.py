"""How grant documents are circulated for comment (pitf.circulation.kinds), declared by grants
for the core's circulation: to the SPOG's member agencies unless the owner chooses, overseen by
the Grantmaking Committee's chair and chair's office, written to each agency's representatives
and its grant contacts, and followed by the document when the circulation ends."""

from pitf.circulation.kinds import ContactList, DocumentKind

SPOG = "spog"
GRANTMAKING = "grantmaking"

GRANT_CONTACTS = ContactList(
    topic="grants",
    title="Grant contacts",
    noun="grant contact",
    receives="the grant solicitations and proposed awards circulated to the agency",
)

SOLICITATIONS = DocumentKind(
    model="grants.solicitation",
    default_body=SPOG,
    overseers=GRANTMAKING,
    contacts=GRANT_CONTACTS,
    ended="grants.services.circulation_ended",
)
AWARDS = DocumentKind(
    model="grants.award",
    default_body=SPOG,
    overseers=GRANTMAKING,
    contacts=GRANT_CONTACTS,
    ended="grants.services.circulation_ended",
)
