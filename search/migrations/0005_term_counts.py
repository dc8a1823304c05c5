"""PostgreSQL: facet counts kept per common term, an index for the title tier, one for expiry.

``search_term_count`` (kind, term, slot, value) → count is written with every change to
``search_entry`` for the terms chosen as common (``search.backends.database.counts``), so a
one-word search for such a term reads its total and facet counts instead of aggregating tens
of thousands of matches. ``search_entry_title_terms`` finds the entries whose title holds a
term: for one word they rank above every other match, so a page usually comes from them
alone. ``search_entry_expiry`` finds the entries hidden since their ``expires_on``, which a
kept count subtracts.
"""

from django.db import migrations

POSTGRES = [
    "CREATE TABLE search_term_count (kind varchar(16) NOT NULL, term_id integer NOT NULL, "
    "slot smallint NOT NULL, value integer NOT NULL, count integer NOT NULL, "
    # room on each page for the updated row versions (HOT updates keep a term's rows together)
    "PRIMARY KEY (kind, term_id, slot, value)) WITH (fillfactor = 70)",
    "CREATE INDEX search_entry_title_terms ON search_entry USING gin (title_ids) "
    "WITH (fastupdate = off)",
    "CREATE INDEX search_entry_expiry ON search_entry (kind, expires_on) "
    "WHERE expires_on IS NOT NULL",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_expiry",
    "DROP INDEX IF EXISTS search_entry_title_terms",
    "DROP TABLE IF EXISTS search_term_count",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_term_ids")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
