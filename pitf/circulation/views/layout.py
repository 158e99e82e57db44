"""What the circulation pages share: the circulation the person may see, the breadcrumbs, and the
page of a form about one circulation."""

from __future__ import annotations

from django.urls import reverse

from pitf.circulation import selectors
from pitf.pages import FormPage, form_view
from pitf.roles import request_roles

PER_PAGE = 25  # an agency's own circulations a page


def _circulation(request, pk):
    return selectors.circulation_for(user=request.user, roles=request_roles(request), pk=pk)


def _crumbs(circulation=None):
    crumbs = [("Comment requests", reverse("circulation:list"))]
    if circulation is not None:
        crumbs.append((circulation.title, reverse("circulation:detail", args=[circulation.pk])))
    return crumbs


def _back(circulation):
    return reverse("circulation:detail", args=[circulation.pk])


def _on_circulation(
    request, circulation, form, action, *, said, title, explanation=(), current=None
):
    """A form about one circulation: the page goes back to the circulation, and so does a
    success, saying `said`."""
    return form_view(
        request,
        form,
        action,
        current=current,
        success=said,
        page=FormPage(
            title=title,
            crumbs=_crumbs(circulation),
            cancel_url=_back(circulation),
            explanation=explanation,
        ),
    )
