"""Centers own their moderation, and being discoverable is the consent itself.

1. A posting names the center whose staff review it (``Posting.center``). Postings written
   before get one of their company's centers (accounts 0003 registered every company with every
   active center): the center of the staff member who reviewed it if they ran one, else the
   company's oldest registration, verified ones first.
2. The stored ``discoverable`` flag could outlive the "employer_discovery" consent (withdrawing
   it left people discoverable), so it goes. Before it does, consents in force of people the
   flag kept hidden are withdrawn now, so that this migration changes nobody's visibility to
   employers: whoever was discoverable (flag and consent) stays so, whoever was not stays hidden
   until they choose otherwise in their privacy settings or job preferences.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

DOCUMENT = "employer_discovery"


def name_centers(apps, schema_editor):
    Posting = apps.get_model("jobs", "Posting")
    CompanyCenter = apps.get_model("accounts", "CompanyCenter")
    CenterMembership = apps.get_model("accounts", "CenterMembership")
    for posting in Posting.objects.filter(center__isnull=True).iterator():
        registrations = list(
            CompanyCenter.objects.filter(company_id=posting.company_id)
            .exclude(status="rejected")
            .order_by("requested_at", "pk")
        )
        if not registrations:
            continue
        reviewer_centers = set(
            CenterMembership.objects.filter(
                user_id=posting.reviewed_by_id, role="staff"
            ).values_list("center_id", flat=True)
        )
        chosen = next(
            (r for r in registrations if r.center_id in reviewer_centers),
            min(registrations, key=lambda r: (r.status != "verified", r.requested_at, r.pk)),
        )
        Posting.objects.filter(pk=posting.pk).update(center_id=chosen.center_id)


def keep_visibility(apps, schema_editor):
    Consent = apps.get_model("accounts", "Consent")
    JobSeekerProfile = apps.get_model("jobs", "JobSeekerProfile")
    shown = JobSeekerProfile.objects.filter(discoverable=True).values("user_id")
    Consent.objects.filter(document=DOCUMENT, withdrawn_at__isnull=True).exclude(
        user_id__in=shown
    ).update(withdrawn_at=timezone.now())


def restore_flag(apps, schema_editor):
    Consent = apps.get_model("accounts", "Consent")
    JobSeekerProfile = apps.get_model("jobs", "JobSeekerProfile")
    consenting = Consent.objects.filter(document=DOCUMENT, withdrawn_at__isnull=True)
    JobSeekerProfile.objects.filter(user_id__in=consenting.values("user_id")).update(
        discoverable=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_company_centers"),
        ("jobs", "0004_recommendation_feed"),
    ]

    operations = [
        migrations.AddField(
            model_name="posting",
            name="center",
            field=models.ForeignKey(
                blank=True,
                help_text="The center that reviews this posting: one your company is registered with.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="postings",
                to="accounts.center",
                verbose_name="center",
            ),
        ),
        migrations.AddIndex(
            model_name="posting",
            index=models.Index(fields=["center", "status"], name="jobs_posting_center_status"),
        ),
        migrations.RunPython(name_centers, migrations.RunPython.noop),
        migrations.RunPython(keep_visibility, restore_flag),
        migrations.RemoveIndex(
            model_name="jobseekerprofile",
            name="jobs_profile_discoverable",
        ),
        migrations.RemoveField(
            model_name="jobseekerprofile",
            name="discoverable",
        ),
    ]
