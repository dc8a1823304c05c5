from django import template

from core.audit import entries_for

register = template.Library()


@register.inclusion_tag("core/audit_trail.html")
def audit_trail(obj, limit: int = 20):
    """The latest entries of an object's audit log, for the staff pages that act on it."""
    return {"entries": list(entries_for(obj)[:limit])}
