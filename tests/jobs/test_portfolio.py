"""Portfolio images: at most twelve, even when uploads arrive at once; files go only on commit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse

from core.exceptions import ConflictError
from jobs import services
from jobs.models import PortfolioImage
from jobs.services.profiles import MAX_PORTFOLIO_IMAGES
from tests.concurrency import run_concurrently
from tests.factories import make_trainee

from .conftest import png_upload as png

THREADS = 8


def fill(user, count: int) -> None:
    for i in range(count):
        services.portfolio_image_add(user=user, image=png(f"{i}.png"), caption=f"작품 {i}")


class TestLimit:
    def test_the_thirteenth_image_is_refused_with_a_message(self, client, alice):
        fill(alice, MAX_PORTFOLIO_IMAGES)
        with pytest.raises(ConflictError):
            services.portfolio_image_add(user=alice, image=png())
        client.force_login(alice)
        response = client.post(
            reverse("jobs:my_portfolio_add"), {"image": png(), "caption": "x"}, follow=True
        )
        assert "12" in "".join(str(m) for m in response.context["messages"])
        assert PortfolioImage.objects.filter(profile__user=alice).count() == MAX_PORTFOLIO_IMAGES

    def test_another_trainee_cannot_delete_an_image(self, client, alice):
        fill(alice, 1)
        image = PortfolioImage.objects.get()
        client.force_login(make_trainee())
        response = client.post(reverse("jobs:my_portfolio_delete", args=[image.pk]))
        assert response.status_code == 404
        assert PortfolioImage.objects.filter(pk=image.pk).exists()


class TestFilesGoOnCommit:
    def test_a_rolled_back_delete_keeps_the_file(self, alice, django_capture_on_commit_callbacks):
        fill(alice, 1)
        image = PortfolioImage.objects.get()
        pk, storage, name = image.pk, image.image.storage, image.image.name
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    services.portfolio_image_delete(image=image)
                    raise ValidationError("something later in the transaction failed")
            except ValidationError:
                pass
        assert storage.exists(name)
        assert PortfolioImage.objects.filter(pk=pk).exists()

    def test_a_committed_delete_removes_the_file(
        self, client, alice, django_capture_on_commit_callbacks
    ):
        fill(alice, 1)
        image = PortfolioImage.objects.get()
        storage, name = image.image.storage, image.image.name
        client.force_login(alice)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("jobs:my_portfolio_delete", args=[image.pk]))
        assert not storage.exists(name)
        assert not PortfolioImage.objects.exists()


def _race_for_the_last_place(user) -> list:
    fill(user, MAX_PORTFOLIO_IMAGES - 1)
    return run_concurrently(
        [
            (lambda i=i: services.portfolio_image_add(user=user, image=png(f"t{i}.png")))
            for i in range(THREADS)
        ]
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestConcurrentUploads:
    def test_only_one_of_many_concurrent_uploads_takes_the_last_place(self):
        user = make_trainee()
        results = _race_for_the_last_place(user)
        added = [r for r in results if isinstance(r, PortfolioImage)]
        refused = [r for r in results if isinstance(r, ConflictError)]
        assert len(added) == 1
        assert len(refused) == THREADS - 1
        assert PortfolioImage.objects.filter(profile__user=user).count() == MAX_PORTFOLIO_IMAGES

    def test_control_without_the_lock_the_same_code_goes_over_the_limit(self, monkeypatch):
        """Control: with SELECT … FOR UPDATE turned into a plain SELECT, the race shows up."""
        monkeypatch.setattr(
            models.QuerySet, "select_for_update", lambda self, *args, **kwargs: self
        )
        worst = 0
        for _round in range(5):
            user = make_trainee()
            _race_for_the_last_place(user)
            worst = max(worst, PortfolioImage.objects.filter(profile__user=user).count())
            if worst > MAX_PORTFOLIO_IMAGES:
                break
        assert worst > MAX_PORTFOLIO_IMAGES, "without the lock, several uploads took the last place"


class TestStaffSeeOnlyTheTraineesTheyServe:
    """A private portfolio (not discoverable) reaches staff of the centers that serve the
    trainee: the center of a posting they applied to, or of a course they enrolled in."""

    def image_url(self, alice) -> str:
        fill(alice, 1)
        return reverse("jobs:portfolio_image", args=[PortfolioImage.objects.get().pk])

    def status(self, client, user, url) -> int:
        client.force_login(user)
        return client.get(url).status_code

    def test_an_application_opens_it_to_the_postings_center_only(
        self, client, alice, posting, dave, erin
    ):
        url = self.image_url(alice)
        assert self.status(client, dave, url) == 404  # control: nothing ties alice to dave yet
        services.application_create(posting=posting, applicant=alice)
        assert self.status(client, dave, url) == 200
        assert self.status(client, erin, url) == 404

    def test_an_enrollment_opens_it_to_the_courses_center_only(
        self, client, alice, dave, erin, other_center
    ):
        from tests.courses.factories import CourseFactory, CourseRunFactory, EnrollmentFactory

        url = self.image_url(alice)
        assert self.status(client, erin, url) == 404
        run = CourseRunFactory(course=CourseFactory(center=other_center))
        EnrollmentFactory(run=run, user=alice)
        assert self.status(client, erin, url) == 200
        assert self.status(client, dave, url) == 404
