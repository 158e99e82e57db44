"""A reminder is for one start of its meeting (for_start): a postponed meeting gets all its
reminders again. Existing rows are for their meeting's current start."""

from django.db import migrations, models


def fill_for_start(apps, schema_editor):
    Reminder = apps.get_model("meetings", "Reminder")
    Meeting = apps.get_model("meetings", "Meeting")
    for meeting_id, starts_at in Meeting.objects.values_list("pk", "starts_at"):
        Reminder.objects.filter(meeting_id=meeting_id).update(for_start=starts_at)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_calendar_feed"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="for_start",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(fill_for_start, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reminder",
            name="for_start",
            field=models.DateTimeField(),
        ),
        migrations.RemoveConstraint(
            model_name="reminder",
            name="reminder_once_per_offset",
        ),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.UniqueConstraint(
                fields=("meeting", "invitee", "days_before", "for_start"),
                name="reminder_once_per_offset_and_start",
            ),
        ),
    ]
