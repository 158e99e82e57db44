"""Reading the Government Publishing Office's bill status XML (the BILLSTATUS bulk data: one
file a bill, `<billStatus><bill>…</bill></billStatus>`, in its current form with <number> and
<type> or its earlier one with <billNumber> and <billType>) into a bill's facts. A file that is
not well formed or not of the schema is refused with the line at fault; nothing of it is read.
The parser resolves no entity and fetches nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from lxml import etree

TYPES = {"hr", "s", "hjres", "sjres", "hconres", "sconres", "hres", "sres"}
PAGES = {
    "hr": "house-bill",
    "s": "senate-bill",
    "hjres": "house-joint-resolution",
    "sjres": "senate-joint-resolution",
    "hconres": "house-concurrent-resolution",
    "sconres": "senate-concurrent-resolution",
    "hres": "house-resolution",
    "sres": "senate-resolution",
}


class BillStatusError(ValueError):
    """What is wrong with a file, with its line."""


@dataclass(frozen=True)
class BillFacts:
    congress: int
    bill_type: str
    number: int
    title: str
    sponsor: str
    introduced_on: datetime.date | None
    latest_action: str
    latest_action_on: datetime.date | None
    committees: str
    link: str


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def congress_link(congress: int, bill_type: str, number: int) -> str:
    return f"https://www.congress.gov/bill/{ordinal(congress)}-congress/{PAGES[bill_type]}/{number}"


def _text(element, *paths: str) -> str:
    for path in paths:
        found = element.find(path)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return ""


def _date(element, path: str, name: str) -> datetime.date | None:
    value = _text(element, path)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        line = element.find(path).sourceline
        raise BillStatusError(
            f"line {line}: {name} “{value}” is not a date (YYYY-MM-DD)."
        ) from None


def parse_bill_status(data: bytes) -> BillFacts:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        raise BillStatusError(
            f"line {line}: the file is not well-formed XML ({error.msg}); it may be cut short."
        ) from None
    if root.tag != "billStatus":
        raise BillStatusError(
            f"line {root.sourceline}: the file is <{root.tag}>, not a bill status file "
            "(<billStatus>)."
        )
    bill = root.find("bill")
    if bill is None:
        raise BillStatusError(f"line {root.sourceline}: <billStatus> holds no <bill>.")
    number = _text(bill, "number", "billNumber")
    kind = _text(bill, "type", "billType").lower().replace(".", "")
    congress = _text(bill, "congress")
    title = _text(bill, "title")
    for value, name in (
        (number, "<number>"),
        (kind, "<type>"),
        (congress, "<congress>"),
        (title, "<title>"),
    ):
        if not value:
            raise BillStatusError(f"line {bill.sourceline}: the <bill> has no {name}.")
    if kind not in TYPES:
        raise BillStatusError(f"line {bill.sourceline}: “{kind.upper()}” is not a type of bill.")
    if not number.isdigit() or not congress.isdigit():
        raise BillStatusError(
            f"line {bill.sourceline}: the bill's number and congress are numbers."
        )
    committees = [
        _text(item, "name") for item in bill.findall("committees/item") if _text(item, "name")
    ] or [
        _text(item, "name")
        for item in bill.findall("committees/billCommittees/item")
        if _text(item, "name")
    ]
    return BillFacts(
        congress=int(congress),
        bill_type=kind,
        number=int(number),
        title=title,
        sponsor=_text(bill, "sponsors/item/fullName"),
        introduced_on=_date(bill, "introducedDate", "the introduced date"),
        latest_action=_text(bill, "latestAction/text"),
        latest_action_on=_date(bill, "latestAction/actionDate", "the latest action's date"),
        committees="\n".join(committees),
        link=congress_link(int(congress), kind, int(number)),
    )
