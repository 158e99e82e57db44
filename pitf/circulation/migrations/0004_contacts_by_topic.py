"""An agency's grant contacts become one list among any a document kind declares: the rows keep
their people and are the list "grants" (the topic grants registers)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0003_asked_indexes"),
        ("pitf", "0012_notification_reply_to"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="grantcontact", name="grant_contact_once"),
        migrations.RenameModel(old_name="GrantContact", new_name="Contact"),
        migrations.AddField(
            model_name="contact",
            name="topic",
            field=models.CharField(default="grants", max_length=40),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="contact",
            constraint=models.UniqueConstraint(
                fields=("agency", "person", "topic"), name="contact_once"
            ),
        ),
    ]
