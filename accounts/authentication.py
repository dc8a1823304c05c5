"""``Authorization: Bearer <token>`` for the API, with hashed personal tokens."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .middleware import MFA_REQUIRED_MESSAGE
from .models import ApiToken, hash_secret
from .selectors import mfa_missing, token_expiry


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid Authorization header: use 'Bearer <token>'.")
            )
        try:
            raw = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_secret(raw), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        expiry = token_expiry(token)
        if expiry is not None and now >= expiry:
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        # The session middleware cannot see a Bearer user: the TOTP rule for staff and admins
        # is enforced here, before any permission or body is looked at.
        if mfa_missing(token.user):
            raise exceptions.PermissionDenied(MFA_REQUIRED_MESSAGE)
        # Record use at most once a minute, so a busy script does not write on every call.
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Describes personal tokens in the OpenAPI schema (and keeps ``check --deploy`` quiet)."""

    target_class = "accounts.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from account settings: `Authorization: Bearer <token>`.",
        }
