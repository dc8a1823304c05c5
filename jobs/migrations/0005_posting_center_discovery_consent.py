"""Being discoverable is the "employer_discovery" consent itself: the stored flag goes.

The flag could outlive the consent (withdrawing it left people discoverable). Before it goes,
consents in force of people the flag kept hidden are withdrawn now, so that this migration
changes nobody's visibility to employers: whoever was discoverable (flag and consent) stays so,
whoever was not stays hidden until they choose otherwise in their privacy settings or job
preferences.
"""

from django.db import migrations
from django.utils import timezone

DOCUMENT = "employer_discovery"


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
        ("accounts", "0002_company_profile"),
        ("jobs", "0004_recommendation_feed"),
    ]

    operations = [
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
