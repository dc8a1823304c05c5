"""The audit log: entries per object, per person, and read-only in the admin."""

import pytest

from core.audit import action_label, entries_about, entries_for, log_action, register_actions
from core.models import AuditEntry
from tests.factories import add_totp


class TestLogAction:
    def test_it_records_actor_action_object_and_subject(self, dave, bob_company, alice):
        entry = log_action(
            dave, "accounts.company.verified", bob_company, {"note": "ok"}, subject=alice
        )
        entry.refresh_from_db()
        assert entry.actor == dave
        assert entry.action == "accounts.company.verified"
        assert entry.object_id == str(bob_company.pk)
        assert entry.object_repr == str(bob_company)
        assert entry.subject == alice
        assert entry.data == {"note": "ok"}
        assert list(entries_for(bob_company)) == [entry]
        assert list(entries_about(alice)) == [entry]

    def test_it_reads_the_subject_from_the_object_when_not_given(self, dave, alice, bob_company):
        bob_company.audit_subject = alice
        entry = log_action(dave, "accounts.company.verified", bob_company)
        assert entry.subject == alice

    def test_an_anonymous_or_missing_actor_is_the_system(self, bob_company):
        from django.contrib.auth.models import AnonymousUser

        assert log_action(None, "x.y.z", bob_company).actor is None
        assert log_action(AnonymousUser(), "x.y.z", bob_company).actor is None

    def test_entries_of_other_objects_stay_apart(self, dave, bob_company, charlie):
        other = charlie.company_memberships.get().company
        log_action(dave, "accounts.company.verified", other)
        assert not entries_for(bob_company).exists()

    def test_labels_are_registered_per_code(self):
        register_actions({"tests.thing.done": "Thing done"})
        assert action_label("tests.thing.done") == "Thing done"
        assert action_label("tests.unknown.code") == "tests.unknown.code"


class TestPeopleSeeWhatWasDoneWithTheirData:
    def test_privacy_page_lists_entries_about_me_only(self, client, alice, dave, bob_company):
        register_actions({"tests.record.corrected": "Record corrected"})
        log_action(
            dave, "tests.record.corrected", bob_company, {"reason": "오타 수정"}, subject=alice
        )
        log_action(dave, "tests.record.corrected", bob_company, {"reason": "someone else"})
        client.force_login(alice)
        response = client.get("/settings/privacy/")
        assert response.status_code == 200
        body = response.content.decode()
        assert "Record corrected" in body
        assert "오타 수정" in body
        assert "someone else" not in body

    def test_my_data_export_includes_the_entries(self, client, alice, dave, bob_company):
        log_action(dave, "tests.record.corrected", bob_company, subject=alice)
        client.force_login(alice)
        data = client.get("/settings/privacy/export/").json()
        assert [e["action"] for e in data["audit_log"]] == ["tests.record.corrected"]


@pytest.mark.django_db
class TestAdmin:
    def test_nobody_edits_history(self, admin_client, admin_user, dave, bob_company):
        add_totp(admin_user)
        entry = log_action(dave, "accounts.company.verified", bob_company, {"note": "서류 확인"})
        page = admin_client.get(f"/admin/core/auditentry/{entry.pk}/change/")
        assert page.status_code == 200
        assert "서류 확인" in page.content.decode()
        assert b'name="_save"' not in page.content
        response = admin_client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"})
        assert response.status_code == 403
        assert AuditEntry.objects.filter(pk=entry.pk).exists()
