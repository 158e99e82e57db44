"""manage.py demo_code EMAIL: the current authenticator-app code of a demo account, so a newcomer
can try every role on the embedded default without a phone."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pitf import demo

DEMO_DOMAIN = "@demo.pitf.gov"


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account (never in production)."

    def add_arguments(self, parser):
        parser.add_argument("email", help=f"a demo account, e.g. admin{DEMO_DOMAIN}")

    def handle(self, *args, email, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo codes are never shown with DJANGO_ENV=production.")
        if not email.lower().endswith(DEMO_DOMAIN):
            raise CommandError(
                f"Only demo accounts (…{DEMO_DOMAIN}) have codes shown here; a real account's "
                "code is on its owner's authenticator app."
            )
        try:
            code, seconds = demo.current_code(email)
        except LookupError as error:
            raise CommandError(f"{error} Create the demo accounts with `make run` first.") from None
        self.stdout.write(code)
        self.stderr.write(f"valid for {seconds} more seconds; each code signs in once")
