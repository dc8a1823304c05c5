"""Each stored recommendation list's last row on its state row (``services.feed``), filled in
for the lists that exist."""

from django.db import migrations, models

LAST_ROWS = """
    UPDATE jobs_recommendationstate SET
        last_score = (
            SELECT r.score FROM jobs_recommendation r
            WHERE r.user_id = jobs_recommendationstate.user_id
            ORDER BY r.score, r.posting_id LIMIT 1
        ),
        last_posting_id = (
            SELECT r.posting_id FROM jobs_recommendation r
            WHERE r.user_id = jobs_recommendationstate.user_id
            ORDER BY r.score, r.posting_id LIMIT 1
        )
"""


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0014_posting_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendationstate",
            name="last_posting_id",
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="recommendationstate",
            name="last_score",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.RunSQL(LAST_ROWS, migrations.RunSQL.noop),
    ]
