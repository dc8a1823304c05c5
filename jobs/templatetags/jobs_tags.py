"""``{% load jobs_tags %}``: salary and status display helpers for job pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()

STATUS_BADGES = {
    "draft": "neutral",
    "pending": "warning",
    "published": "success",
    "closed": "neutral",
    "submitted": "info",
    "screening": "info",
    "interview": "warning",
    "offer": "success",
    "hired": "success",
    "rejected": "danger",
    "withdrawn": "neutral",
    "accepted": "success",
    "declined": "neutral",
    # interviews and offers
    "proposed": "warning",
    "other_times": "warning",
    "confirmed": "success",
    "cancelled": "neutral",
    "held": "success",
    "no_show": "danger",
    "open": "warning",
    "lapsed": "neutral",
}


def _manwon(value: int) -> str:
    """KRW → "3,200만원" (Korean) or "KRW 32,000,000"."""
    from django.utils.translation import get_language

    if get_language() == "en":
        return f"KRW {value:,}"
    return f"{value // 10_000:,}만원"


@register.filter
def salary(posting) -> str:
    """The salary range of a posting, or "회사 내규에 따름" when none is given."""
    low, high = posting.salary_min, posting.salary_max
    if low is None and high is None:
        return _("Per company policy (회사 내규에 따름)")
    if low is not None and high is not None and low != high:
        return _("%(low)s – %(high)s a year") % {"low": _manwon(low), "high": _manwon(high)}
    return _("%(amount)s a year") % {"amount": _manwon(high if high is not None else low)}


@register.filter
def krw(value) -> str:
    return "" if value in (None, "") else _manwon(int(value))


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "neutral")


@register.filter
def level_stars(level) -> str:
    try:
        level = int(level)
    except (TypeError, ValueError):
        return ""
    return "●" * level + "○" * (5 - level)


@register.filter
def job_markdown(value):
    """A posting's Markdown as sanitized HTML (the shared ``core.markdown`` renderer when present)."""
    try:
        from core.markdown import render_markdown
    except ImportError:  # pragma: no cover - older checkouts without the shared renderer
        import markdown as _markdown
        import nh3
        from django.utils.safestring import mark_safe

        html = _markdown.markdown(value or "", extensions=["sane_lists"])
        return mark_safe(
            nh3.clean(
                html,
                tags={
                    "p",
                    "br",
                    "strong",
                    "em",
                    "ul",
                    "ol",
                    "li",
                    "h2",
                    "h3",
                    "h4",  # noqa: S308
                    "a",
                    "code",
                    "pre",
                    "blockquote",
                },
                attributes={"a": {"href"}},
                link_rel="noopener noreferrer nofollow",
            )
        )
    return render_markdown(value)


@register.inclusion_tag("jobs/_d_day.html")
def d_day(deadline):
    """The D-day badge of a deadline, counted in Korea (D-3, D-day, 상시채용)."""
    from ..deadlines import d_day as badge

    return {"badge": badge(deadline), "deadline": deadline}


@register.filter(needs_autoescape=True)
def words(value, pdf=False, autoescape=True):
    """Text of the 이력서: in the PDF each Korean word (어절) is kept whole at line ends
    (``core``'s ``keep_words``, since WeasyPrint has no ``word-break: keep-all``); on a page the
    browser does that with CSS, and the text stays as written."""
    from django.utils.html import conditional_escape

    from core.templatetags.pdf_text import keep_words

    if pdf:
        return keep_words(value, autoescape=autoescape)
    return conditional_escape(value) if autoescape else value
