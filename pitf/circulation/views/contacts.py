"""An agency's contacts and delegates, kept by its representatives."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from pitf.circulation import kinds, selectors, services
from pitf.circulation.forms import (
    PersonOfAgencyForm,
)
from pitf.circulation.views.layout import _crumbs
from pitf.forms import ButtonForm
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles

# An agency's contacts and delegates ---------------------------------------------------------


def _agency(pk: int):
    from pitf.models import Agency

    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        raise Http404("No such agency.")
    return agency


def _contacts_page(request, agency, *, forms=None, status=200):
    """An agency's contacts, list by list as the document kinds declare them, and its
    delegates; `forms` (by prefix: a list's topic, or "delegate") are posted forms shown again
    with what was wrong."""
    forms = forms or {}
    contacts, delegates = selectors.contacts_of(agency.pk)
    manages = request_roles(request).manages_agency(agency.pk)
    staff = list(selectors.staff_of(agency.pk)) if manages else []

    def form_for(prefix: str, label: str, action: str, *args):
        if not manages:
            return None
        form = forms.get(prefix) or PersonOfAgencyForm(
            people=staff, submit_label=label, prefix=prefix
        )
        form.helper.form_action = reverse(action, args=[agency.pk, *args])
        return form

    lists = [
        {
            "list": listed,
            "rows": rows,
            "form": form_for(
                listed.topic, f"Add the {listed.noun}", "circulation:contact-add", listed.topic
            ),
        }
        for listed, rows in contacts
    ]
    delegate_form = form_for("delegate", "Name the delegate", "circulation:delegate-add")
    return render(
        request,
        "circulation/agency_contacts.html",
        {
            "agency": agency,
            "lists": lists,
            "delegates": delegates,
            "manages": manages,
            "delegate_form": delegate_form,
            "errors": any(form.errors for form in forms.values()),
            "crumbs": _crumbs()[:1],
        },
        status=status,
    )


def agency_contacts(request, pk: int):
    return _contacts_page(request, _agency(pk))


def _add(request, pk: int, *, prefix: str, service, label: str, message: str):
    agency = _agency(pk)
    if not request_roles(request).manages_agency(agency.pk):
        raise PermissionDenied(
            f"Only {agency.acronym}'s designated representatives and the secretariat keep its "
            "contacts and delegates."
        )
    return form_view(
        request,
        PersonOfAgencyForm(
            request.POST, people=selectors.staff_of(agency.pk), submit_label=label, prefix=prefix
        ),
        lambda form: service(actor=request.user, agency=agency, person=form.cleaned_data["person"]),
        success=lambda _: done(request, message, "circulation:agency-contacts", pk=agency.pk),
        page=lambda form: _contacts_page(request, agency, forms={prefix: form}),
    )


@require_POST
def contact_add(request, pk: int, topic: str):
    listed = kinds.contact_list(topic)
    if listed is None:
        raise Http404("No such list of contacts.")
    return _add(
        request,
        pk,
        prefix=listed.topic,
        service=lambda **named: services.contact_add(topic=listed.topic, **named),
        label=f"Add the {listed.noun}",
        message=f"The {listed.noun} is added: they receive {listed.receives}.",
    )


@require_POST
def delegate_add(request, pk: int):
    return _add(
        request,
        pk,
        prefix="delegate",
        service=services.delegate_add,
        label="Name the delegate",
        message="The delegate is named: they may submit the agency's answers.",
    )


def _remove(request, pk: int, row, *, service, what: str):
    agency = _agency(pk)
    if not request_roles(request).manages_agency(agency.pk):
        raise PermissionDenied(
            f"Only {agency.acronym}'s designated representatives and the secretariat keep its "
            "contacts and delegates."
        )
    if row is None or row.agency_id != agency.pk:
        raise Http404(f"No such {what}.")
    name = row.person.full_name or row.person.email
    return form_view(
        request,
        ButtonForm(posted(request), submit_label=f"Remove the {what}"),
        lambda _: service(request.user, row),
        success=f"{name} is no longer a {what}.",
        page=FormPage(
            title=f"Remove {name} as {agency.acronym}'s {what}",
            crumbs=[*_crumbs()[:1], (f"{agency.acronym}'s contacts", _contacts_url(agency))],
            cancel_url=_contacts_url(agency),
        ),
    )


def _contacts_url(agency) -> str:
    return reverse("circulation:agency-contacts", args=[agency.pk])


@require_http_methods(["GET", "POST"])
def contact_remove(request, pk: int, contact_pk: int):
    from pitf.circulation.models import Contact

    contact = Contact.objects.select_related("person", "agency").filter(pk=contact_pk).first()
    listed = kinds.contact_list(contact.topic) if contact is not None else None
    return _remove(
        request,
        pk,
        contact if listed is not None else None,
        service=lambda actor, contact: services.contact_remove(actor=actor, contact=contact),
        what=listed.noun if listed is not None else "contact",
    )


@require_http_methods(["GET", "POST"])
def delegate_remove(request, pk: int, delegate_pk: int):
    from pitf.circulation.models import Delegate

    return _remove(
        request,
        pk,
        Delegate.objects.select_related("person", "agency").filter(pk=delegate_pk).first(),
        service=lambda actor, delegate: services.delegate_remove(actor=actor, delegate=delegate),
        what="delegate",
    )
