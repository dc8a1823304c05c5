"""Make every English catalog explicitly complete: each msgstr is its English msgid.

Our msgids are English, so this is the identity translation; it keeps the English
catalogs free of empty entries, which the translation test checks.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


def english_catalogs() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return [p for p in base.glob("**/locale/en/LC_MESSAGES/django.po") if ".venv" not in p.parts]


class Command(BaseCommand):
    help = "Fill empty msgstr entries of the English catalogs with their msgid."

    def handle(self, *args, **options):
        import polib  # a development dependency

        for path in english_catalogs():
            catalog = polib.pofile(str(path))
            filled = 0
            for entry in catalog:
                if entry.obsolete:
                    continue
                if entry.msgid_plural:
                    if not all(entry.msgstr_plural.values()):
                        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                        filled += 1
                elif not entry.msgstr:
                    entry.msgstr = entry.msgid
                    filled += 1
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            catalog.save()
            self.stdout.write(f"{path.relative_to(settings.BASE_DIR)}: {filled} filled")
