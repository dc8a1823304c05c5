from django.contrib.sites.models import Site


def test_the_site_carries_the_platform_name_for_emails(db, settings):
    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.name == settings.SITE_NAME
    assert site.domain == "127.0.0.1:8000"


def test_the_verification_email_greets_with_the_platform_name(
    client, db, settings, django_capture_on_commit_callbacks, mailoutbox
):
    data = {
        "email": "yuna@example.com",
        "password1": "Polish-And-Set-2026",
        "password2": "Polish-And-Set-2026",
        "name": "한유나",
        "account_type": "trainee",
        "consent_terms": "on",
        "consent_privacy": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", data)
    assert response.status_code == 302
    (message,) = mailoutbox
    assert settings.SITE_NAME in message.body
    assert "127.0.0.1:8000" in message.body
