"""A meeting's agenda: read by whoever may see the meeting; proposed to by agencies until the
cut-off; arranged, decided and published by the body's chair's office."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from pitf.forms import ButtonForm
from pitf.meetings import agenda, documents, selectors, services
from pitf.meetings.forms.records import AgendaDecisionForm, AgendaItemForm
from pitf.meetings.models import AgendaItem
from pitf.meetings.views.layout import _crumbs, _managed_meeting, _meeting, when
from pitf.meetings.workflows import AGENDA_ITEM, MEETING
from pitf.models import Agency, User
from pitf.pages import FormPage, done, form_view, posted
from pitf.roles import request_roles


def _agenda_url(meeting) -> str:
    return reverse("meetings:agenda", args=[meeting.pk])


def _page(meeting, *, title: str, explanation=()) -> FormPage:
    return FormPage(
        title=title,
        crumbs=_crumbs(meeting.body, meeting),
        cancel_url=_agenda_url(meeting),
        explanation=explanation,
    )


def _item(meeting, item_pk: int) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_pk).first()
    if item is None:
        raise Http404("No such agenda item.")
    return item


def _arranged(request, pk: int):
    """The meeting, to its chair's office, while its agenda may change (404 otherwise)."""
    meeting = _managed_meeting(request, pk)
    if not MEETING.can(meeting, "arrange_agenda"):
        raise Http404("The meeting's agenda no longer changes.")
    return meeting


def _item_form(meeting, data=None, *, submit_label: str, **kwargs) -> AgendaItemForm:
    on_list = meeting.invitees.filter(removed_at__isnull=True).values("person_id")
    return AgendaItemForm(
        data,
        agencies=Agency.objects.filter(active=True).order_by("name"),
        people=User.objects.filter(pk__in=on_list).select_related("agency").order_by("full_name"),
        submit_label=submit_label,
        **kwargs,
    )


def meeting_agenda(request, pk: int):
    meeting = _meeting(request, pk)
    manages = selectors.manages_meetings_of(request_roles(request), meeting.body_id)
    items = agenda.agenda_of(meeting, documents.documents_of(meeting))
    may_arrange = manages and MEETING.can(meeting, "arrange_agenda")
    cutoff = agenda.proposal_cutoff(meeting)
    if manages:
        proposals = agenda.proposals_of(meeting)
    elif request.user.agency_id:
        proposals = agenda.proposals_of(meeting, agency_id=request.user.agency_id)
    else:
        proposals = []
    return render(
        request,
        "meetings/agenda.html",
        {
            "meeting": meeting,
            "when": when(meeting),
            "crumbs": _crumbs(meeting.body, meeting),
            "items": items,
            "proposals": proposals,
            "manages": manages,
            "may_arrange": may_arrange,
            "may_propose": bool(request.user.agency_id) and agenda.proposals_open(meeting, cutoff),
            "cutoff": agenda.cutoff_in_words(cutoff),
            "changes": agenda.unpublished_changes(meeting, items) if may_arrange else [],
        },
    )


@require_http_methods(["GET", "POST"])
def agenda_item_add(request, pk: int):
    meeting = _arranged(request, pk)
    return form_view(
        request,
        _item_form(meeting, posted(request), submit_label="Add the item"),
        lambda form: services.agenda_item_add(actor=request.user, meeting=meeting, **form.values()),
        success=lambda item: done(
            request, f"“{item.title}” is on the agenda.", "meetings:agenda", pk=meeting.pk
        ),
        page=_page(meeting, title=f"Add an item to the agenda of “{meeting.title}”"),
    )


