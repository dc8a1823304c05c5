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
