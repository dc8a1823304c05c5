"""No double booking of a representative or an attendee, enforced by PostgreSQL.

* a representative's slots (the buffer after each included) never overlap, across booths;
* an attendee never holds two overlapping booked interviews, across booths.

The third rule, one booked interview per slot, is a partial unique index in 0001 and
holds on SQLite as well. ``btree_gist`` lets ``=`` on an id sit beside ``&&`` on a
range in one GiST index. On SQLite these are skipped; the services check under the
database's single write lock instead.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

REPRESENTATIVE = "fairs_slot_representative_no_overlap"
ATTENDEE = "fairs_interview_attendee_no_overlap"

CREATE = [
    f"""
    ALTER TABLE fairs_interviewslot ADD CONSTRAINT {REPRESENTATIVE}
    EXCLUDE USING gist (
        representative_id WITH =,
        tstzrange("start", blocked_until, '[)') WITH &&
    )
    """,
    f"""
    ALTER TABLE fairs_interview ADD CONSTRAINT {ATTENDEE}
    EXCLUDE USING gist (
        attendee_id WITH =,
        tstzrange("start", "end", '[)') WITH &&
    ) WHERE (status = 'booked')
    """,
]
DROP = [
    f"ALTER TABLE fairs_interview DROP CONSTRAINT IF EXISTS {ATTENDEE}",
    f"ALTER TABLE fairs_interviewslot DROP CONSTRAINT IF EXISTS {REPRESENTATIVE}",
]


class PostgresOnlySQL(migrations.RunSQL):
    """``RunSQL`` that is skipped on every database but PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("fairs", "0001_initial"),
    ]

    operations = [
        BtreeGistExtension(),
        PostgresOnlySQL(sql=CREATE, reverse_sql=DROP),
    ]
