"""Who may open the grants pages: every signed-in person; a solicitation or proposed award
another agency has not circulated to theirs answers 404 (grants.selectors), and only the owner
agency's staff change, circulate, record or withdraw it (403 for the others who see it)."""

from __future__ import annotations

from grants.kinds import KINDS
from pitf.permissions import SIGNED_IN

URL_RULES = {
    f"grants:{kind.slug}-{action}": SIGNED_IN
    for kind in KINDS
    for action in ("list", "create", "csv", "detail", "edit", "circulate", kind.finish, "withdraw")
} | {"grants:solicitation-nofo-attach": SIGNED_IN, "grants:solicitation-nofo": SIGNED_IN}
