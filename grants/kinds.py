"""The two kinds of grant document the pages serve alike: what differs between solicitations and
proposed awards (model, forms, filter, columns, words) is said once here, and the views, URLs and
templates read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms as django_forms
from django_filters import FilterSet

from grants import filters, forms, selectors
from grants.models import Award, GrantDocument, Solicitation


@dataclass(frozen=True)
class Kind:
    slug: str  # names its URLs: "<slug>-list", "<slug>-detail", ...
    path: str  # its URLs' segment: "solicitations", "awards"
    model: type[GrantDocument]
    form: type[django_forms.ModelForm]
    edit_form: type[django_forms.ModelForm]
    filter: type[FilterSet]
    plural: str  # "Grant solicitations"
    intro: str
    draft_explanation: str
    finish: str  # the URL segment of recording the outcome: "post", "made"
    finish_label: str  # its button: "Record it as posted"
    finish_explanation: str
    subtitle: str  # the attribute under the title in the list
    list_columns: tuple[tuple[str, str], ...]  # (heading, attribute path)
    csv_columns: tuple[tuple[str, str], ...]
    # Sets what the pages show of the documents it links to, as the person may see them.
    links: Callable[..., None] | None = None

    def show_links(self, documents, *, user, roles) -> None:
        if self.links is not None:
            self.links(documents, user=user, roles=roles)

    @property
    def list_fields(self) -> tuple[str, ...]:
        """The fields the list reads (its title, marking, subtitle and columns), for only()."""

        def field(path: str) -> str:
            if path.startswith("get_") and path.endswith("_display"):
                return path.removeprefix("get_").removesuffix("_display")
            return path.replace(".", "__")

        columns = (path for _, path in self.list_columns)
        return ("title", "marking", "cui_category", *map(field, (self.subtitle, *columns)))

    @property
    def noun(self) -> str:
        return self.model._meta.verbose_name

    def url(self, action: str) -> str:
        return f"grants:{self.slug}-{action}"

    # The URL names its templates link to.
    url_list = property(lambda self: self.url("list"))
    url_create = property(lambda self: self.url("create"))
    url_csv = property(lambda self: self.url("csv"))
    url_detail = property(lambda self: self.url("detail"))


SOLICITATIONS = Kind(
    slug="solicitation",
    path="solicitations",
    model=Solicitation,
    form=forms.SolicitationForm,
    edit_form=forms.SolicitationEditForm,
    filter=filters.SolicitationFilter,
    plural="Grant solicitations",
    intro=(
        "Notices of funding opportunity the agencies plan to post: your agency's drafts, those "
        "circulated to your agency for comment, and those posted."
    ),
    draft_explanation=(
        "The fields Grants.gov uses, and what the task force needs to see where funding goes. "
        "Only your agency sees the draft until you circulate it for comment."
    ),
    finish="post",
    finish_label="Record it as posted",
    finish_explanation="Once posted on Grants.gov, every signed-in person of the hub sees it.",
    subtitle="opportunity_number",
    list_columns=(
        ("Agency", "agency.acronym"),
        ("Fiscal year", "fiscal_year"),
        ("Assistance listing", "assistance_listing"),
        ("Status", "get_status_display"),
        ("Planned post date", "planned_post_date"),
    ),
    csv_columns=(
        ("Opportunity number", "opportunity_number"),
        ("Title", "title"),
        ("Agency", "agency.acronym"),
        ("Fiscal year", "fiscal_year"),
        ("Status", "get_status_display"),
        ("Assistance listing", "assistance_listing"),
        ("Funding instrument", "get_funding_instrument_display"),
        ("Estimated total funding", "estimated_total_funding"),
        ("Award ceiling", "award_ceiling"),
        ("Award floor", "award_floor"),
        ("Expected awards", "expected_awards"),
        ("Planned post date", "planned_post_date"),
        ("Planned close date", "planned_close_date"),
        ("Trafficking type", "get_trafficking_type_display"),
        ("Geography", "geography"),
    ),
)

AWARDS = Kind(
    slug="award",
    path="awards",
    model=Award,
    form=forms.AwardForm,
    edit_form=forms.AwardEditForm,
    filter=filters.AwardFilter,
    plural="Proposed awards",
    intro=(
        "Grants, cooperative agreements and technical assistance the agencies plan to make: "
        "your agency's drafts, those circulated to your agency for comment, and those made."
    ),
    draft_explanation=(
        "Who receives it, how much, for how long and for what, so that the agencies can see "
        "whether the same work is already funded. Only your agency sees the draft until you "
        "circulate it for comment."
    ),
    finish="made",
    finish_label="Record it as awarded",
    finish_explanation="Once the award is made, every signed-in person of the hub sees it.",
    subtitle="recipient_name",
    list_columns=(
        ("Agency", "agency.acronym"),
        ("Fiscal year", "fiscal_year"),
        ("Amount", "amount"),
        ("Status", "get_status_display"),
        ("Performance starts", "period_start"),
    ),
    csv_columns=(
        ("Title", "title"),
        ("Type", "get_award_type_display"),
        ("Agency", "agency.acronym"),
        ("Fiscal year", "fiscal_year"),
        ("Status", "get_status_display"),
        ("Recipient", "recipient_name"),
        ("Recipient UEI", "recipient_uei"),
        ("Recipient location", "recipient_place"),
        ("Amount", "amount"),
        ("Period of performance starts", "period_start"),
        ("Period of performance ends", "period_end"),
        ("Program", "program"),
        ("Assistance listing", "assistance_listing"),
        ("Linked solicitation", "linked_solicitation_shown"),
        ("Trafficking type", "get_trafficking_type_display"),
        ("Geography", "geography"),
    ),
    links=selectors.linked_solicitations,
)

KINDS = (SOLICITATIONS, AWARDS)
