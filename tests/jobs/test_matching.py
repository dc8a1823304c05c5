"""Matching: the SQL ranking agrees with the exact score, explanations point to courses, privacy holds."""

import pytest
from django.urls import reverse

from accounts.selectors import has_consent
from accounts.services import consents_record
from jobs import matching, scoring, services
from jobs.models import JobSeekerProfile
from tests.courses.factories import CourseFactory, CourseRunFactory, CourseSkillFactory
from tests.factories import make_trainee

from .conftest import give_skill, posting_data, publish


def _discoverable(user, **prefs):
    return services.profile_update(user=user, data={"discoverable": True, **prefs})


class TestRecommendations:
    def test_verified_skills_rank_above_declared_ones(
        self, posting, bob, bob_company, dave, skills, alice
    ):
        other = publish(
            services.posting_create(
                company=bob_company,
                by=bob,
                data=posting_data(title="보석 감정사"),
                skills=[{"skill": skills["Gem appraisal"].pk, "min_level": 3}],
            ),
            dave,
        )
        give_skill(alice, skills["Gem appraisal"], 3, source="verified")
        give_skill(alice, skills["Wax carving"], 3, source="declared")
        give_skill(alice, skills["Stone setting"], 2, source="declared")
        matches = matching.recommendations_for(alice)
        assert [m.posting.pk for m in matches] == [other.pk, posting.pk]
        assert matches[0].score == 100.0

    def test_sql_scores_equal_the_exact_scores(self, posting, alice, skills):
        give_skill(alice, skills["Wax carving"], 2, source="verified")
        give_skill(alice, skills["Wax carving"], 4, source="declared")
        give_skill(alice, skills["Polishing"], 1)
        services.profile_update(
            user=alice,
            data={
                "preferred_districts": ["gangnam"],
                "employment_types": ["contract"],
                "salary_expectation": 50_000_000,
            },
        )
        holdings = scoring.holdings_for(alice.pk)
        profile = JobSeekerProfile.objects.get(user=alice)
        [(pk, sql_score)] = scoring.posting_ranking(holdings, scoring.Preferences.of(profile), 10)
        exact = matching.explain(posting, holdings, profile).score
        assert pk == posting.pk
        assert round(sql_score, 1) == exact

    def test_missing_skills_point_to_courses_with_their_next_run(
        self, posting, alice, skills, center
    ):
        give_skill(alice, skills["Wax carving"], 3)
        course = CourseFactory(center=center, title="보석 세팅 기초")
        CourseSkillFactory(course=course, skill=skills["Stone setting"], level=3)
        run = CourseRunFactory(course=course)
        [match] = matching.recommendations_for(alice)
        missing = {s["skill_id"]: s for s in match.missing_skills}
        assert skills["Stone setting"].pk in missing
        [suggestion] = missing[skills["Stone setting"].pk]["courses"]
        assert suggestion["course_id"] == course.pk
        assert suggestion["next_run"]["starts_on"] == run.starts_on.isoformat()
        assert match.suggested_courses[0]["course_id"] == course.pk

    @pytest.mark.parametrize("status", ["confirmed", "waitlisted", "pending", "completed"])
    def test_a_course_already_taken_is_not_suggested_again(
        self, client, posting, alice, skills, center, status
    ):
        from courses.models import Completion
        from tests.courses.factories import EnrollmentFactory

        give_skill(alice, skills["Wax carving"], 3)
        taken = CourseFactory(center=center, title="보석 세팅 기초")
        CourseSkillFactory(course=taken, skill=skills["Stone setting"], level=3)
        other = CourseFactory(center=center, title="보석 세팅 심화")
        CourseSkillFactory(course=other, skill=skills["Stone setting"], level=3)
        enrollment = EnrollmentFactory(
            run=CourseRunFactory(course=taken),
            user=alice,
            status="cancelled" if status == "completed" else status,
            waitlist_position=1 if status == "waitlisted" else None,
        )
        if status == "completed":
            Completion.objects.create(enrollment=enrollment, status="completed")
        [match] = matching.recommendations_for(alice)
        assert [c["course_id"] for c in match.suggested_courses] == [other.pk]
        assert [
            c["course_id"] for c in matching.match_for_posting(alice, posting).suggested_courses
        ] == [other.pk]
        client.force_login(alice)
        page = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
        assert "보석 세팅 심화" in page and "보석 세팅 기초" not in page

    def test_closed_postings_are_never_recommended(self, posting, alice, skills, bob):
        give_skill(alice, skills["Wax carving"], 3)
        services.posting_close(posting=posting, by=bob)
        assert matching.recommendations_for(alice) == []

    def test_it_uses_a_fixed_number_of_queries(
        self, posting, alice, skills, bob, bob_company, dave, django_assert_max_num_queries
    ):
        for i in range(10):
            publish(
                services.posting_create(
                    company=bob_company,
                    by=bob,
                    data=posting_data(title=f"세공 {i}"),
                    skills=[{"skill": skills["Wax carving"].pk, "min_level": 2}],
                ),
                dave,
            )
        give_skill(alice, skills["Wax carving"], 3)
        assert len(matching.recommendations_for(alice)) == 11  # the first read stores the list
        # state, list, skills, profile, postings, their skills, courses and their runs
        with django_assert_max_num_queries(8):
            assert len(matching.recommendations_for(alice)) == 11
        # (on PostgreSQL three of these are the savepoint and SET LOCAL work_mem around the ranking)
        with django_assert_max_num_queries(10):
            assert len(matching.recommendations_live(alice)) == 11


