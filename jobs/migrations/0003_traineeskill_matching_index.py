from django.db import migrations

# Matching reads skills_traineeskill by skill for a posting's candidates; on PostgreSQL a covering
# index lets that read be index-only. The table belongs to the skills app, but only jobs reads it
# this way, so jobs owns the index (and drops it on the way back). Nothing happens on SQLite.
CREATE = (
    "CREATE INDEX IF NOT EXISTS jobs_traineeskill_match "
    "ON skills_traineeskill (skill_id) INCLUDE (user_id, level, source)"
)
DROP = "DROP INDEX IF EXISTS jobs_traineeskill_match"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0002_postingskill_covering_index"),
        ("skills", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
