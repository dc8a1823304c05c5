"""Indexes for the public job list's keyset pages (one per sort order, published rows only).

SQLite cannot say NULLS LAST in an index: there the two orders on nullable columns get the
same index without it (SQLite's local runs are small; PostgreSQL is what must be fast)."""

from django.db import migrations, models

PUBLISHED = models.Q(("status", "published"))

DEADLINE = models.Index(
    models.OrderBy(models.F("deadline"), nulls_last=True),
    models.OrderBy(models.F("published_at"), descending=True),
    models.OrderBy(models.F("id"), descending=True),
    condition=PUBLISHED,
    name="jobs_posting_pub_deadline",
)
SALARY = models.Index(
    models.OrderBy(models.F("salary_max"), descending=True, nulls_last=True),
    models.OrderBy(models.F("published_at"), descending=True),
    models.OrderBy(models.F("id"), descending=True),
    condition=PUBLISHED,
    name="jobs_posting_pub_salary",
)
WITHOUT_NULL_ORDER = {
    DEADLINE.name: models.Index(
        fields=["deadline", "-published_at", "-id"], condition=PUBLISHED, name=DEADLINE.name
    ),
    SALARY.name: models.Index(
        fields=["-salary_max", "-published_at", "-id"], condition=PUBLISHED, name=SALARY.name
    ),
}


def _add(apps, schema_editor):
    posting = apps.get_model("jobs", "Posting")
    for index in (DEADLINE, SALARY):
        if schema_editor.connection.vendor != "postgresql":
            index = WITHOUT_NULL_ORDER[index.name]
        schema_editor.add_index(posting, index)


def _remove(apps, schema_editor):
    posting = apps.get_model("jobs", "Posting")
    for index in (DEADLINE, SALARY):
        schema_editor.remove_index(posting, index)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0013_constraint_messages_for_threads_and_follow_ups"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="posting",
            index=models.Index(
                condition=PUBLISHED,
                fields=["-published_at", "-id"],
                include=("company", "deadline"),
                name="jobs_posting_pub_newest",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(model_name="posting", index=DEADLINE),
                migrations.AddIndex(model_name="posting", index=SALARY),
            ],
            database_operations=[migrations.RunPython(_add, _remove)],
        ),
    ]
