"""The demo fairs: an upcoming one with twelve booths, slots, brochures and postings; a past one with outcomes."""

from io import StringIO

from django.core.management import call_command

from fairs.demo import PAST, UPCOMING
from fairs.models import Booth, Brochure, Fair, InterviewSlot
from fairs.selectors import fair_report


def test_seed_demo_creates_an_upcoming_and_a_past_fair_once(db):
    call_command("seed_demo", stdout=StringIO())
    upcoming = Fair.objects.get(title=UPCOMING[0])
    assert upcoming.title_en == UPCOMING[1]
    assert upcoming.status == "registration"
    booths = Booth.objects.filter(fair=upcoming, status="approved")
    assert booths.count() >= 10
    assert all(b.postings.exists() and b.introduction_en for b in booths)
    assert Brochure.objects.filter(booth__fair=upcoming).count() == booths.count()
    assert InterviewSlot.objects.filter(booth__fair=upcoming).count() >= 60
    past = Fair.objects.get(title=PAST[0])
    totals = fair_report(past)["totals"]
    assert past.status == "closed"
    assert totals["conversations"] > 0 and totals["applications"] > 0
    assert totals["interviews_held"] > 0 and totals["interviews_no_show"] > 0
    counts = (Fair.objects.count(), Booth.objects.count(), InterviewSlot.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Fair.objects.count(), Booth.objects.count(), InterviewSlot.objects.count()) == counts
