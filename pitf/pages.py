"""The views toolkit every feature's pages share: reading a posted form and a GET filter,
paginating, the page around a form, and the form page's skeleton (form_view): a valid posted
form calls a service, whose refusal of bad input or edit conflict becomes a message on the
form. A PermissionDenied from a service is left to rise: pitf.permissions.UrlPermissionMiddleware
turns it into the refusal page."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import cached_property

from pitf.concurrency import EditConflict


def posted(request):
    """The form data of a POST (even an empty one, for a form that is a single button)."""
    return request.POST if request.method == "POST" else None


def filters(form) -> dict:
    """The valid, non-empty filters of a GET form (an invalid field is shown and ignored)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}


# How many rows a list counts before it says "More than ..." (CountedUpTo).
COUNTED_UP_TO = 1000


class CountedUpTo(Paginator):
    """Counts the rows no further than it needs: up to COUNTED_UP_TO, or to the page after the
    one asked for. A list of tens of thousands says "More than 1,000" and links its pages up
    to there, then Next, which counts on; counting every row a person may see cost a grants
    list half its time at fifteen years (docs/performance.md)."""

    def __init__(self, object_list, per_page: int, *, asked: int = 1, up_to: int = COUNTED_UP_TO):
        super().__init__(object_list, per_page)
        self.limit = max(up_to, (asked + 1) * per_page)

    @cached_property
    def counted(self) -> int:
        """The rows, counted up to one past the limit."""
        return self.object_list.order_by()[: self.limit + 1].count()

    @property
    def more(self) -> bool:
        """Whether there are more rows than the limit."""
        return self.counted > self.limit

    @cached_property
    def count(self) -> int:
        # Past the limit: one more page, as full as the rows there make it.
        return self.limit + self.per_page if self.more else self.counted

    @property
    def shown_count(self) -> str:
        """The count as a list's heading says it: "1,234", or "More than 1,000"."""
        return f"More than {self.limit:,}" if self.more else f"{self.counted:,}"


def paginate(request, rows, per_page: int) -> tuple[Page, list]:
    """The page the request asks for (the last one if it asks beyond) and the page numbers to
    link, with ellipses (templates/includes/pagination.html). The rows are counted up to a
    limit (CountedUpTo)."""
    try:
        asked = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        asked = 1
    page = CountedUpTo(rows, per_page, asked=asked).get_page(request.GET.get("page"))
    page_range = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page, list(page_range)


# Each process keeps its own copies: a deployment's new code (a form's new choice) is never
# served from an older process's copy.
_PROCESS = f"{os.getpid()}-{time.time_ns()}"


def kept_rendered(name: str, render: Callable[[], str]) -> str:
    """HTML that is the same for everyone until the directory or a deployment changes it (the
    filter form of an unfiltered list, whose drop-downs list the agencies): rendered once by
    each process, then read from the cache under the directory's ETag
    (pitf.public.directory_etag), which any change to agencies, bodies or memberships, the date
    or the templates moves. On the embedded SQLite, which has no ETag, it is rendered every
    time."""
    from django.core.cache import cache
    from django.utils.safestring import mark_safe

    from pitf.public import directory_etag

    etag = directory_etag()
    if etag is None:
        return render()
    key = f"kept-rendered:{_PROCESS}:{name}:{etag}"
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, 24 * 3600)
    # HTML the hub rendered from its own templates, escaped as they escape.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def kept_filter_form(request, name: str, make_form: Callable, turning=("page",)) -> str | None:
    """The HTML of a list's filter form while the request filters nothing (it only turns the
    list's pages: `turning`), kept rendered (kept_rendered) under `name`, which says whatever
    else the form's choices depend on; None when the request filters, for the page to render
    the bound form with its values and errors. `make_form()` gives the unbound form."""
    if request.GET.keys() - set(turning):
        return None
    from crispy_forms.utils import render_crispy_form

    return kept_rendered(name, lambda: render_crispy_form(make_form()))


def done(request, message: str, to: str, *args, **kwargs):
    """Say what was done (a success message on the next page) and go on to `to`, a URL name
    with its arguments, as every form page does after its service succeeded."""
    messages.success(request, message)
    return redirect(to, *args, **kwargs)


def add_errors(form, error: ValidationError) -> None:
    """Put a service's messages on the fields they name, the rest at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@dataclass
class Attempt:
    """What came of a service call: `done` with its `result`, or not, with `form` (the posted
    form, or the row's current values after an edit conflict) carrying the message."""

    done: bool
    form: Any
    result: Any = None


def attempt(
    form, action: Callable[[], Any], *, current: Callable[[], Any] | None = None
) -> Attempt:
    """Call `action` (a service) for a valid form. Bad input puts the service's messages on the
    form. An edit conflict puts its message on the form, or, given `current` (a function that
    returns the form bound to the row as saved now), on that form, so the person decides again
    on the newer values."""
    try:
        result = action()
    except EditConflict as conflict:
        if current is not None:
            form = current()
        form.add_error(None, str(conflict))
    except ValidationError as error:
        add_errors(form, error)
    else:
        return Attempt(done=True, form=form, result=result)
    return Attempt(done=False, form=form)


def form_page(request, *, title, form, crumbs, cancel_url, explanation=(), warnings=(), status=200):
    """A page of one form (templates/pitf/form_page.html); `explanation` says what the form
    does, `warnings` what the person should know before submitting it (a warning box above the
    form)."""
    return render(
        request,
        "pitf/form_page.html",
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


@dataclass(frozen=True)
class FormPage:
    """The page around a form, shown by form_page: what form_view renders when it is given one
    instead of a function."""

    title: str
    crumbs: Sequence
    cancel_url: str
    explanation: Sequence[str] = ()
    warnings: Sequence[str] = ()

    def render(self, request, form) -> HttpResponse:
        return form_page(
            request,
            title=self.title,
            form=form,
            crumbs=self.crumbs,
            cancel_url=self.cancel_url,
            explanation=self.explanation,
            warnings=self.warnings,
        )


def form_view(
    request,
    form,
    action: Callable[[Any], Any],
    *,
    success: str | Callable[[Any], HttpResponse],
    page: FormPage | Callable[[Any], HttpResponse],
    current: Callable[[], Any] | None = None,
) -> HttpResponse:
    """The skeleton of every page that saves a form: for a valid POST, `action(form)` (the
    service) is called through attempt(), and then `success` says what was done and goes back
    to the page the form is about (the FormPage's `cancel_url`), or, as a function of the
    service's result, answers itself (a redirect, usually through done()); otherwise the page
    shows the form, with what was wrong: `page` is a FormPage or a function of the form that
    renders the feature's own template. `current`, as for attempt(), gives the form bound to the
    row as saved now after an edit conflict."""
    if isinstance(success, str) and not isinstance(page, FormPage):
        # Said before anything is saved: a message alone goes back to a FormPage's cancel URL.
        raise TypeError("form_view: a message as `success` needs a FormPage as `page`")
    if request.method == "POST" and form.is_valid():
        outcome = attempt(form, lambda: action(form), current=current)
        if outcome.done:
            if isinstance(success, str):
                messages.success(request, success)
                return redirect(page.cancel_url)
            return success(outcome.result)
        form = outcome.form
    if isinstance(page, FormPage):
        return page.render(request, form)
    return page(form)
