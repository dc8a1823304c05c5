from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import views as account_views
from core import views as core_views
from courses import views as course_views

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("dashboard/", account_views.dashboard, name="dashboard"),
    path("dashboard/<str:role>/", account_views.dashboard_role, name="dashboard_role"),
    # allauth, with signup wrapped in one transaction
    path("accounts/signup/", account_views.signup, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    # account settings
    path("settings/", account_views.profile, name="settings_profile"),
    path("settings/privacy/", account_views.privacy_settings, name="settings_privacy"),
    path("settings/privacy/export/", account_views.export_data, name="settings_export"),
    path("settings/delete/", account_views.delete_account, name="settings_delete"),
    path("settings/tokens/", account_views.tokens, name="settings_tokens"),
    path(
        "settings/tokens/<int:token_id>/revoke/",
        account_views.token_revoke,
        name="settings_token_revoke",
    ),
    path("invitations/<str:token>/", account_views.invitation_accept, name="invitation_accept"),
    path("legal/<slug:key>/", account_views.legal, name="legal"),
    path("accessibility/", account_views.accessibility, name="accessibility"),
    # center staff
    path("staff/invitations/", account_views.invitations, name="staff_invitations"),
    path(
        "staff/invitations/<int:invitation_id>/revoke/",
        account_views.invitation_revoke,
        name="staff_invitation_revoke",
    ),
    path("staff/companies/", account_views.companies, name="staff_companies"),
    path(
        "staff/companies/<int:company_id>/decide/",
        account_views.company_decide,
        name="staff_company_decide",
    ),
    # sections
    path("courses/", include("courses.urls")),
    path("jobs/", include("jobs.urls")),
    path("fairs/", include("fairs.urls")),
    path("consulting/", include("consulting.urls")),
    path("skills/", include("skills.urls")),
    path("search/", include("search.urls")),
    path("", include("reports.urls")),
    path("verify/<str:code>/", course_views.verify, name="certificate_verify"),
    # API
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    # plumbing
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
