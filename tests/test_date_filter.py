"""The hub's `date` filter (pitf.templatetags.dates, a template builtin) writes every format
exactly as Django's own filter does: each format the templates use, and the letters it knows,
across the year's changes of time, at midnight and noon, for dates, times and other values."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as django_date
from django.utils import timezone

from pitf.templatetags.dates import DATE_PARTS, TIME_PARTS, compiled
from pitf.templatetags.dates import date as hub_date

ROOT = Path(__file__).resolve().parent.parent
EASTERN = ZoneInfo("America/New_York")


def used_formats() -> set[str]:
    found = set()
    for folder in ("templates", "pitf", "grants"):
        for path in (ROOT / folder).rglob("*.html"):
            found |= set(re.findall(r"""\|date:["']([^"']*)["']""", path.read_text()))
    return found


MOMENTS = [
    datetime.datetime(2027, 3, 14, 1, 59, 59, tzinfo=EASTERN),  # before the spring change
    datetime.datetime(2027, 3, 14, 3, 0, 0, tzinfo=EASTERN),  # after it
    datetime.datetime(2027, 11, 7, 1, 30, tzinfo=EASTERN),  # the hour that happens twice
    datetime.datetime(2027, 7, 4, 0, 0, tzinfo=EASTERN),  # midnight
    datetime.datetime(2027, 12, 31, 12, 0, 5, 123456, tzinfo=EASTERN),  # noon
    datetime.datetime(2027, 1, 1, 23, 9, tzinfo=ZoneInfo("Asia/Manila")),
    datetime.datetime(2027, 5, 5, 17, 45),  # naive
]
DAYS = [datetime.date(2027, 2, 28), datetime.date(2028, 2, 29), datetime.date(1999, 12, 1)]


def test_the_templates_use_formats_the_filter_writes_itself():
    formats = used_formats()
    assert {"F j, Y", "l, F j, Y, g:i A T"} <= formats
    assert all(compiled(f) is not None for f in formats), formats


@pytest.mark.parametrize(
    "format_string",
    sorted(
        {
            "F j, Y",
            "l, F j, Y, g:i A T",
            "M j, Y, g:i:s A T",
            "F Y",
            "g:i A T",
            "c",
            "D d/m/y H:i",
            r"\Y\e\a\r: Y \a\t h:i",
            "".join(DATE_PARTS) + "".join(TIME_PARTS),
        }
        | used_formats()
    ),
)
def test_each_format_reads_as_djangos(format_string):
    for moment in MOMENTS:
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        assert hub_date(local, format_string) == django_date(local, format_string), moment
    if not compiled(format_string)[0]:
        for day in DAYS:
            assert hub_date(day, format_string) == django_date(day, format_string)


def test_what_it_does_not_know_goes_to_djangos_filter():
    moment = datetime.datetime(2027, 9, 3, 9, 5, tzinfo=EASTERN)
    assert compiled("N jS, P") is None
    assert hub_date(moment, "N jS, P") == django_date(moment, "N jS, P") == "Sept. 3rd, 9:05 a.m."
    for write in (hub_date, django_date):  # a time letter of a day is refused alike
        with pytest.raises(TypeError, match="time-related"):
            write(datetime.date(2027, 9, 3), "g:i A")
    assert hub_date(None, "F j") == hub_date("", "F j") == ""
    assert hub_date("not a date", "F j") == django_date("not a date", "F j")
    assert hub_date(datetime.date(2027, 9, 3)) == django_date(datetime.date(2027, 9, 3))


def test_templates_use_it():
    moment = datetime.datetime(2027, 9, 3, 13, 5, tzinfo=datetime.UTC)
    rendered = Template('{{ at|date:"l, F j, Y, g:i A T" }}').render(Context({"at": moment}))
    assert rendered == "Friday, September 3, 2027, 9:05 AM EDT"
