"""Makes what the embedded default keeps under VAR_DIR before anything uses it: the folder
itself (the SQLite file lives there), the filesystem broker's folders and a secret key that
every process of `make run` shares. Running it again changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand

from pitf.config import write_development_secret_key


class Command(BaseCommand):
    help = "Create VAR_DIR, the embedded broker's folders and the development secret key."
    requires_system_checks = []

    def handle(self, *args, **options):
        var_dir = settings.VAR_DIR
        var_dir.mkdir(parents=True, exist_ok=True)
        made = []
        broker_dir = getattr(settings, "BROKER_DIR", None)
        if broker_dir is not None:
            missing = [broker_dir / f for f in ("queue", "processed", "control")]
            missing = [folder for folder in missing if not folder.is_dir()]
            for folder in missing:
                folder.mkdir(parents=True)
            if missing:
                made.append(f"broker folders under {broker_dir}")
        if not settings.PRODUCTION and write_development_secret_key(var_dir):
            made.append(f"a secret key in {var_dir / 'secret_key'}")
        if made and options["verbosity"] > 0:
            self.stdout.write("Prepared " + " and ".join(made) + ".")
