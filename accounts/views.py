"""The home page, each role's dashboard, account settings (profile, privacy, tokens),
invitations and company verification."""

from __future__ import annotations

import json

from allauth.account.views import SignupView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core import audit, privacy
from core.permissions import staff_required

from . import selectors, services
from .consents import DOCUMENTS
from .forms import (
    AcceptInvitationForm,
    ApiTokenForm,
    CompanyDecisionForm,
    DeleteAccountForm,
    InvitationForm,
    PrivacyForm,
    ProfileForm,
)
from .models import Company, Role

DASHBOARD_ROLES = [Role.TRAINEE, Role.EMPLOYER, Role.COUNSELOR, Role.STAFF]


def home(request):
    return render(request, "accounts/home.html", {"centers": selectors.active_centers()})


@login_required
def dashboard(request):
    """Send each person to the dashboard of their first role."""
    roles = request.user.roles
    if not roles:
        return render(request, "dashboards/none.html")
    return redirect("dashboard_role", role=roles[0])


@login_required
def dashboard_role(request, role: str):
    """One role's dashboard; a role the person does not hold is a page that does not exist."""
    user = request.user
    if role not in user.roles:
        raise Http404
    context: dict = {
        "role": role,
        "roles": [r for r in DASHBOARD_ROLES if r.value in user.roles],
        **selectors.dashboard_context(user, role),
    }
    return render(request, f"dashboards/{role}.html", context)


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the person's account."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_set_language(user=request.user, language=language)
    return response


@method_decorator(transaction.atomic, name="dispatch")
class AtomicSignupView(SignupView):
    """allauth's signup in one transaction: the person, their company and consents, or nothing."""

    def form_valid(self, form):
        # Two people of one company signing up at the same moment both pass the form's
        # duplicate check; the second one's save fails. Show them the form again, not a 500.
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
        except IntegrityError:
            form = self.get_form()
            if form.is_valid():
                form.add_error(
                    None,
                    _(
                        "Someone registered the same details a moment ago. Please check and try again."
                    ),
                )
        return self.form_invalid(form)

    def get_initial(self):
        """``?center=<slug>`` preselects a center, so each center can link to its own signup."""
        initial = super().get_initial()
        slug = self.request.GET.get("center", "")
        center = selectors.active_centers().filter(slug=slug[:60]).first() if slug else None
        if center is not None:
            initial["center"] = center
        return initial


signup = AtomicSignupView.as_view()


def _posted(request):
    """The submitted data on POST, else None.

    Not ``request.POST or None``: a POST with every checkbox unticked is empty, and
    must still be read as a submission (withdrawing every optional consent).
    """
    return request.POST if request.method == "POST" else None


# --- settings -----------------------------------------------------------------


