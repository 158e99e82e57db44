"""manage.py load_reference_data: load the agencies, bodies and memberships of the data file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pitf import reference_data
from pitf.features import load_feature_reference_data


class Command(BaseCommand):
    help = (
        "Load the reference data (agencies, bodies, memberships). Running it twice changes "
        "nothing; rows edited in the product are kept unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=reference_data.DEFAULT_PATH)
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite existing rows that differ from the file.",
        )

    def handle(self, *args, file, update, **options):
        try:
            report = reference_data.load(file, update=update)
        except reference_data.ReferenceDataError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded from {file.name}: {report}"))
        for loaded in load_feature_reference_data(update=update):
            self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {loaded}"))
