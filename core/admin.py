from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .audit import entries_for
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The whole log, read-only: nobody edits history."""

    list_display = ["created_at", "actor", "action", "object_repr", "subject"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "object_repr", "actor__email", "subject__email", "object_id"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditTrailAdminMixin:
    """Adds a read-only "audit log" field showing the object's entries to a ModelAdmin."""

    @admin.display(description=_("audit log"))
    def audit_trail(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        rows = [
            (e.created_at, e.actor or "-", e.label, e.data or "") for e in entries_for(obj)[:50]
        ]
        if not rows:
            return "-"
        return format_html_join("\n", "<div>{} · {} · {} {}</div>", rows)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "audit_trail"]
