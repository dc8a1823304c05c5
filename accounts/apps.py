from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from core import audit, privacy

        from .selectors import export_account

        privacy.register("account", export=export_account)
        audit.register_actions(
            {
                "accounts.company.verified": pgettext_lazy("audit", "Company verified"),
                "accounts.company.rejected": pgettext_lazy("audit", "Company rejected"),
                "accounts.invitation.sent": pgettext_lazy("audit", "Invitation sent"),
                "accounts.invitation.revoked": pgettext_lazy("audit", "Invitation revoked"),
                "accounts.center_membership.added": pgettext_lazy("audit", "Center role granted"),
                "accounts.center_membership.removed": pgettext_lazy("audit", "Center role removed"),
                "accounts.api_token.revoked": pgettext_lazy("audit", "API token revoked by staff"),
            }
        )
