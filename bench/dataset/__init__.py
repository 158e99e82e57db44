"""A deterministic, realistic data set of many years of the hub's use, for measuring speed at
scale (`manage.py generate_dataset --settings=bench.settings --years 15 --seed 1`,
docs/performance.md). It sits outside the core: it writes every feature's rows.

On top of the reference data (bodies and the PITF's agencies): components of the departments,
people of every agency, memberships of the committees and working groups, principals and
alternates handed over every few years, chairs and chair's office staff in terms, meetings with
their invitees, solicitations and proposed awards, their circulations for comment with the
agencies' answers and comments, and an audit log of field changes and events over the years. The
same seed and end date give the same rows. The bulk of the rows goes in with `bulk_create` in
batches; the largest tables (recipients, comments, the audit log) with PostgreSQL's COPY.

Every row keeps the rules the database and the services keep: memberships and principals never
overlap, every designation lies inside its agency's membership of the body, a person holds one
designation per body at a time."""

from bench.dataset.common import EVENT_ACTIONS, FIRST_NAMES, LAST_NAMES, ONE_DAY, Report, Scale
from bench.dataset.run import generate

__all__ = ["EVENT_ACTIONS", "FIRST_NAMES", "LAST_NAMES", "ONE_DAY", "Report", "Scale", "generate"]
