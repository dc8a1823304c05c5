from __future__ import annotations

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.filter
def urlquery(query: dict) -> str:
    return urlencode(query)


@register.filter
def with_params(query: dict, params: dict) -> str:
    return urlencode({**query, **(params or {})})


@register.simple_tag
def run_query(query: dict, run_id: int) -> str:
    return urlencode({**query, "run": run_id})


@register.simple_tag
def previous_shown(fig) -> str:
    if fig.previous is None:
        return "–"
    if fig.kind == "rate":
        return f"{fig.previous:.1f}%"
    if fig.kind == "days":
        return f"{fig.previous:.1f}"
    return f"{fig.previous:,}"
