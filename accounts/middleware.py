from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .selectors import mfa_missing

# Said by the middleware (session) and by the API's token authentication alike.
MFA_REQUIRED_MESSAGE = _("Set up two-factor authentication to use staff features.")


class UserLanguageMiddleware:
    """Use a signed-in person's preferred language unless they picked one with the switcher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.language in dict(settings.LANGUAGES)
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class RequireStaffMFAMiddleware:
    """Center staff and admin users must set up a second factor (TOTP) before anything else."""

    ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/media/", "/verify/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and mfa_missing(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": str(MFA_REQUIRED_MESSAGE), "errors": {}}, status=403)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
