from io import StringIO

from django.core.management import call_command

from accounts.models import Company
from jobs.models import Application, Employment, Interview, JobSeekerProfile, Offer, Posting


def test_seed_demo_creates_jewelry_jobs_once(db):
    call_command("seed_demo", stdout=StringIO())
    assert Company.objects.filter(district="jongno", status="verified").count() >= 15
    assert Posting.objects.filter(status="published").count() >= 40
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values
    )
    assert JobSeekerProfile.objects.filter(discoverable=True).count() >= 10
    # Interviews proposed and confirmed; every 취업 with an accepted offer and its employment.
    assert {"proposed", "confirmed", "held"} <= set(
        Interview.objects.values_list("status", flat=True)
    )
    hired = Application.objects.filter(status="hired")
    assert hired.exists()
    for application in hired:
        assert application.offers.filter(status="accepted").count() == 1
        assert Employment.objects.get(application=application).source == "offer"
    assert Offer.objects.filter(status="open", application__status="offer").exists()
    counts = (
        Posting.objects.count(),
        Application.objects.count(),
        Interview.objects.count(),
        Offer.objects.count(),
    )
    call_command("seed_demo", stdout=StringIO())
    assert (
        Posting.objects.count(),
        Application.objects.count(),
        Interview.objects.count(),
        Offer.objects.count(),
    ) == counts
