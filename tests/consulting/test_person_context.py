"""A counselor preparing a consultation sees the person's courses, only with their consent."""

from accounts.services import consents_record
from consulting.services import booking_create
from tests.courses.factories import CourseFactory, CourseRunFactory, EnrollmentFactory

from .conftest import open_weekday, seoul


def apply_to_a_new_posting(person, owner, company, staff, *, title: str) -> None:
    """``person`` applies to a posting of ``company`` that ``staff`` published."""
    from jobs import services as jobs_services
    from tests.jobs.conftest import posting_data, publish

    posting = publish(
        jobs_services.posting_create(
            company=company, by=owner, data=posting_data(title=title), skills=[]
        ),
        staff,
    )
    jobs_services.application_create(posting=posting, applicant=person)


def book(person, counselor, type_, answers, *, hour: int) -> str:
    """Book a consultation; return the counselor's workspace page of it."""
    booking, _ = booking_create(
        person=person,
        type_=type_,
        counselor=counselor,
        start=seoul(open_weekday(), hour),
        answers=answers,
    )
    return f"/consulting/workspace/{booking.pk}/"


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
    apply_to_a_new_posting(alice, bob, bob_company, dave, title="세팅 기능공")
    url = book(alice, carol, startup_type, answers, hour=11)
    client.force_login(carol)

    assert "세팅 기능공" not in client.get(url).content.decode()

    consents_record(user=alice, granted={"counselor_sharing": True})
    page = client.get(url).content.decode()
    assert "세팅 기능공" in page
    assert "지원 완료" in page  # the application's stage, in Korean


def test_withdrawing_hides_courses_and_applications_at_once(
    client, alice, bob, bob_company, dave, carol, center, startup_type, answers
):
    from courses.selectors import counselor_context_section as courses_section
    from jobs.selectors import counselor_context_section as jobs_section

    course = CourseFactory(center=center, title="왁스 카빙과 주조")
    EnrollmentFactory(run=CourseRunFactory(course=course), user=alice)
    apply_to_a_new_posting(alice, bob, bob_company, dave, title="세팅 기능공")
    url = book(alice, carol, startup_type, answers, hour=14)

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
