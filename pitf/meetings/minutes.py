"""Reading a meeting's minutes: the current text rendered from Markdown (CommonMark, by
markdown-it-py) and sanitised (nh3) before it is shown; the first draft written from the agenda
and the decisions; two versions compared line by line; the comments of its circulation not yet
resolved."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

from pitf.meetings.models import Meeting, Minutes, MinutesVersion

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
# What minutes may hold once rendered: text structure, links and tables; nothing that runs.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "blockquote", "code",
    "pre", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip


def rendered(text: str) -> str:
    """The Markdown as HTML that is safe to show: rendered without raw HTML, then sanitised."""
    return nh3.clean(
        _MARKDOWN.render(text),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
    )


def minutes_of(meeting: Meeting) -> Minutes | None:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None:
        minutes.all_versions = list(minutes.versions.select_related("written_by"))
        minutes.current = minutes.all_versions[0] if minutes.all_versions else None
    return minutes


def first_draft(meeting: Meeting, items: list, decisions: list) -> str:
    """The draft the chair's office starts from: who met, then a heading per agenda item with
    room for its summary and the decisions recorded against it."""
    lines = [
        f"Minutes of the {meeting.body.name}, {meeting.local_start:%B %-d, %Y}.",
        "",
        "Present: see the meeting's attendance.",
        "",
    ]
    by_item: dict[int | None, list[str]] = {}
    for decision in decisions:
        by_item.setdefault(decision.agenda_item_id, []).append(decision.text)
    for item in items:
        lines += [f"## {item.number}. {item.title}", "", "Summary: ", ""]
        for text in by_item.get(item.pk, []):
            lines.append(f"- Decided: {text}")
        if item.pk in by_item:
            lines.append("")
    if by_item.get(None):
        lines += ["## Other decisions", ""]
        lines += [f"- Decided: {text}" for text in by_item[None]]
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class DiffLine:
    change: str  # "added" | "removed" | "same"
    text: str


def compared(older: MinutesVersion, newer: MinutesVersion) -> list[DiffLine]:
    """The lines of two versions, each marked added, removed or the same (ndiff's order)."""
    marks = {"+ ": "added", "- ": "removed", "  ": "same"}
    return [
        DiffLine(marks[line[:2]], line[2:])
        for line in difflib.ndiff(older.text.splitlines(), newer.text.splitlines())
        if line[:2] in marks
    ]
