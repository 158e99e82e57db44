"""manage.py create_demo_accounts: one account per role, for trying the hub on the embedded default."""

import os
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pitf import demo


class Command(BaseCommand):
    help = "Create one demo account per role (embedded SQLite default only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-any-database",
            action="store_true",
            help="Also on PostgreSQL (never on a production database).",
        )

    def handle(self, *args, allow_any_database, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo accounts are never created with DJANGO_ENV=production.")
        engine = settings.DATABASES["default"]["ENGINE"]
        if "sqlite" not in engine and not allow_any_database:
            raise CommandError(
                "Demo accounts are for the embedded SQLite default; DATABASE_URL is set."
            )
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
        with transaction.atomic():
            created = demo.create_accounts(password=password)
        if not created:
            self.stdout.write("Demo accounts already exist; their passwords are unchanged.")
            return
        self.stdout.write(self.style.SUCCESS("Demo accounts (one per role):"))
        for account in created:
            self.stdout.write(f"  {account.email:<38} {account.role}")
        if os.environ.get("DEMO_PASSWORD"):
            self.stdout.write("Password: the value of DEMO_PASSWORD.")
        else:
            self.stdout.write(self.style.WARNING(f"Password (shown once): {password}"))
