"""``{% trainee_course_summary user as summary %}`` for the trainee dashboard include."""

from __future__ import annotations

from django import template

from courses import selectors

register = template.Library()


@register.simple_tag
def trainee_course_summary(user) -> dict:
    """Upcoming active enrollments (at most five) and open seat offers of a person."""
    if not getattr(user, "is_authenticated", False):
        return {"enrollments": [], "offers": []}
    active = [e for e in selectors.active_enrollments_for_user(user) if not e.run.is_past]
    return {
        "enrollments": sorted(active, key=lambda e: e.run.starts_on)[:5],
        "offers": [e for e in active if e.status == "offered"],
    }
