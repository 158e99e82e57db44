"""Who may open the circulation pages: every signed-in person reaches them; the selectors answer
404 for a circulation, an answer or a comment the person may not see (pitf.circulation.selectors),
and the services refuse what their standing does not allow (only the owner agency extends,
withdraws, reopens and resolves; only the recipient agency drafts; only its representatives or
their delegates submit)."""

from __future__ import annotations

from pitf.permissions import MANAGES_OWN_AGENCY, SIGNED_IN

URL_RULES = {
    "circulation:list": SIGNED_IN,
    "circulation:detail": SIGNED_IN,
    "circulation:comment-add": SIGNED_IN,
    "circulation:comment-edit": SIGNED_IN,
    "circulation:comment-delete": SIGNED_IN,
    "circulation:submit": SIGNED_IN,
    "circulation:reopen": SIGNED_IN,
    "circulation:resolve": SIGNED_IN,
    "circulation:extend": SIGNED_IN,
    "circulation:withdraw": SIGNED_IN,
    "circulation:export": SIGNED_IN,
    # An agency's contacts and delegates: anyone may see them; its representatives (for
    # their agency; 403 for another's) and site administrators keep them.
    "circulation:agency-contacts": SIGNED_IN,
    "circulation:contact-add": MANAGES_OWN_AGENCY,
    "circulation:contact-remove": MANAGES_OWN_AGENCY,
    "circulation:delegate-add": MANAGES_OWN_AGENCY,
    "circulation:delegate-remove": MANAGES_OWN_AGENCY,
}
