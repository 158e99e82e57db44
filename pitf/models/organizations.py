"""Agencies: executive departments, independent agencies, White House offices and their components."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Agency(models.Model):
    class Kind(models.TextChoices):
        EXECUTIVE_DEPARTMENT = "executive_department", "Executive department"
        INDEPENDENT_AGENCY = "independent_agency", "Independent agency"
        WHITE_HOUSE_OFFICE = "white_house_office", "White House office"
        COMPONENT = "component", "Component of a department"

    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=20, unique=True)
    website = models.URLField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="components",
        help_text="The department this agency is a component of, e.g. DOJ for the FBI.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = [Lower("name")]  # "Department of the Interior" before "... Transportation"
        verbose_name_plural = "agencies"

    def __str__(self):
        return f"{self.name} ({self.acronym})"

    def get_absolute_url(self):
        return reverse("agency-directory") + f"#agency-{self.acronym.lower()}"

    @property
    def in_sentence(self) -> str:
        """The name as a sentence says it: "for the Department of State"."""
        return self.name if self.name.lower().startswith("the ") else f"the {self.name}"
