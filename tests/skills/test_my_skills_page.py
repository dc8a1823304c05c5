"""The trainee's skills page, the dashboard cards and the personal-data hooks."""

from __future__ import annotations

from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from core import privacy
from courses import services
from courses.models import Enrollment
from skills.models import TraineeSkill
from skills.services import trainee_skill_declare, trainee_skill_verify
from tests.courses.factories import CourseFactory, CourseRunFactory, SkillFactory
from tests.factories import make_trainee


class TestMySkillsPage:
    def test_it_declares_updates_and_removes_a_skill(self, client, alice):
        skill = SkillFactory(name="왁스 카빙")
        client.force_login(alice)
        assert client.get(reverse("skills:mine")).status_code == 200
        client.post(reverse("skills:mine"), {"skill": skill.pk, "level": 2})
        client.post(reverse("skills:mine"), {"skill": skill.pk, "level": 4})
        assert TraineeSkill.objects.get(user=alice).level == 4
        client.post(reverse("skills:mine_remove", args=[skill.pk]))
        assert not TraineeSkill.objects.filter(user=alice).exists()

    def test_it_shows_verified_apart_from_declared(self, client, alice):
        cad = SkillFactory(name="주얼리 CAD")
        trainee_skill_verify(
            user=alice,
            skill=cad,
            level=3,
            evidence_label="주얼리 CAD 1기 수료",
            evidence_ref="certificate:1",
        )
        client.force_login(alice)
        response = client.get(reverse("skills:mine"))
        assert [h.skill for h in response.context["verified"]] == [cad]
        assert "주얼리 CAD 1기 수료" in response.content.decode()

    def test_a_bad_level_is_refused(self, client, alice):
        skill = SkillFactory()
        client.force_login(alice)
        response = client.post(reverse("skills:mine"), {"skill": skill.pk, "level": 9})
        assert response.status_code == 200 and response.context["form"].errors
        assert not TraineeSkill.objects.exists()


class TestDashboardCards:
    def render(self, source: str, user) -> str:
        request = RequestFactory().get("/")
        request.user = user
        return Template(source).render(RequestContext(request, {"user": user}))

    def test_the_course_card_lists_enrollments_and_offers(self, alice, center):
        run = CourseRunFactory(
            course=CourseFactory(center=center, title="왁스 카빙과 주조"), capacity=1
        )
        first = services.enrollment_create(run=run, user=make_trainee())
        services.enrollment_create(run=run, user=alice)
        services.enrollment_cancel(enrollment=first)
        html = self.render('{% include "courses/_dashboard_trainee.html" %}', alice)
        assert "왁스 카빙과 주조" in html
        assert reverse("courses:my_enrollments") in html
        assert "alert" in html

    def test_the_skills_card(self, alice):
        trainee_skill_declare(user=alice, skill=SkillFactory(name="도금"), level=2)
        html = self.render('{% include "skills/_dashboard_trainee.html" %}', alice)
        assert "도금" in html

    def test_the_cards_render_empty(self, alice):
        html = Template(
            '{% include "courses/_dashboard_trainee.html" %}{% include "skills/_dashboard_trainee.html" %}'
        ).render(Context({"user": alice}))
        assert reverse("courses:index") in html


class TestPersonalData:
    def test_export_and_erase(self, alice, center):
        run = CourseRunFactory(
            course=CourseFactory(center=center), is_screened=True, application_questions="동기"
        )
        services.enrollment_create(run=run, user=alice, answers={"동기": "개인 사정 설명"})
        trainee_skill_declare(user=alice, skill=SkillFactory(name="연마"), level=2)
        data = privacy.export_user_data(alice)
        assert data["enrollments"][0]["answers"] == {"동기": "개인 사정 설명"}
        assert data["skills"][0]["skill"] == "연마"
        privacy.erase_user_data(alice)
        assert Enrollment.objects.get(user=alice).answers == {}
        assert not TraineeSkill.objects.filter(user=alice).exists()
