"""The demo fairs: an upcoming one with twelve booths, slots, brochures and postings; a past one with outcomes."""

from io import StringIO

from django.core.management import call_command

from fairs.demo import past_titles, upcoming_titles
from fairs.models import Booth, Brochure, Fair, InterviewSlot
from fairs.selectors import fair_report


def test_seed_demo_creates_an_upcoming_and_a_past_fair_once(db):
    call_command("seed_demo", stdout=StringIO())
    upcoming_title, upcoming_title_en = upcoming_titles()
    upcoming = Fair.objects.get(title=upcoming_title)
    assert upcoming.title_en == upcoming_title_en
    assert str(upcoming.starts_on.year) in upcoming_title
    assert upcoming.status == "registration"
    booths = Booth.objects.filter(fair=upcoming, status="approved")
    assert booths.count() >= 10
    assert all(b.postings.exists() and b.introduction_en for b in booths)
    assert Brochure.objects.filter(booth__fair=upcoming).count() == booths.count()
    assert InterviewSlot.objects.filter(booth__fair=upcoming).count() >= 60
    past = Fair.objects.get(title=past_titles()[0])
    assert past.title.startswith(str(past.starts_on.year))
    totals = fair_report(past)["totals"]
    assert past.status == "closed"
    assert totals["conversations"] > 0 and totals["applications"] > 0
    assert totals["interviews_held"] > 0 and totals["interviews_no_show"] > 0
    counts = (Fair.objects.count(), Booth.objects.count(), InterviewSlot.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Fair.objects.count(), Booth.objects.count(), InterviewSlot.objects.count()) == counts


def test_a_past_fair_is_titled_with_the_year_and_season_it_was_held_in():
    import datetime as dt

    assert past_titles(dt.date(2026, 10, 1)) == (
        "2026 종로 주얼리 가을 채용박람회",
        "2026 Jongno Jewelry Autumn Job Fair",
    )
    assert past_titles(dt.date(2027, 1, 20))[0] == "2027 종로 주얼리 겨울 채용박람회"
