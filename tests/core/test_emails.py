"""Email leaves only after the transaction that asked for it commits."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction

from core.emails import send_templated_email


@pytest.fixture
def email_templates(tmp_path, settings):
    """A template set of our own, so the test does not depend on the project's wording."""
    (tmp_path / "emails").mkdir()
    (tmp_path / "emails" / "welcome-subject.txt").write_text(
        "{{ name }}님, 환영합니다\n", encoding="utf-8"
    )
    (tmp_path / "emails" / "welcome-body.txt").write_text(
        "안녕하세요 {{ name }}님.\n", encoding="utf-8"
    )
    (tmp_path / "emails" / "welcome-body.html").write_text(
        "<p>안녕하세요 {{ name }}님.</p>", encoding="utf-8"
    )
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0] = {**templates[0], "DIRS": [tmp_path, *templates[0]["DIRS"]]}
    settings.TEMPLATES = templates


def send_welcome() -> None:
    send_templated_email(
        "welcome", to=["alice@example.com"], context={"name": "김앨리스"}, language="ko"
    )


@pytest.mark.django_db
class TestSendTemplatedEmail:
    def test_it_sends_nothing_before_commit(
        self, email_templates, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            send_welcome()

        assert mail.outbox == []
        assert len(callbacks) == 1

    def test_it_sends_the_rendered_message_on_commit(
        self, email_templates, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            send_welcome()

        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.subject == f"[{settings.SITE_NAME}] 김앨리스님, 환영합니다"
        assert message.body == "안녕하세요 김앨리스님.\n"
        assert message.alternatives[0][1] == "text/html"
        assert message.to == ["alice@example.com"]

    def test_it_sends_nothing_when_the_transaction_rolls_back(
        self, email_templates, django_capture_on_commit_callbacks
    ):
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            send_welcome()
            raise RuntimeError("the enrollment failed")

        assert callbacks == []
        assert mail.outbox == []
