"""A counselor preparing a consultation sees the person's courses, only with their consent."""

from accounts.services import consents_record
from consulting.services import booking_create
from tests.courses.factories import CourseFactory, CourseRunFactory, EnrollmentFactory

from .conftest import open_weekday, seoul


def test_the_counselor_sees_the_persons_courses_only_with_consent(
    client, alice, carol, center, startup_type, answers
):
    course = CourseFactory(center=center, title="왁스 카빙과 주조")
    EnrollmentFactory(run=CourseRunFactory(course=course), user=alice)
    booking, _ = booking_create(
        person=alice,
        type_=startup_type,
        counselor=carol,
        start=seoul(open_weekday(), 10),
        answers=answers,
    )
    client.force_login(carol)
    url = f"/consulting/workspace/{booking.pk}/"

    assert "왁스 카빙과 주조" not in client.get(url).content.decode()

    consents_record(user=alice, granted={"counselor_sharing": True})
    page = client.get(url).content.decode()
    assert "왁스 카빙과 주조" in page
    assert "확정" in page  # the enrollment's status, in Korean


def test_the_counselor_sees_the_persons_applications_only_with_consent(
    client, alice, bob, bob_company, dave, carol, startup_type, answers
):
    from jobs import services as jobs_services
    from tests.jobs.conftest import posting_data, publish

    posting = publish(
        jobs_services.posting_create(
            company=bob_company, by=bob, data=posting_data(title="세팅 기능공"), skills=[]
        ),
        dave,
    )
    jobs_services.application_create(posting=posting, applicant=alice)
    booking, _ = booking_create(
        person=alice,
        type_=startup_type,
        counselor=carol,
        start=seoul(open_weekday(), 11),
        answers=answers,
    )
    client.force_login(carol)
    url = f"/consulting/workspace/{booking.pk}/"

    assert "세팅 기능공" not in client.get(url).content.decode()

    consents_record(user=alice, granted={"counselor_sharing": True})
    page = client.get(url).content.decode()
    assert "세팅 기능공" in page
    assert "지원 완료" in page  # the application's stage, in Korean


def test_withdrawing_hides_courses_and_applications_at_once(
    client, alice, bob, bob_company, dave, carol, center, startup_type, answers
):
    from courses.selectors import counselor_context_section as courses_section
    from jobs import services as jobs_services
    from jobs.selectors import counselor_context_section as jobs_section
    from tests.jobs.conftest import posting_data, publish

    course = CourseFactory(center=center, title="왁스 카빙과 주조")
    EnrollmentFactory(run=CourseRunFactory(course=course), user=alice)
    posting = publish(
        jobs_services.posting_create(
            company=bob_company, by=bob, data=posting_data(title="세팅 기능공"), skills=[]
        ),
        dave,
    )
    jobs_services.application_create(posting=posting, applicant=alice)
    booking, _ = booking_create(
        person=alice,
        type_=startup_type,
        counselor=carol,
        start=seoul(open_weekday(), 14),
        answers=answers,
    )
    url = f"/consulting/workspace/{booking.pk}/"

    client.force_login(alice)  # given in privacy settings, the way the person gives it
    client.post("/settings/privacy/", {"counselor_sharing": "on"})
    client.force_login(carol)
    page = client.get(url).content.decode()
    assert "왁스 카빙과 주조" in page and "세팅 기능공" in page and "alice@example.com" in page

    client.force_login(alice)
    client.post("/settings/privacy/", {})  # withdrawn
    client.force_login(carol)
    page = client.get(url).content.decode()
    assert "왁스 카빙과 주조" not in page and "세팅 기능공" not in page
    assert "alice@example.com" not in page
    # Each provider's own query reads the consent too, whoever calls it.
    assert courses_section(alice) is None and jobs_section(alice) is None
