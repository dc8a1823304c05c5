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
    help = "Make every msgstr of the English catalogs its msgid (our msgids are English)."

    def handle(self, *args, **options):
        import polib  # a development dependency

        for path in english_catalogs():
            catalog = polib.pofile(str(path))
            filled = 0
            for entry in catalog:
                if entry.obsolete:
                    continue
                # Always the identity: a fuzzy guess from makemessages must not survive here.
                if entry.msgid_plural:
                    wanted = {0: entry.msgid, 1: entry.msgid_plural}
                    if entry.msgstr_plural != wanted:
                        entry.msgstr_plural = wanted
                        filled += 1
                elif entry.msgstr != entry.msgid:
                    entry.msgstr = entry.msgid
                    filled += 1
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            catalog.save()
            self.stdout.write(f"{path.relative_to(settings.BASE_DIR)}: {filled} filled")
