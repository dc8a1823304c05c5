from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit as allauth_ratelimit
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from core.emails import send_email_after_commit

from . import login_limits


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

    # --- failed sign-ins: limited per address and per account, never locking the owner out
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": gettext_lazy(
            "Too many failed sign-in attempts. Sign in now with a one-time code sent to "
            "your email, or try your password again in a few minutes."
        ),
    }

    def pre_authenticate(self, request, **credentials) -> None:
        """Count this attempt against the limits that apply to it (accounts.login_limits)."""
        login = credentials.get("email", credentials.get("username", "")).lower()
        key = self._get_login_attempts_cache_key(request, **credentials)
        if login and login_limits.is_known_device(request, login):
            action, key = "login_failed_device", f"{key}:device"
        else:
            action = "login_failed"
        self._login_failed_rl_usage = allauth_ratelimit.consume(
            request, app="allauth.account", action=action, key=key
        )
        if not self._login_failed_rl_usage:
            request._login_limited = True
            raise self.validation_error("too_many_login_attempts")

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        login_limits.remember_device(response, user)
        return response

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
