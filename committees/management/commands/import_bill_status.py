"""Import bills from the Government Publishing Office's bill status XML files (BILLSTATUS):
`manage.py import_bill_status FILE...`. All of the files or none: a refused file is named with
its line and nothing is saved."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from committees.services.legislation import bills_import


class Command(BaseCommand):
    help = "Import bills from bill status XML files (one bill a file)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files, **options):
        try:
            result = bills_import(actor=None, files=[(f.name, f.read_bytes()) for f in files])
        except ValidationError as refused:
            raise CommandError("Nothing imported:\n" + "\n".join(refused.messages)) from None
        except OSError as error:
            raise CommandError(f"Cannot read {error.filename}: {error.strerror}") from None
        self.stdout.write(
            f"Imported: {result.created} new, {result.updated} brought up to date, "
            f"{result.unchanged} unchanged."
        )
