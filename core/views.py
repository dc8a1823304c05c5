"""Pages every visitor sees: home, dashboards, language switch, errors, health."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from accounts.models import Center, Company, Invitation, Role

DASHBOARD_ROLES = [Role.TRAINEE, Role.EMPLOYER, Role.COUNSELOR, Role.STAFF]


def home(request):
    centers = Center.objects.filter(is_active=True)
    return render(request, "core/home.html", {"centers": centers})


@login_required
def dashboard(request):
    """Send each person to the dashboard of their first role."""
    roles = request.user.roles
    if not roles:
        return render(request, "dashboards/none.html")
    return redirect("dashboard_role", role=roles[0])


@login_required
def dashboard_role(request, role: str):
    user = request.user
    if role not in user.roles:
        raise Http404
    context: dict = {"role": role, "roles": [r for r in DASHBOARD_ROLES if r.value in user.roles]}
    if role == Role.EMPLOYER:
        context["memberships"] = user.company_memberships.select_related("company")
    elif role == Role.STAFF:
        center_ids = user.staff_center_ids()
        context["centers"] = Center.objects.filter(pk__in=center_ids)
        context["pending_companies"] = Company.objects.filter(status=Company.Status.PENDING).count()
        context["open_invitations"] = Invitation.objects.filter(
            center_id__in=center_ids, accepted_at__isnull=True, revoked_at__isnull=True
        ).count()
    elif role == Role.COUNSELOR:
        context["centers"] = Center.objects.filter(pk__in=user.counselor_center_ids())
    return render(request, f"dashboards/{role}.html", context)


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the person's account."""
    from accounts.services import user_set_language

    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_set_language(user=request.user, language=language)
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /settings/",
        "Disallow: /api/",
        "Disallow: /verify/",
        "Disallow: /staff/",
        "Disallow: /dashboard/",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def healthz(request):
    """Liveness and database check for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("Bad request."), "errors": {}}, status=400)
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse(
            {"detail": _("You do not have permission to do this."), "errors": {}}, status=403
        )
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("Not found."), "errors": {}}, status=404)
    return render(request, "errors/404.html", status=404)


def server_error(request):
    if _wants_json(request):
        return JsonResponse(
            {"detail": _("Something went wrong on our side. Please try again."), "errors": {}},
            status=500,
        )
    # No context processors or database here: the error may come from them.
    from django.template import loader

    template = loader.get_template("errors/500.html")
    return HttpResponse(template.render({"request": request}), status=500)
