"""What the directory's pages have in common: the breadcrumbs and the page around a form."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse


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


def form_page(request, *, title, form, crumbs, cancel_url, explanation=(), warnings=(), status=200):
    """A page of one form; `warnings` are what the person should know before submitting it
    (shown in a warning box above the form)."""
    return render(
        request,
        "directory/form_page.html",
        {
            "title": title,
            "form": form,
            "crumbs": crumbs,
            "cancel_url": cancel_url,
            "explanation": list(explanation),
            "warnings": list(warnings),
        },
        status=status,
    )


def body_form_page(request, body, *, title, form, explanation=()):
    """A form about one body's rows, which goes back to the body's page."""
    return form_page(
        request,
        title=title,
        form=form,
        crumbs=body_crumbs(body),
        cancel_url=reverse("directory:body-detail", args=[body.pk]),
        explanation=explanation,
    )