class TestCandidates:
    def test_only_discoverable_trainees_appear(self, posting, alice, skills):
        give_skill(alice, skills["Wax carving"], 4)
        hidden = make_trainee()
        give_skill(hidden, skills["Wax carving"], 5)
        _discoverable(alice)
        assert [m.user.pk for m in matching.candidates_for(posting)] == [alice.pk]

    def test_being_discoverable_is_the_consent_itself(self, posting, alice, skills):
        give_skill(alice, skills["Wax carving"], 4)
        services.profile_update(user=alice, data={"discoverable": True})
        assert has_consent(alice, "employer_discovery")
        assert [m.user.pk for m in matching.candidates_for(posting)] == [alice.pk]
        consents_record(user=alice, granted={"employer_discovery": False})  # privacy settings
        assert matching.candidates_for(posting) == []
        assert services.profile_for(alice).pk  # the profile stays; only the consent went

    def test_candidate_sql_scores_equal_the_exact_scores(self, posting, skills):
        people = []
        for level, source, prefs in [
            (5, "verified", {}),
            (2, "declared", {"preferred_districts": ["mapo"]}),
            (3, "verified", {"salary_expectation": 80_000_000}),
        ]:
            person = make_trainee()
            give_skill(person, skills["Wax carving"], level, source)
            give_skill(person, skills["Polishing"], 1, "declared")
            _discoverable(person, **prefs)
            people.append(person)
        rows = list(posting.posting_skills.all())
        sql = dict(scoring.trainee_ranking(posting, rows, 50))
        for m in matching.candidates_for(posting):
            assert round(sql[m.user.pk], 1) == m.score

    def test_contact_details_stay_hidden_until_accepted(
        self, client, posting, alice, bob, bob_company, skills
    ):
        from django.urls import reverse

        give_skill(alice, skills["Wax carving"], 4)
        alice.phone = "010-0123-4567"
        alice.save()
        _discoverable(alice)
        client.force_login(bob)
        page = client.get(reverse("jobs:employer_candidate", args=[alice.pk])).content.decode()
        assert alice.email not in page and "010-0123-4567" not in page
        client.post(reverse("jobs:employer_candidate", args=[alice.pk]), {"message": "면접 제안"})
        request = alice.contact_requests.get()
        services.contact_request_decide(request=request, accept=True, by=alice)
        page = client.get(reverse("jobs:employer_candidate", args=[alice.pk])).content.decode()
        assert alice.email in page

    def test_a_non_discoverable_trainee_is_404_to_employers(self, client, alice, bob):
        from django.urls import reverse

        client.force_login(bob)
        assert client.get(reverse("jobs:employer_candidate", args=[alice.pk])).status_code == 404


class TestSavedSearches:
    def test_the_digest_is_sent_once_a_day(
        self, posting, alice, django_capture_on_commit_callbacks
    ):
        import datetime as dt

        from django.core import mail
        from django.utils import timezone

        search = services.saved_search_create(
            user=alice, name="종로 세공", params={"district": "jongno"}
        )
        search.notified_until = timezone.now() - dt.timedelta(days=1)
        search.save()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert services.send_digest(saved_search_id=search.pk) == 1
            assert services.send_digest(saved_search_id=search.pk) == 0
        assert len(mail.outbox) == 1
        assert posting.title in mail.outbox[0].body
