from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from core.emails import send_email_after_commit


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's message now; the send happens in a task after commit, retried on failure."""
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        msg = self.render_mail(template_prefix, email, ctx)
        html = None
        for content, mimetype in getattr(msg, "alternatives", []):
            if mimetype == "text/html":
                html = content
        send_email_after_commit(to=msg.to, subject=msg.subject, body=msg.body, html=html)

    def login(self, request, user) -> None:
        """Sign in, and speak the person's language for the rest of this request.

        The "signed in" message is rendered during the login request itself; without this
        it would follow the browser's language instead of the one on the account.
        """
        super().login(request, user)
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and user.language in dict(
            settings.LANGUAGES
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language

    def get_login_redirect_url(self, request):
        return reverse("dashboard")

    def populate_username(self, request, user):
        # Email is the login; there is no username.
        return None


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_app(self, request, provider, client_id=None):
        """A provider whose keys are not configured does not exist here: 404, not a 500."""
        from allauth.socialaccount.models import SocialApp

        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise Http404 from None

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        if not user.name:
            user.name = (
                data.get("name")
                or " ".join(p for p in (data.get("last_name"), data.get("first_name")) if p)
                or (data.get("email") or "").split("@")[0]
            )
        return user
