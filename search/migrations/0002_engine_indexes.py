"""What the ORM cannot declare: PostgreSQL's tsvector columns (``vector`` over title and body,
GIN-indexed, for matching; ``title_vector``, small, for ranking without reading ``vector``), the
autocomplete and trigram indexes; SQLite's FTS5 table kept in step with ``search_text`` by
triggers."""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_entry ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    "ALTER TABLE search_entry ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_entry_vector ON search_entry USING gin (vector)",
    "CREATE INDEX search_suggestion_key ON search_suggestion (key varchar_pattern_ops)",
    "CREATE INDEX search_text_title_trgm ON search_text USING gin (title gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_text_title_trgm",
    "DROP INDEX IF EXISTS search_suggestion_key",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS vector",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS title_vector",
]
SQLITE = [
    "CREATE VIRTUAL TABLE search_text_fts USING fts5("
    "title_terms, body_terms, content='search_text', content_rowid='entry_id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN "
    "INSERT INTO search_text_fts(rowid, title_terms, body_terms) "
    "VALUES (new.entry_id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN "
    "INSERT INTO search_text_fts(search_text_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.entry_id, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER search_text_au AFTER UPDATE ON search_text BEGIN "
    "INSERT INTO search_text_fts(search_text_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.entry_id, old.title_terms, old.body_terms); "
    "INSERT INTO search_text_fts(rowid, title_terms, body_terms) "
    "VALUES (new.entry_id, new.title_terms, new.body_terms); END",
    "CREATE INDEX search_suggestion_key ON search_suggestion (key)",
]
SQLITE_REVERSE = [
    "DROP INDEX IF EXISTS search_suggestion_key",
    "DROP TRIGGER IF EXISTS search_text_au",
    "DROP TRIGGER IF EXISTS search_text_ad",
    "DROP TRIGGER IF EXISTS search_text_ai",
    "DROP TABLE IF EXISTS search_text_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
