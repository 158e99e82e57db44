"""The audit log's order, (time, id), as an index on both of its tables: a page of the log is the
first rows of each (pitf.people.selectors.audit_log_page), whatever the size of the log."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pitf", "0008_date_range"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["created_at", "id"], name="pitf_auditevent_at_id"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["action", "created_at", "id"], name="pitf_auditevent_action_at_id"
            ),
        ),
        # django-auditlog's table is the package's: its index is made here by hand.
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS pitf_logentry_at_id "
            "ON auditlog_logentry (timestamp, id)",
            "DROP INDEX IF EXISTS pitf_logentry_at_id",
        ),
    ]
