"""PostgreSQL: match on integer term ids instead of a tsvector in the entry row.

The tsvector made ``search_entry`` about 950 bytes a row, so a term in a quarter of the
postings made the GIN bitmap visit nearly every page of a wide table before any facet was
counted. Now ``search_term`` numbers every analyzed term once, the entry keeps the ids of its
terms (``term_ids``, GIN-indexed) and of its title's (``title_ids``, for ranking), and the row
is under half as wide (~400 bytes). Phrase queries check word order against the analyzed text
in ``search_text`` (see ``search.backends.database.postgres``). SQLite keeps its FTS5 table.

Existing entries get their ids here; the old columns go.
"""

from django.db import migrations

WORDS = "string_to_array(trim(t.title_terms || ' ' || t.body_terms), ' ')"

POSTGRES = [
    "CREATE TABLE search_term (id serial PRIMARY KEY, term text NOT NULL UNIQUE)",
    "ALTER TABLE search_entry ADD COLUMN term_ids integer[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE search_entry ADD COLUMN title_ids integer[] NOT NULL DEFAULT '{}'",
    "INSERT INTO search_term (term) SELECT DISTINCT w FROM search_text t, "
    f"unnest({WORDS}) AS w WHERE w <> '' ORDER BY w ON CONFLICT (term) DO NOTHING",
    "UPDATE search_entry e SET "
    "term_ids = ARRAY(SELECT s.id FROM search_term s "
    f"WHERE s.term = ANY({WORDS}) ORDER BY s.id), "
    "title_ids = ARRAY(SELECT s.id FROM search_term s "
    "WHERE s.term = ANY(string_to_array(t.title_terms, ' ')) ORDER BY s.id) "
    "FROM search_text t WHERE t.entry_id = e.id",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN vector",
    "ALTER TABLE search_entry DROP COLUMN title_vector",
    # fastupdate off: no pending list for every search to scan after a burst of writes
    "CREATE INDEX search_entry_terms ON search_entry USING gin (term_ids) "
    "WITH (fastupdate = off)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_terms",
    "ALTER TABLE search_entry ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    "ALTER TABLE search_entry ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''::tsvector",
    "UPDATE search_entry e SET title_vector = to_tsvector('simple', t.title_terms), "
    "vector = setweight(to_tsvector('simple', t.title_terms), 'A') || "
    "setweight(to_tsvector('simple', t.body_terms), 'B') "
    "FROM search_text t WHERE t.entry_id = e.id",
    "CREATE INDEX search_entry_vector ON search_entry USING gin (vector)",
    "ALTER TABLE search_entry DROP COLUMN term_ids",
    "ALTER TABLE search_entry DROP COLUMN title_ids",
    "DROP TABLE search_term",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_constraint_messages")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
