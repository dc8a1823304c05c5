"""Companies register with centers; each center's staff verify them for their own center.

Companies that exist already belonged to no center and any center's staff could verify them.
To change nobody's rights by migrating, each is registered with every active center with its
current status; a center's staff can then reject the registrations that are not theirs.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def register_existing_companies(apps, schema_editor):
    Center = apps.get_model("accounts", "Center")
    Company = apps.get_model("accounts", "Company")
    CompanyCenter = apps.get_model("accounts", "CompanyCenter")
    centers = list(Center.objects.filter(is_active=True).order_by("pk"))
    rows = [
        CompanyCenter(
            company_id=company.pk,
            center_id=center.pk,
            status=company.status,
            reason=company.status_reason,
            requested_at=company.created_at,
            decided_by_id=company.verified_by_id,
            decided_at=company.verified_at,
        )
        for company in Company.objects.order_by("pk").iterator()
        for center in centers
    ]
    CompanyCenter.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_company_profile"),
    ]

    operations = [
        migrations.CreateModel(
            name="CompanyCenter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Awaiting verification"),
                            ("verified", "Verified"),
                            ("rejected", "Rejected"),
                        ],
                        default="pending",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("reason", models.CharField(blank=True, max_length=300, verbose_name="reason")),
                (
                    "requested_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="requested at"
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
            ],
            options={
                "verbose_name": "company registration with a center",
                "verbose_name_plural": "company registrations with centers",
                "ordering": ["requested_at", "pk"],
            },
        ),
        migrations.AddIndex(
            model_name="consent",
            index=models.Index(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=["document", "user"],
                name="accounts_consent_in_force",
            ),
        ),
        migrations.AddField(
            model_name="companycenter",
            name="center",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="company_registrations",
                to="accounts.center",
            ),
        ),
        migrations.AddField(
            model_name="companycenter",
            name="company",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="registrations",
                to="accounts.company",
            ),
        ),
        migrations.AddField(
            model_name="companycenter",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="companycenter",
            name="requested_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="centers",
            field=models.ManyToManyField(
                related_name="companies",
                through="accounts.CompanyCenter",
                to="accounts.center",
                verbose_name="centers",
            ),
        ),
        migrations.AddIndex(
            model_name="companycenter",
            index=models.Index(fields=["center", "status"], name="accounts_company_center_queue"),
        ),
        migrations.AddConstraint(
            model_name="companycenter",
            constraint=models.UniqueConstraint(
                fields=("company", "center"), name="accounts_company_center_once"
            ),
        ),
        migrations.RunPython(register_existing_companies, migrations.RunPython.noop),
    ]
