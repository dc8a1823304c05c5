"""The one permission mechanism: role first, before any input is read."""

import pytest

pytestmark = pytest.mark.urls("tests.core.urls_with_roles")


class TestRoleRequiredViews:
    def test_it_sends_anonymous_visitors_to_login(self, client, db):
        response = client.get("/t/trainee/")
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_it_answers_404_to_a_signed_in_person_without_the_role(self, client, bob):
        client.force_login(bob)
        assert client.get("/t/trainee/").status_code == 404

    def test_it_lets_the_role_in(self, client, alice):
        client.force_login(alice)
        response = client.get("/t/trainee/")
        assert response.status_code == 200
        assert response.content == b"trainee page"

    def test_it_keeps_the_view_name_and_doc(self):
        from tests.core.urls_with_roles import trainee_page

        assert trainee_page.__name__ == "trainee_page"
        assert trainee_page.__doc__ == "Only trainees."
        assert trainee_page.required_roles == ("trainee",)

    def test_counselor_pages_admit_staff_too(self, client, carol, dave, alice):
        for person, expected in ((carol, 200), (dave, 200), (alice, 404)):
            client.force_login(person)
            assert client.get("/t/counselor/").status_code == expected, person

    def test_it_refuses_an_unknown_role_at_import_time(self):
        from core.permissions import role_required, roles

        with pytest.raises(ValueError):
            role_required("admiral")
        with pytest.raises(ValueError):
            roles()


class TestApiRoles:
    url = "/api/v1/t/employer-writes/"

    def test_reads_are_open(self, client, db):
        assert client.get(self.url).status_code == 200

    def test_anonymous_writes_get_401(self, client, db):
        assert (
            client.post(self.url, {"seats": 1}, content_type="application/json").status_code == 401
        )

    @pytest.mark.parametrize("body", [{"seats": 1}, {"seats": "bad"}, "{not json"])
    def test_a_wrong_role_gets_404_whatever_the_body(self, client, alice, body):
        client.force_login(alice)
        response = client.post(self.url, body, content_type="application/json")
        assert response.status_code == 404
        assert response.json()["errors"] == {}

    def test_the_role_gets_validation_then_success(self, client, bob):
        client.force_login(bob)
        bad = client.post(self.url, {"seats": 0}, content_type="application/json")
        assert bad.status_code == 400
        assert "seats" in bad.json()["errors"]
        good = client.post(self.url, {"seats": 2}, content_type="application/json")
        assert good.status_code == 201
        assert good.json() == {"seats": 2}

    def test_a_conflict_from_a_service_is_409_in_the_one_format(self, client, bob):
        client.force_login(bob)
        response = client.post(self.url, {"seats": 99}, content_type="application/json")
        assert response.status_code == 409
        assert response.json() == {"detail": "That was taken a moment ago.", "errors": {}}
