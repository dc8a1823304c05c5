"""Center staff manage consultation types, intake questions and holiday overrides in the admin."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, add_totp


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    add_totp(user)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "consultationtype/",
        "consultationtype/add/",
        "holidayoverride/add/",
        "booking/",
        "counselorsettings/",
        "availabilityexception/",
    ],
)
def test_admin_pages_open(admin_client, startup_type, path):
    assert admin_client.get(f"/admin/consulting/{path}").status_code == 200


def test_a_type_opens_with_its_questions(admin_client, startup_type):
    response = admin_client.get(f"/admin/consulting/consultationtype/{startup_type.pk}/change/")
    assert response.status_code == 200
    assert "사업 단계는?" in response.content.decode()
