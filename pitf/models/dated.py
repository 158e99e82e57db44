"""A span of dates with an open end, shared by memberships, designations and body roles; the
range of dates the hub accepts."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from pitf.formats import date_span

# Every date the hub records lies in these years: a typo such as 9999 or 0202 is refused with a
# clear message instead of being stored (and overflowing date arithmetic later).
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2199, 12, 31)
DATE_RANGE_MESSAGE = "Enter a date between 1 January 1900 and 31 December 2199."
DATE_RANGE = [
    MinValueValidator(EARLIEST_DATE, message=DATE_RANGE_MESSAGE),
    MaxValueValidator(LATEST_DATE, message=DATE_RANGE_MESSAGE),
]


def day_after(day: datetime.date) -> datetime.date | None:
    """The next day, or None after the last day a date can hold (never an OverflowError)."""
    return day + datetime.timedelta(days=1) if day < datetime.date.max else None


def day_before(day: datetime.date) -> datetime.date | None:
    return day - datetime.timedelta(days=1) if day > datetime.date.min else None


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
    start_date = models.DateField(validators=DATE_RANGE)
    end_date = models.DateField(
        null=True, blank=True, validators=DATE_RANGE, help_text="Leave empty while it is ongoing."
    )
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

    @property
    def span(self) -> str:
        """'from March 3, 2021, ongoing' or 'from March 3, 2021 to May 2, 2023'."""
        return date_span(self.start_date, self.end_date)

    def is_current_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