@require_http_methods(["GET", "POST"])
def agenda_item_propose(request, pk: int):
    meeting = _meeting(request, pk)
    cutoff = agenda.proposal_cutoff(meeting)
    return form_view(
        request,
        _item_form(meeting, posted(request), submit_label="Propose the item"),
        lambda form: services.agenda_item_propose(
            actor=request.user, meeting=meeting, **form.values()
        ),
        success=lambda item: done(
            request,
            f"“{item.title}” is proposed; the chair's office decides whether it goes on the "
            "agenda.",
            "meetings:agenda",
            pk=meeting.pk,
        ),
        page=_page(
            meeting,
            title=f"Propose an agenda item for “{meeting.title}”",
            explanation=[
                f"Proposals close {agenda.cutoff_in_words(cutoff)}. The {meeting.body.name}'s "
                "chair's office accepts, declines or merges it into another item; your agency "
                "sees what was decided on the agenda page."
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk: int, item_pk: int):
    meeting = _arranged(request, pk)
    item = _item(meeting, item_pk)
    if not AGENDA_ITEM.can(item, "edit"):
        raise Http404("The item no longer changes.")
    initial = {name: getattr(item, name) for name in services.agenda.FIELDS}
    return form_view(
        request,
        _item_form(
            meeting,
            posted(request),
            submit_label="Save the item",
            initial={**initial, "version": item.version},
        ),
        lambda form: services.agenda_item_edit(
            actor=request.user,
            item=item,
            expected_version=form.cleaned_data["version"] or 0,
            **form.values(),
        ),
        success=f"“{item.title}” is saved.",
        page=_page(meeting, title=f"Change “{item.title}”"),
    )


@require_POST
def agenda_item_move(request, pk: int, item_pk: int):
    meeting = _arranged(request, pk)
    item = _item(meeting, item_pk)
    if not AGENDA_ITEM.can(item, "move"):
        raise Http404("Only an item on the agenda is moved.")
    up = request.POST.get("direction") == "up"
    try:
        services.agenda_item_move(actor=request.user, item=item, up=up)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{item.title}” moved {'up' if up else 'down'}.")
    return redirect(f"{_agenda_url(meeting)}#item-{item.pk}")


@require_http_methods(["GET", "POST"])
def agenda_item_decide(request, pk: int, item_pk: int):
    meeting = _arranged(request, pk)
    item = _item(meeting, item_pk)
    if not (AGENDA_ITEM.can(item, "accept") or AGENDA_ITEM.can(item, "remove")):
        raise Http404("The item was already decided.")
    on_agenda = meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED)
    return form_view(
        request,
        AgendaDecisionForm(posted(request), item=item, agenda_items=on_agenda),
        lambda form: services.agenda_item_decide(
            actor=request.user,
            item=item,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
            merged_into=form.cleaned_data.get("merged_into"),
        ),
        success=lambda decided: done(
            request,
            f"“{decided.title}” is {decided.get_status_display().lower()}.",
            "meetings:agenda",
            pk=meeting.pk,
        ),
        page=_page(
            meeting,
            title=f"Decide on “{item.title}”",
            explanation=[
                f"Proposed by {item.proposed_by} ({item.proposing_agency.acronym})"
                if item.proposing_agency_id
                else f"Added by {item.proposed_by}",
                *([item.description] if item.description else []),
            ],
        ),
    )


@require_http_methods(["GET", "POST"])
def agenda_publish(request, pk: int):
    meeting = _arranged(request, pk)
    items = agenda.agenda_of(meeting)
    changes = agenda.unpublished_changes(meeting, items)
    again = bool(meeting.agenda_publications)
    return form_view(
        request,
        ButtonForm(
            posted(request),
            submit_label="Send what changed" if again else "Publish the agenda",
        ),
        lambda _: services.agenda_publish(actor=request.user, meeting=meeting),
        success=lambda sent: done(
            request,
            f"The agenda is on its way to {sent} {'person' if sent == 1 else 'people'}.",
            "meetings:agenda",
            pk=meeting.pk,
        ),
        page=_page(
            meeting,
            title=("Send the agenda's changes" if again else "Publish the agenda")
            + f" of “{meeting.title}”",
            explanation=[
                "Everyone on the meeting's list receives one message with the agenda and a "
                "link to it." + (" It says what changed:" if again else ""),
                *changes,
            ],
        ),
    )


def _agenda_file(request, pk: int, kind: str):
    from django.http import HttpResponse

    from pitf.meetings import exports

    meeting = _meeting(request, pk)
    items = agenda.agenda_of(meeting, documents.documents_of(meeting))
    if kind == "pdf":
        body, content_type = exports.agenda_pdf(meeting, items), "application/pdf"
    else:
        body = exports.agenda_docx(meeting, items)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="agenda-{meeting.pk}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


def agenda_pdf(request, pk: int):
    """The agenda as PDF, to whoever may see the meeting."""
    return _agenda_file(request, pk, "pdf")


def agenda_docx(request, pk: int):
    """The agenda as Word, to whoever may see the meeting."""
    return _agenda_file(request, pk, "docx")
