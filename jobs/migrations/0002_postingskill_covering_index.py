from django.db import migrations, models


class Migration(migrations.Migration):
    """Drop ``include`` from the model's index declaration (SQLite warns about it, models.W040).

    The database keeps the index 0001 created: covering on PostgreSQL (INCLUDE min_level, weight,
    weight_total, district, employment_type, work_mode, salary_max, so recommendations read the
    index only), plain on SQLite. Only Django's migration state changes here.
    """

    dependencies = [
        ("jobs", "0001_initial"),
        ("skills", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="postingskill", name="jobs_postingskill_open_skill"),
                migrations.AddIndex(
                    model_name="postingskill",
                    index=models.Index(
                        condition=models.Q(("is_open", True)),
                        fields=["skill", "posting"],
                        name="jobs_postingskill_open_skill",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
