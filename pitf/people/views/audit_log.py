"""The audit log's page: explicit events and field history together, filtered and paginated."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from pitf.pages import filters, paginate
from pitf.people import selectors
from pitf.people.forms import (
    AuditFilterForm,
)

AUDIT_ROWS_PER_PAGE = 50


@require_GET
def audit_log(request):
    form = AuditFilterForm(request.GET or None, actions=selectors.audit_actions())
    chosen = filters(form)
    keys = selectors.audit_log_keys(**chosen)
    page, page_range = paginate(request, keys, AUDIT_ROWS_PER_PAGE)
    return render(
        request,
        "people/audit_log.html",
        {
            "form": form,
            "page": page,
            "page_range": page_range,
            "rows": selectors.audit_rows(list(page.object_list)),
            "filtered": bool(chosen),
        },
    )
