"""The notification outbox: every message the hub sends is a row (models) before it is a task
(tasks), with a deduplication key; services record, claim, release and resend the rows; the
worker's bootsteps (worker) record that a worker is alive and sweep the outbox when it
(re)connects. Each kind's templates are templates/notifications/<kind>.*. See
docs/architecture.md, "Notifications"."""
