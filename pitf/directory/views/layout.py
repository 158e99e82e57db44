"""What the directory's pages have in common: the breadcrumbs, and the page of a form about one
body's rows."""

from __future__ import annotations

from django.urls import reverse

from pitf.pages import FormPage


def agency_crumbs(agency=None):
    crumbs = [("Agencies", reverse("directory:agency-list"))]
    if agency is not None:
        crumbs.append((agency.acronym, reverse("directory:agency-detail", args=[agency.pk])))
    return crumbs


def body_crumbs(body=None):
    crumbs = [("Bodies", reverse("directory:body-list"))]
    if body is not None:
        crumbs.append((body.name, reverse("directory:body-detail", args=[body.pk])))
    return crumbs


def body_form(body, *, title, explanation=()) -> FormPage:
    """The page of a form about one body's rows, which goes back to the body's page."""
    return FormPage(
        title=title,
        crumbs=body_crumbs(body),
        cancel_url=reverse("directory:body-detail", args=[body.pk]),
        explanation=explanation,
    )
