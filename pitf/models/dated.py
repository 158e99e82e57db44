"""A span of dates with an open end, shared by memberships, designations and body roles."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class DatedQuerySet(models.QuerySet):
    def current_on(self, day):
        """Rows whose span covers `day` (start and end inclusive, an empty end means ongoing)."""
        return self.filter(
            Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))
        )

    def overlapping(self, start, end):
        """Rows whose span shares at least one day with start..end (end None = ongoing)."""
        condition = Q(end_date__isnull=True) | Q(end_date__gte=start)
        if end is not None:
            condition &= Q(start_date__lte=end)
        return self.filter(condition)


class DatedSpan(models.Model):
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty while it is ongoing.")
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised by every save; see pitf/concurrency.py."
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date cannot be before the start date."})

    def is_current_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
