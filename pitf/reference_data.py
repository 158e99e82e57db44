"""Loads the reference data file (agencies, bodies, memberships): all of it or, on any error,
nothing, with the file, line and field of the first problem."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from pitf.models import Agency, Body, Membership

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "reference.yaml"
LINE = "__line__"


class ReferenceDataError(Exception):
    def __init__(self, path: Path, line: int | None, field_name: str | None, message: str):
        self.path, self.line, self.field_name = path, line, field_name
        where = f"{path}"
        if line:
            where += f", line {line}"
        if field_name:
            where += f", field '{field_name}'"
        super().__init__(f"{where}: {message}")


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers on which line each mapping starts."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


@dataclass
class LoadReport:
    created: dict[str, int] = field(
        default_factory=lambda: {"agency": 0, "body": 0, "membership": 0}
    )
    updated: dict[str, int] = field(
        default_factory=lambda: {"agency": 0, "body": 0, "membership": 0}
    )

    def __str__(self):
        return ", ".join(
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated"
            for kind in self.created
        )


class _Reader:
    """Checks one record's fields and turns them into Python values."""

    def __init__(self, path: Path, record, section: str):
        self.path = path
        if not isinstance(record, dict):
            raise ReferenceDataError(
                path, None, None, f"each entry of '{section}' must be a mapping"
            )
        self.record = record
        self.line = record.get(LINE)

    def error(self, field_name, message):
        return ReferenceDataError(self.path, self.line, field_name, message)

    def check_known(self, allowed: set[str]):
        unknown = set(self.record) - allowed - {LINE}
        if unknown:
            raise self.error(sorted(unknown)[0], "is not a known field")

    def text(self, name, *, required=True, max_length=None) -> str:
        value = self.record.get(name)
        if value is None or value == "":
            if required:
                raise self.error(name, "is required")
            return ""
        if not isinstance(value, str):
            raise self.error(name, f"must be text, not {value!r}")
        if max_length and len(value) > max_length:
            raise self.error(name, f"must be at most {max_length} characters")
        return value.strip()

    def choice(self, name, choices, *, default=None) -> str:
        value = self.record.get(name, default)
        if value not in choices.values:
            raise self.error(name, f"must be one of {', '.join(choices.values)}, not {value!r}")
        return value

    def date(self, name, *, required=True) -> datetime.date | None:
        value = self.record.get(name)
        if value is None:
            if required:
                raise self.error(name, "is required")
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.error(name, f"must be a date written YYYY-MM-DD, not {value!r}")

    def names(self, name) -> list[str]:
        value = self.record.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.error(name, "must be a non-empty list of names")
        return value