@login_required
def profile(request):
    form = ProfileForm(_posted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=request.user,
            name=form.cleaned_data["name"],
            phone=form.cleaned_data["phone"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your profile was saved."))
        response = redirect("settings_profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            request.user.language,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
        return response
    return render(request, "accounts/profile.html", {"form": form, "section": "profile"})


@login_required
def privacy_settings(request):
    user = request.user
    form = PrivacyForm(_posted(request), user=user)
    if request.method == "POST" and form.is_valid():
        services.consents_record(user=user, granted=dict(form.cleaned_data))
        messages.success(request, _("Your privacy choices were saved."))
        return redirect("settings_privacy")
    return render(
        request,
        "accounts/privacy.html",
        {
            "form": form,
            "history": user.consents.all(),
            "audit_entries": audit.entries_about(user)[:100],
            "documents": DOCUMENTS,
            "section": "privacy",
        },
    )


@login_required
@never_cache
def export_data(request):
    """Everything the platform holds about the person, as a JSON download (열람 요구)."""
    data = {
        "exported_at": timezone.now().isoformat(),
        **privacy.export_user_data(request.user),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        from django.contrib.auth import logout

        logout(request)
        messages.success(request, _("Your account was deleted and your personal data erased."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form, "section": "privacy"})


@login_required
def tokens(request):
    form = ApiTokenForm(_posted(request))
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.api_token_create(
            user=request.user, name=form.cleaned_data["name"]
        )
        form = ApiTokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": request.user.api_tokens.all(),
            "new_token": new_token,
            "token_hours": settings.STAFF_API_TOKEN_HOURS,
            "section": "tokens",
        },
    )


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = selectors.get_token_for_user(request.user, token_id)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("settings_tokens")


# --- invitations --------------------------------------------------------------


@staff_required
def invitations(request):
    centers = selectors.centers_for_staff(request.user)
    form = InvitationForm(_posted(request), centers=centers)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.invitation_create(
                    center=form.cleaned_data["center"],
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    role=form.cleaned_data["role"],
                    invited_by=request.user,
                )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("staff_invitations")
    items = selectors.invitations_for_centers(centers)[:200]
    return render(request, "accounts/invitations.html", {"form": form, "invitations": items})


@staff_required
@require_POST
def invitation_revoke(request, invitation_id: int):
    invitation = selectors.get_invitation_for_staff(request.user, invitation_id)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was revoked."))
    return redirect("staff_invitations")


@never_cache
def invitation_accept(request, token: str):
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    user = request.user if request.user.is_authenticated else None
    existing_account = user is None and selectors.account_exists(invitation.email)
    if user is not None and user.email.lower() != invitation.email.lower():
        return render(
            request,
            "accounts/invitation_accept.html",
            {"invitation": invitation, "wrong_account": True},
            status=403,
        )
    form = None
    if user is None and not existing_account:
        form = AcceptInvitationForm(
            _posted(request), email=invitation.email, initial={"name": invitation.name}
        )
    if request.method == "POST" and not existing_account and (form is None or form.is_valid()):
        try:
            accepted = services.invitation_accept(
                raw_token=token,
                user=user,
                name=form.cleaned_data["name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
                phone=form.cleaned_data.get("phone", "") if form else "",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("home")
        if user is None:
            login(request, accepted, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome! You are now %(role)s at %(center)s.")
            % {"role": invitation.get_role_display(), "center": invitation.center.name},
        )
        return redirect("dashboard")
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form, "existing_account": existing_account},
    )


# --- company verification (center staff) ---------------------------------------


@staff_required
def companies(request):
    """Companies registered with the person's centers, by where their registration stands."""
    status = request.GET.get("status", Company.Status.PENDING)
    if status not in Company.Status.values:
        status = Company.Status.PENDING
    items = selectors.companies_for_review(request.user, status)
    trails = audit.entries_for_objects(items)  # one query for the whole page
    for company in items:
        company.audit_entries = trails[company.pk]
    return render(
        request,
        "accounts/companies.html",
        {
            "companies": items,
            "status": status,
            "statuses": Company.Status.choices,
            "several_centers": len(request.user.staff_center_ids()) > 1,
            "form": CompanyDecisionForm(),
        },
    )


@staff_required
@require_POST
def company_decide(request, company_id: int):
    """Verify or reject a company for one of the person's centers (another center's: 404)."""
    company = selectors.get_company_for_staff(request.user, company_id)
    form = CompanyDecisionForm(request.POST)
    if not form.is_valid():
        # Say what was wrong (no decision, or a reason over 300 characters), not always the same line.
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect("staff_companies")
    registration = selectors.get_registration_for_staff(
        request.user, company.pk, form.cleaned_data["center"]
    )
    try:
        services.company_set_status(
            company=company,
            status=form.cleaned_data["decision"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            center=registration.center,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(company)s: %(status)s at %(center)s.")
            % {
                "company": company.name,
                "status": Company.Status(form.cleaned_data["decision"]).label,
                "center": registration.center.name,
            },
        )
    return redirect("staff_companies")


def legal(request, key: str):
    doc = DOCUMENTS.get(key)
    if doc is None:
        raise Http404
    return render(request, "legal/document.html", {"doc": doc, "template": f"legal/{key}.html"})


def accessibility(request):
    """The accessibility statement (접근성 정책): public, and linked from every page's footer."""
    return render(
        request,
        "legal/accessibility.html",
        {
            "centers": selectors.active_centers(),
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        },
    )
