"""A person's consultations in their data download, and what account deletion does to them."""

from __future__ import annotations

from accounts.services import account_delete
from consulting.models import Booking
from consulting.services import booking_create
from core.privacy import export_user_data
from tests.consulting.conftest import open_weekday, seoul


def test_export_and_erase(startup_type, carol, alice, answers):
    booking, _ = booking_create(
        person=alice,
        type_=startup_type,
        counselor=carol,
        start=seoul(open_weekday(), 10),
        answers=answers,
    )
    exported = export_user_data(alice)["consulting"]
    assert exported[0]["id"] == booking.pk and exported[0]["answers"][0]["answer"] == "예비창업"
    account_delete(user=alice)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED  # the slot is free again
    assert booking.answers == []


def test_summary_pdfs_go_only_when_the_erasure_commits(
    alice, booking, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile
    from django.db import transaction

    from consulting.models import private_storage
    from consulting.privacy import erase_person

    name = private_storage().save(f"consulting/summaries/{booking.pk}-0.pdf", ContentFile(b"%PDF"))
    Booking.objects.filter(pk=booking.pk).update(summary_pdf=name)

    class RolledBack(Exception):
        pass

    try:
        with transaction.atomic():
            erase_person(alice)
            raise RolledBack
    except RolledBack:
        pass
    assert private_storage().exists(name)  # nothing was erased, so the file stays

    with django_capture_on_commit_callbacks(execute=True):
        erase_person(alice)
    assert not private_storage().exists(name)
    assert Booking.objects.get(pk=booking.pk).summary_pdf == ""