def parse(path: Path) -> dict:
    """Read and check the whole file; raise ReferenceDataError on the first problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ReferenceDataError(path, None, None, f"cannot be read ({error.strerror})") from error
    try:
        # _LineLoader is a SafeLoader that also records line numbers: no object is built.
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506  # nosec B506
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise ReferenceDataError(
            path, line, None, f"is not valid YAML ({error.problem})"
        ) from error
    if not isinstance(document, dict):
        raise ReferenceDataError(
            path, None, None, "must be a mapping with agencies, bodies, memberships"
        )
    unknown = set(document) - {"agencies", "bodies", "memberships", LINE}
    if unknown:
        raise ReferenceDataError(path, None, sorted(unknown)[0], "is not a known section")

    agencies, bodies, memberships = {}, {}, []
    for record in document.get("agencies") or []:
        r = _Reader(path, record, "agencies")
        r.check_known({"acronym", "name", "kind", "website", "parent", "active"})
        acronym = r.text("acronym", max_length=20)
        if acronym in agencies:
            raise r.error("acronym", f"{acronym!r} appears twice")
        parent = r.text("parent", required=False)
        if parent and parent not in agencies:
            raise r.error("parent", f"{parent!r} is not an agency listed above it")
        agencies[acronym] = {
            "line": r.line,
            "name": r.text("name", max_length=200),
            "kind": r.choice("kind", Agency.Kind),
            "website": r.text("website", required=False),
            "parent": parent,
            "active": bool(r.record.get("active", True)),
        }
    for record in document.get("bodies") or []:
        r = _Reader(path, record, "bodies")
        r.check_known(
            {
                "short_name",
                "name",
                "kind",
                "parent",
                "chair_title",
                "chair_agency",
                "cadence",
                "purpose",
                "charter",
                "established",
                "sunset",
            }
        )
        short_name = r.text("short_name", max_length=40)
        if short_name in bodies:
            raise r.error("short_name", f"{short_name!r} appears twice")
        parent = r.text("parent", required=False)
        if parent and parent not in bodies:
            raise r.error("parent", f"{parent!r} is not a body listed above it")
        chair_agency = r.text("chair_agency", required=False)
        if chair_agency and chair_agency not in agencies:
            raise r.error("chair_agency", f"{chair_agency!r} is not a listed agency")
        established, sunset = (
            r.date("established", required=False),
            r.date("sunset", required=False),
        )
        if established and sunset and sunset < established:
            raise r.error("sunset", "cannot be before the date established")
        bodies[short_name] = {
            "line": r.line,
            "name": r.text("name", max_length=200),
            "kind": r.choice("kind", Body.Kind),
            "parent": parent,
            "chair_title": r.text("chair_title", required=False, max_length=200),
            "chair_agency": chair_agency,
            "cadence": r.choice("cadence", Body.Cadence, default=Body.Cadence.AS_SET),
            "purpose": r.text("purpose", required=False),
            "charter": r.text("charter", required=False),
            "established": established,
            "sunset": sunset,
        }
    for record in document.get("memberships") or []:
        r = _Reader(path, record, "memberships")
        r.check_known({"bodies", "agencies", "status", "start_date", "end_date"})
        start, end = r.date("start_date"), r.date("end_date", required=False)
        if end and end < start:
            raise r.error("end_date", "cannot be before the start date")
        status = r.choice("status", Membership.Status, default=Membership.Status.MEMBER)
        for body in r.names("bodies"):
            if body not in bodies:
                raise r.error("bodies", f"{body!r} is not a listed body")
            for agency in r.names("agencies"):
                if agency not in agencies:
                    raise r.error("agencies", f"{agency!r} is not a listed agency")
                memberships.append(
                    {
                        "line": r.line,
                        "body": body,
                        "agency": agency,
                        "status": status,
                        "start_date": start,
                        "end_date": end,
                    }
                )
    return {"agencies": agencies, "bodies": bodies, "memberships": memberships}


def load(path: Path = DEFAULT_PATH, *, update: bool = False) -> LoadReport:
    """Create what the file lists and the database lacks; with update=True also overwrite rows
    that differ from the file. One transaction: an error leaves the database as it was."""
    data = parse(path)
    report = LoadReport()
    with transaction.atomic():
        agencies = {}
        for acronym, row in data["agencies"].items():
            values = {
                "name": row["name"],
                "kind": row["kind"],
                "website": row["website"],
                "parent": agencies.get(row["parent"]),
                "active": row["active"],
            }
            agencies[acronym] = _upsert(
                path, row["line"], Agency, {"acronym": acronym}, values, update, report, "agency"
            )
        bodies = {}
        for short_name, row in data["bodies"].items():
            values = {
                key: row[key]
                for key in (
                    "name",
                    "kind",
                    "chair_title",
                    "cadence",
                    "purpose",
                    "charter",
                    "established",
                    "sunset",
                )
            }
            values["parent"] = bodies.get(row["parent"])
            values["chair_agency"] = agencies.get(row["chair_agency"])
            bodies[short_name] = _upsert(
                path, row["line"], Body, {"short_name": short_name}, values, update, report, "body"
            )
        for row in data["memberships"]:
            _upsert(
                path,
                row["line"],
                Membership,
                {
                    "agency": agencies[row["agency"]],
                    "body": bodies[row["body"]],
                    "start_date": row["start_date"],
                },
                {"status": row["status"], "end_date": row["end_date"]},
                update,
                report,
                "membership",
            )
    return report


def _upsert(path, line, model, keys, values, update, report, kind):
    instance = model.objects.filter(**keys).first()
    if instance is None:
        instance = model(**keys, **values)
        report.created[kind] += 1
    elif update and any(getattr(instance, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(instance, name, value)
        report.updated[kind] += 1
    else:
        return instance
    try:
        instance.full_clean()
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        raise ReferenceDataError(path, line, field_name, " ".join(messages)) from error
    instance.save()
    return instance
