"""Offers and hires: only an accepted offer or center staff make an application 취업."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core.audit import entries_for
from core.exceptions import ConflictError
from jobs import services
from jobs.models import Application, Employment, Offer
from tests.jobs.hiring_fixtures import *  # noqa: F403
from tests.jobs.hiring_fixtures import NOW, SEOUL, make_offer

TODAY = NOW.date()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


class TestMaking:
    def test_an_offer_moves_the_application_to_offer_and_tells_the_candidate(
        self, application, bob, on_commit
    ):
        offer = on_commit(make_offer, application, bob)
        application.refresh_from_db()
        assert application.status == "offer" and offer.status == "open"
        # Open until the end of the expiry day in Korea.
        assert offer.expires_at == dt.datetime.combine(
            TODAY + dt.timedelta(days=8), dt.time.min, tzinfo=SEOUL
        )
        assert offer.expires_on == TODAY + dt.timedelta(days=7)
        assert [m.to for m in mail.outbox] == [["alice@example.com"]]
        assert entries_for(offer).get().action == "jobs.offer.made"

    @pytest.mark.parametrize(
        "overrides,field",
        [
            ({"expires_on": TODAY - dt.timedelta(days=1)}, "expires_on"),
            ({"expires_on": TODAY + dt.timedelta(days=90)}, "expires_on"),
            ({"start_date": TODAY - dt.timedelta(days=1)}, "start_date"),
            ({"salary": 0}, "salary"),
            ({"position": "  "}, "position"),
            ({"employment_type": "forever"}, "employment_type"),
            ({"note": "가" * 2001}, "note"),
        ],
    )
    def test_bad_input_is_refused_and_nothing_changes(self, application, bob, overrides, field):
        with pytest.raises(ValidationError) as caught:
            make_offer(application, bob, **overrides)
        assert field in caught.value.message_dict
        application.refresh_from_db()
        assert application.status == "submitted" and not Offer.objects.exists()

    def test_one_open_offer_at_a_time(self, application, bob):
        make_offer(application, bob)
        with pytest.raises(ConflictError):
            make_offer(application, bob)


class TestAnswering:
    def test_accepting_hires_and_records_the_employment(self, application, bob, alice, on_commit):
        offer = make_offer(application, bob)
        mail.outbox.clear()
        employment = on_commit(services.offer_accept, offer=offer, by=alice, now=NOW)
        application.refresh_from_db()
        offer.refresh_from_db()
        assert application.status == "hired" and offer.status == "accepted"
        assert (employment.source, employment.person, employment.company) == (
            "offer",
            alice,
            application.posting.company,
        )
        assert employment.start_date == TODAY + dt.timedelta(days=14)
        assert employment.salary_band == "30m_35m" and employment.offer == offer
        assert employment.company_name == application.posting.company.name
        assert [m.to for m in mail.outbox] == [["bob@example.com"]]
        kinds = list(application.events.values_list("kind", "to_status"))
        assert kinds[-2:] == [("offer_accepted", ""), ("status", "hired")]

    def test_declining_keeps_the_application_and_tells_the_company(
        self, application, bob, alice, on_commit
    ):
        offer = make_offer(application, bob)
        mail.outbox.clear()
        on_commit(services.offer_decline, offer=offer, by=alice, reason="다른 곳에 취업", now=NOW)
        application.refresh_from_db()
        assert application.status == "offer" and not Employment.objects.exists()
        assert Offer.objects.get().status_reason == "다른 곳에 취업"
        assert [m.to for m in mail.outbox] == [["bob@example.com"]]

    def test_an_expired_offer_cannot_be_accepted(self, application, bob, alice):
        offer = make_offer(application, bob, expires_in=0)
        end_of_day = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time.min, tzinfo=SEOUL)
        with pytest.raises(ConflictError, match=r"\d{4}-\d\d-\d\d"):
            services.offer_accept(offer=offer, by=alice, now=end_of_day)
        application.refresh_from_db()
        offer.refresh_from_db()
        assert application.status == "offer" and offer.status == "open"
        assert not Employment.objects.exists()
        # A minute before the end of the day it still could.
        services.offer_accept(offer=offer, by=alice, now=end_of_day - dt.timedelta(minutes=1))

    def test_a_withdrawn_offer_cannot_be_accepted(self, application, bob, alice, on_commit):
        offer = make_offer(application, bob)
        mail.outbox.clear()
        on_commit(services.offer_withdraw, offer=offer, by=bob, reason="채용 계획 변경")
        assert [m.to for m in mail.outbox] == [["alice@example.com"]]
        assert entries_for(offer).filter(action="jobs.offer.withdrawn").exists()
        with pytest.raises(ConflictError):
            services.offer_accept(offer=offer, by=alice, now=NOW)
        assert Application.objects.get().status == "offer"
        assert not Employment.objects.exists()

    def test_only_the_candidate_answers(self, application, bob):
        offer = make_offer(application, bob)
        with pytest.raises(ValidationError):
            services.offer_accept(offer=offer, by=bob, now=NOW)
        assert Offer.objects.get().status == "open"

    def test_withdrawing_the_application_declines_the_open_offer(self, application, bob, alice):
        make_offer(application, bob)
        services.application_withdraw(application=application, by=alice)
        assert Offer.objects.get().status == "declined"


class TestLapsing:
    def test_a_day_before_the_candidate_is_warned_once_then_the_offer_lapses_once(
        self, application, bob, on_commit
    ):
        offer = make_offer(application, bob, expires_in=2)
        mail.outbox.clear()
        warn_at = offer.expires_at - dt.timedelta(hours=20)
        assert on_commit(services.offers_lapse, now=warn_at) == 0
        assert on_commit(services.offers_lapse, now=warn_at) == 0
        assert [m.to for m in mail.outbox] == [["alice@example.com"]]
        mail.outbox.clear()
        after = offer.expires_at + dt.timedelta(minutes=3)
        assert on_commit(services.offers_lapse, now=after) == 1
        assert on_commit(services.offers_lapse, now=after) == 0
        offer.refresh_from_db()
        assert offer.status == "lapsed"
        assert [m.to for m in mail.outbox] == [["bob@example.com"]]
        assert application.events.filter(kind="offer_lapsed").count() == 1

    def test_an_answered_offer_never_lapses(self, application, bob, alice):
        offer = make_offer(application, bob)
        services.offer_accept(offer=offer, by=alice, now=NOW)
        assert services.offers_lapse(now=offer.expires_at + dt.timedelta(days=1)) == 0
        assert Offer.objects.get().status == "accepted"


class TestNoDirectHire:
    def test_the_employer_cannot_set_hired(self, application, bob):
        with pytest.raises(ValidationError) as caught:
            services.application_set_status(application=application, status="hired", by=bob)
        assert "status" in caught.value.message_dict
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_a_hired_application_stays_hired(self, application, bob, alice):
        services.offer_accept(offer=make_offer(application, bob), by=alice, now=NOW)
        with pytest.raises(ConflictError):
            services.application_set_status(application=application, status="rejected", by=bob)
        assert Application.objects.get().status == "hired"


class TestStaffHire:
    def test_staff_record_a_hire_with_a_reason_and_it_is_logged(self, application, dave):
        employment = services.application_record_hire(
            application=application,
            by=dave,
            reason="12월 3일 기업 담당자 전화 확인",
            start_date=TODAY,
            salary=28_000_000,
        )
        application.refresh_from_db()
        assert application.status == "hired"
        assert (employment.source, employment.recorded_by, employment.salary_band) == (
            "staff",
            dave,
            "25m_30m",
        )
        assert employment.position == application.posting.title
        entry = entries_for(application).get(action="jobs.application.hire_recorded")
        assert entry.data["reason"] == "12월 3일 기업 담당자 전화 확인"
        assert entry.subject == application.applicant

    def test_a_reason_is_required_and_only_staff_may(self, application, dave, bob):
        with pytest.raises(ValidationError):
            services.application_record_hire(
                application=application, by=dave, reason=" ", start_date=TODAY
            )
        with pytest.raises(ValidationError):
            services.application_record_hire(
                application=application, by=bob, reason="확인", start_date=TODAY
            )
        assert not Employment.objects.exists()

    def test_a_hire_is_recorded_once(self, application, dave):
        services.application_record_hire(
            application=application, by=dave, reason="전화 확인", start_date=TODAY
        )
        with pytest.raises(ConflictError):
            services.application_record_hire(
                application=application, by=dave, reason="전화 확인", start_date=TODAY
            )
        assert Employment.objects.count() == 1
