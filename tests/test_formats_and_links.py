"""What a long list writes per row in Python reads exactly as Django's template filters and
reverse() would write it: the audit log's times (pitf.formats.moment) and the links of a list's
rows (pitf.links.link_to)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone

from pitf.formats import moment
from pitf.links import link_to

UTC = datetime.UTC


@pytest.mark.parametrize(
    "at",
    [
        datetime.datetime(2027, 3, 4, 18, 5, 9, tzinfo=UTC),  # 1:05 PM EST
        datetime.datetime(2027, 7, 4, 4, 0, 0, tzinfo=UTC),  # midnight EDT
        datetime.datetime(2027, 11, 7, 16, 59, 59, 123456, tzinfo=UTC),  # noon EST
        datetime.datetime(2027, 1, 1, 12, 30, tzinfo=ZoneInfo("Asia/Manila")),
    ],
)
def test_a_moment_reads_as_the_date_filter_writes_it(at):
    local = timezone.localtime(at)
    assert moment(at) == date_filter(local, "M j, Y, g:i:s A T")


@pytest.mark.parametrize(
    "name", ["people:user-detail", "circulation:detail", "directory:agency-detail"]
)
def test_a_rows_link_is_the_reversed_path(name):
    for key in (1, 42, 918273645, "7"):
        assert link_to(name, key) == reverse(name, args=[int(key)])


def test_a_link_is_only_ever_to_a_number():
    with pytest.raises(ValueError):
        link_to("people:user-detail", "1/../../admin")
