"""Who may open the workspace pages: every signed-in person reaches the list of the bodies they
belong to; a workspace and all it holds answer 404 to anyone outside the body
(committees.access); its chair's office (and site administrators) keep the charter, the work
plan and the announcements, which the views check against the body itself."""

from __future__ import annotations

from pitf.permissions import CHAIRS_OFFICE, SIGNED_IN

URL_RULES = {
    "committees:list": SIGNED_IN,
    "committees:workspace": SIGNED_IN,
    "committees:charter": SIGNED_IN,
    "committees:work-plan": SIGNED_IN,
    "committees:deliverable": SIGNED_IN,
    "committees:agency-deliverables": SIGNED_IN,
    # The owner agency's staff write progress; the view checks the deliverable's agency.
    "committees:deliverable-progress": SIGNED_IN,
    # A tracker: its body's people open it (the matrix for the chair's office, their own
    # agency's column for the others); a cell and its evidence answer 404 to another agency.
    "committees:tracker": SIGNED_IN,
    "committees:tracker-cell": SIGNED_IN,
    "committees:tracker-evidence": SIGNED_IN,
    "committees:tracker-add": CHAIRS_OFFICE,
    "committees:tracker-edit": CHAIRS_OFFICE,
    "committees:tracker-rows-add": CHAIRS_OFFICE,
    "committees:tracker-row-edit": CHAIRS_OFFICE,
    "committees:tracker-csv": CHAIRS_OFFICE,
    "committees:tracker-xlsx": CHAIRS_OFFICE,
    # The messaging calendar: the Public Affairs Committee's people (404 to anyone else); an
    # agency's staff plan, circulate and publish their agency's communications (the view asks).
    "committees:messaging": SIGNED_IN,
    "committees:messaging-list": SIGNED_IN,
    "committees:messaging-ics": SIGNED_IN,
    "committees:communication-add": SIGNED_IN,
    "committees:communication": SIGNED_IN,
    "committees:communication-edit": SIGNED_IN,
    "committees:communication-circulate": SIGNED_IN,
    "committees:communication-publish": SIGNED_IN,
    # The legislation tracker: the working group's people read the bills and the consolidated
    # views (404 to anyone else); a member agency's staff give its view; the chair's office
    # adds, imports and circulates bills.
    "committees:bill-list": SIGNED_IN,
    "committees:bill": SIGNED_IN,
    "committees:bill-docx": SIGNED_IN,
    "committees:bill-view": SIGNED_IN,
    "committees:bill-add": CHAIRS_OFFICE,
    "committees:bill-import": CHAIRS_OFFICE,
    "committees:bill-circulate": CHAIRS_OFFICE,
    "committees:charter-add": CHAIRS_OFFICE,
    "committees:charter-approve": CHAIRS_OFFICE,
    "committees:announcement-post": CHAIRS_OFFICE,
    "committees:close-out": CHAIRS_OFFICE,
    "committees:deliverable-add": CHAIRS_OFFICE,
    "committees:deliverable-edit": CHAIRS_OFFICE,
}
