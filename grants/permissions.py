"""Who may open the grants pages: every signed-in person; a solicitation another agency has not
circulated to theirs answers 404 (grants.selectors), and only the owner agency's staff change or
circulate it (403 for the others who see it)."""

from __future__ import annotations

from pitf.permissions import SIGNED_IN

URL_RULES = {
    "grants:solicitation-list": SIGNED_IN,
    "grants:solicitation-create": SIGNED_IN,
    "grants:solicitation-csv": SIGNED_IN,
    "grants:solicitation-detail": SIGNED_IN,
    "grants:solicitation-edit": SIGNED_IN,
    "grants:solicitation-circulate": SIGNED_IN,
    "grants:solicitation-post": SIGNED_IN,
    "grants:solicitation-withdraw": SIGNED_IN,
}
