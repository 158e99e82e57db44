"""The circulation pages: thin views over pitf.circulation.selectors and services."""

from pitf.circulation.views.answers import (
    answer_reopen,
    answer_submit,
    comment_add,
    comment_delete,
    comment_edit,
    comment_resolve,
)
from pitf.circulation.views.circulations import (
    EXPORTS,
    circulation_detail,
    circulation_extend,
    circulation_list,
    circulation_withdraw,
    comment_matrix,
    my_page_panel,
)
from pitf.circulation.views.contacts import (
    agency_contacts,
    contact_add,
    contact_remove,
    delegate_add,
    delegate_remove,
)
from pitf.circulation.views.layout import PER_PAGE

__all__ = [
    "EXPORTS",
    "PER_PAGE",
    "agency_contacts",
    "answer_reopen",
    "answer_submit",
    "circulation_detail",
    "circulation_extend",
    "circulation_list",
    "circulation_withdraw",
    "comment_add",
    "comment_delete",
    "comment_edit",
    "comment_matrix",
    "comment_resolve",
    "contact_add",
    "contact_remove",
    "delegate_add",
    "delegate_remove",
    "my_page_panel",
]
