"""Bodies (PITF, SPOG, committees, working groups) and who belongs to them over time."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from pitf.models.constraints import no_overlap
from pitf.models.dated import DATE_RANGE, DatedSpan


class Body(models.Model):
    class Kind(models.TextChoices):
        TASK_FORCE = "task_force", "Task force"
        OPERATING_GROUP = "operating_group", "Senior policy operating group"
        STANDING_COMMITTEE = "standing_committee", "Standing committee"
        WORKING_GROUP = "working_group", "Ad hoc working group"

    class Cadence(models.TextChoices):
        ANNUAL = "annual", "Annually"
        QUARTERLY = "quarterly", "Quarterly"
        MONTHLY = "monthly", "Monthly"
        AS_SET = "as_set", "As the chair sets"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=40, unique=True, help_text="Used in addresses, e.g. 'spog' or 'grantmaking'."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    chair_title = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'Secretary of State'."
    )
    chair_agency = models.ForeignKey(
        "pitf.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_bodies",
    )
    cadence = models.CharField(max_length=20, choices=Cadence.choices, default=Cadence.AS_SET)
    purpose = models.TextField(blank=True, help_text="One or two sentences on what it does.")
    charter = models.TextField(blank=True)
    established = models.DateField(
        null=True, blank=True, validators=DATE_RANGE, help_text="Leave empty if not known."
    )
    sunset = models.DateField(
        null=True,
        blank=True,
        validators=DATE_RANGE,
        help_text="For an ad hoc working group: when it ends.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = [F("established").asc(nulls_last=True), "name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.CheckConstraint(
                condition=Q(sunset__isnull=True)
                | Q(established__isnull=True)
                | Q(sunset__gte=F("established")),
                name="body_sunset_after_established",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.sunset and self.established and self.sunset < self.established:
            raise ValidationError(
                {"sunset": "The sunset date cannot be before the date established."}
            )
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "A body cannot be its own parent."})


class Membership(DatedSpan):
    """An agency's membership of a body over a span of dates."""

    class Status(models.TextChoices):
        MEMBER = "member", "Member"
        INVITED = "invited", "Invited (observer)"

    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MEMBER)

    class Meta:
        ordering = ["body", "start_date", "agency__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_end_after_start",
            ),
            no_overlap(
                name="membership_no_overlap",
                same=["agency", "body"],
                message="This agency already belongs to this body on some of these dates.",
            ),
        ]
        indexes = [models.Index(fields=["body", "start_date", "end_date"])]

    def __str__(self):
        standing = "member of" if self.status == self.Status.MEMBER else "invited observer at"
        return f"{self.agency.acronym}, {standing} the {self.body.name}, {self.span}"


class Designation(DatedSpan):
    """A person designated to represent an agency in a body, as principal or alternate."""

    class Role(models.TextChoices):
        PRINCIPAL = "principal", "Principal"
        ALTERNATE = "alternate", "Alternate"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="designations"
    )
    agency = models.ForeignKey("pitf.Agency", on_delete=models.PROTECT, related_name="designations")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="designations")
    role = models.CharField(max_length=10, choices=Role.choices)

    class Meta:
        ordering = ["body", "agency__name", "role", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="designation_end_after_start",
            ),
            no_overlap(
                name="designation_one_principal",
                same=["agency", "body"],
                condition=Q(role="principal"),
                message="This agency already has a principal in this body on some of these dates.",
            ),
            no_overlap(
                name="designation_one_per_person_and_body",
                same=["person", "body"],
                message="This person is already designated in this body on some of these dates.",
            ),
        ]

    def __str__(self):
        return (
            f"{self.person}, {self.get_role_display().lower()} for {self.agency.acronym} "
            f"at the {self.body.name}, {self.span}"
        )


class BodyRole(DatedSpan):
    """A person who holds an office in a body: its chair, or staff of the chair's office."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        CHAIRS_OFFICE = "chairs_office", "Chair's office"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="body_roles"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["body", "role", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="bodyrole_end_after_start",
            ),
        ]

    def __str__(self):
        office = "chair" if self.role == self.Role.CHAIR else "chair's office"
        return f"{self.person}, {office} of the {self.body.name}, {self.span}"
