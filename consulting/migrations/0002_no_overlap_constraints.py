"""No double booking, enforced by PostgreSQL.

Two exclusion constraints over pending and confirmed bookings:

* a counselor's held time (buffers included) never overlaps another booking of theirs;
* a person never holds two overlapping consultations.

``btree_gist`` lets ``=`` on the id sit beside ``&&`` on the range in one GiST index.
Both operations do nothing on SQLite, where the booking service checks for overlaps
while SQLite's single writer serializes the transactions.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from core.db import PostgresOnlySQL

COUNSELOR = "consulting_booking_counselor_no_overlap"
PERSON = "consulting_booking_person_no_overlap"

CREATE = [
    f"""
    ALTER TABLE consulting_booking ADD CONSTRAINT {COUNSELOR}
    EXCLUDE USING gist (
        counselor_id WITH =,
        tstzrange(blocked_start, blocked_end, '[)') WITH &&
    ) WHERE (status IN ('pending', 'confirmed'))
    """,
    f"""
    ALTER TABLE consulting_booking ADD CONSTRAINT {PERSON}
    EXCLUDE USING gist (
        person_id WITH =,
        tstzrange("start", "end", '[)') WITH &&
    ) WHERE (status IN ('pending', 'confirmed'))
    """,
]
DROP = [f"ALTER TABLE consulting_booking DROP CONSTRAINT IF EXISTS {name}" for name in (PERSON, COUNSELOR)]


class Migration(migrations.Migration):

    dependencies = [
        ("consulting", "0001_initial"),
    ]

    operations = [
        BtreeGistExtension(),
        PostgresOnlySQL(sql=CREATE, reverse_sql=DROP),
    ]
