from django import template

from core.audit import entries_for

register = template.Library()


@register.inclusion_tag("core/audit_trail.html")
def audit_trail(obj, limit: int = 20, entries=None, heading: bool = True):
    """The latest entries of an object's audit log, for the staff pages that act on it.

    A page listing many objects passes each one's ``entries`` (from
    ``core.audit.entries_for_objects``, one query) and, inside a disclosure whose
    summary already names it, ``heading=False``.
    """
    if entries is None:
        entries = entries_for(obj)[:limit]
    return {
        "entries": list(entries)[:limit],
        "heading": heading,
        "section_id": f"audit-trail-{obj._meta.label_lower.replace('.', '-')}-{obj.pk}",
    }
