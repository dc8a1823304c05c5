from io import StringIO

from django.core.management import call_command

from accounts.consents import EMPLOYER_DISCOVERY
from accounts.models import Company, CompanyCenter
from accounts.selectors import consenting_user_ids
from jobs.models import Application, Employment, Interview, JobSeekerProfile, Offer, Posting


def test_seed_demo_creates_jewelry_jobs_once(db):
    call_command("seed_demo", stdout=StringIO())
    assert Company.objects.filter(district="jongno", status="verified").count() >= 15
    assert Posting.objects.filter(status="published").count() >= 40
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values
    )
    # Every posting is reviewed by a center its company is verified by; a verified company waits
    # for a second center's staff to take it in.
    for posting in Posting.objects.select_related("center"):
        assert posting.company.registrations.get(center=posting.center).status == "verified"
    assert CompanyCenter.objects.filter(
        center__slug="seongsu-shoes", status="pending", company__status="verified"
    ).exists()
    discoverable = consenting_user_ids(EMPLOYER_DISCOVERY)
    assert JobSeekerProfile.objects.filter(user__in=discoverable).count() >= 10
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
