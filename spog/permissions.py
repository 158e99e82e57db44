"""Who may open the reporting pages: every signed-in person reaches the list of cycles (their
agency's reports); a report answers 404 to anyone but its agency's staff and the SPOG chair's
office (spog.selectors); the chair's office alone opens cycles, reminds and reviews."""

from __future__ import annotations

from pitf.permissions import CHAIRS_OFFICE, SIGNED_IN

URL_RULES = {
    "spog:cycle-list": SIGNED_IN,
    "spog:shared": SIGNED_IN,
    "spog:partner-confirm": SIGNED_IN,
    "spog:cycle-open": CHAIRS_OFFICE,
    "spog:cycle": CHAIRS_OFFICE,
    "spog:cycle-remind": CHAIRS_OFFICE,
    "spog:report": SIGNED_IN,
    "spog:entry-add": SIGNED_IN,
    "spog:entry-copy": SIGNED_IN,
    "spog:report-submit": SIGNED_IN,
    "spog:report-review": CHAIRS_OFFICE,
    "spog:report-version": SIGNED_IN,
    "spog:entry-edit": SIGNED_IN,
    "spog:entry-remove": SIGNED_IN,
    # The portrait holds accepted reports only: every signed-in person reads it and its files.
    "spog:portrait-current": SIGNED_IN,
    "spog:portrait": SIGNED_IN,
    "spog:portrait-build": CHAIRS_OFFICE,
    "spog:portrait-file": SIGNED_IN,
    "spog:portrait-file-status": SIGNED_IN,
    # Statistics are read by every signed-in person; the object-level checks say who enters
    # which agency's values and who defines indicators (spog.access).
    "spog:indicator-list": SIGNED_IN,
    "spog:indicator": SIGNED_IN,
    "spog:statistics-csv": SIGNED_IN,
    "spog:indicator-value": SIGNED_IN,
    "spog:indicator-add": SIGNED_IN,
    "spog:statistics-import": SIGNED_IN,
    # The TIP Report data call: every signed-in person sees the call and its assignments; an
    # assigned agency's staff contribute (404 to other agencies); the chair's office runs it.
    "spog:dashboard": CHAIRS_OFFICE,
    # The priorities and objectives: read by everyone signed in, kept by the chair's office.
    "spog:plan-list": SIGNED_IN,
    "spog:plan-add": CHAIRS_OFFICE,
    "spog:plan-edit": CHAIRS_OFFICE,
    "spog:priority-add": CHAIRS_OFFICE,
    "spog:priority-edit": CHAIRS_OFFICE,
    "spog:objective-add": CHAIRS_OFFICE,
    "spog:objective-edit": CHAIRS_OFFICE,
    "spog:datacall-list": SIGNED_IN,
    "spog:datacall": SIGNED_IN,
    "spog:section-contribute": SIGNED_IN,
    "spog:datacall-open": CHAIRS_OFFICE,
    "spog:datacall-compiled": CHAIRS_OFFICE,
    "spog:datacall-docx": CHAIRS_OFFICE,
    "spog:datacall-close": CHAIRS_OFFICE,
    "spog:datacall-circulate": CHAIRS_OFFICE,
    "spog:section-assign": CHAIRS_OFFICE,
}
