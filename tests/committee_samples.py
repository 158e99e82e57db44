"""The committees' rows of the permission matrix and the query budgets: the Research & Data
Committee with DHS and HHS as members (the `chair` person chairs another), a version of its
charter, a deliverable DHS owns, and a tracker with DHS and HHS taking part, DHS's first cell
written with an evidence document; the Public Affairs Committee (DHS and HHS its members, as
`{workspace:public-affairs}`) with DHS's planned communication `{communication}`; the
legislation working group (DHS and HHS its members) following the bill `{bill}`."""

from __future__ import annotations

import datetime

from django.utils import timezone

from pitf.models import Agency, Body, Membership

START = datetime.date(2020, 1, 1)


def _body(short_name: str) -> Body:
    body = Body.objects.get(short_name=short_name)
    for acronym in ("DHS", "HHS"):
        Membership.objects.get_or_create(
            agency=Agency.objects.get(acronym=acronym), body=body, defaults={"start_date": START}
        )
    return body


def prepare() -> None:
    """The Research & Data and Public Affairs Committees and the legislation working group with
    DHS and HHS as members."""
    for short_name in ("research-data", "public-affairs", "legislation"):
        _body(short_name)


def fill(sample, kind: str, key: str) -> str:
    from committees.services import workplans, workspaces

    admin = sample["people"]["site_admin"]
    if kind == "workspace":
        return _body(key).short_name
    body = _body("research-data")
    if kind == "charter":
        if "charter" not in sample:
            sample["charter"] = workspaces.charter_add(
                actor=admin, body=body, text="The committee coordinates grant programming."
            )
        return str(sample["charter"].pk)
    if kind == "deliverable":
        if "deliverable" not in sample:
            sample["deliverable"] = workplans.deliverable_add(
                actor=admin,
                body=body,
                title="Promising practices, first edition",
                owner_agency=Agency.objects.get(acronym="DHS"),
                due_date=timezone.localdate() + datetime.timedelta(days=60),
            )
        return str(sample["deliverable"].pk)
    if kind in ("tracker", "trackerrow"):
        if "tracker" not in sample:
            from committees.services import trackers
            from tests.conftest import pdf_upload

            tracker = trackers.tracker_create(
                actor=admin,
                body=body,
                title="Promising practices adopted",
                agencies=list(Agency.objects.filter(acronym__in=["DHS", "HHS"])),
                rows=[("1", "Trauma-informed grant terms"), ("2", "Survivor consultants paid")],
            )
            trackers.cell_write(
                actor=sample["people"]["representative"],
                row=tracker.rows.first(),
                agency=Agency.objects.get(acronym="DHS"),
                expected_version=0,
                status="implemented",
                evidence_upload=pdf_upload("terms.pdf"),
            )
            sample["tracker"] = tracker
        tracker = sample["tracker"]
        return str(tracker.pk if kind == "tracker" else tracker.rows.first().pk)
    if kind == "communication":
        if "communication" not in sample:
            from committees.reference import load_observances
            from committees.services import messaging

            _body("public-affairs")
            load_observances()
            sample["communication"] = messaging.communication_add(
                actor=sample["people"]["representative"],
                agency=Agency.objects.get(acronym="DHS"),
                title="Blue Campaign: Prevention Month",
                starts_on=timezone.localdate() + datetime.timedelta(days=20),
                channel="social_media",
                audience="The public",
                theme="Recognizing the signs",
                message="Learn the **signs** of human trafficking.",
            )
        return str(sample["communication"].pk)
    if kind == "bill":
        if "bill" not in sample:
            from committees.models import Bill

            sample["bill"] = Bill.objects.create(
                congress=119, bill_type="hr", number=1234, title="Trafficking Survivors Relief Act"
            )
        return str(sample["bill"].pk)
    raise AssertionError(f"unknown committees placeholder {kind}:{key}")
