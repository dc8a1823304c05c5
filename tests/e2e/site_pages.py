"""The pages a browser walks: every GET route without arguments plus the demo data's, per
role, and how one is opened (used by the axe run and the overflow checks)."""

from __future__ import annotations

import contextlib

from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Error as PlaywrightError

from core.seeding import DEMO_PASSWORD, totp_code

ROLES = {
    "anonymous": None,
    "trainee": "minji.kim@example.com",
    "employer": "geumbang@example.com",
    "counselor": "counselor.career@example.com",
    "staff": "staff.jongno@example.com",
}
# Not pages a person reads: the API, the admin, files, feeds, plumbing and one-shot actions.
SKIP_PREFIXES = ("/api/", "/admin/", "/i18n/", "/accounts/", "/robots.txt", "/healthz")
SKIP_WORDS = ("export", "download", "logout", ".ics", ".csv", ".pdf", "feed", "suggest", "poll")
ANONYMOUS_EXTRA = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


def parameterless_paths() -> list[str]:
    """Every GET-able route of the resolver that takes no arguments."""
    paths: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = str(p.pattern)
            if isinstance(p, URLResolver):
                if "<" in route or route.startswith("^"):
                    continue
                walk(p.url_patterns, prefix + route)
            elif isinstance(p, URLPattern):
                if "<" in route or route.startswith("^") or route.endswith("$"):
                    continue
                paths.append("/" + prefix + route)  # POST-only ones answer 405 and are skipped

    walk(get_resolver().url_patterns, "")
    keep = []
    for path in dict.fromkeys(paths):
        if path.startswith(SKIP_PREFIXES) or any(word in path for word in SKIP_WORDS):
            continue
        keep.append(path)
    return keep


def demo_pages(email: str | None) -> list[str]:
    """Pages with an id, taken from the demo data: the employer's applicant boards."""
    from django.urls import reverse

    from jobs.models import Posting

    if email != "geumbang@example.com":
        return []
    postings = Posting.objects.filter(company__memberships__user__email=email).order_by("pk")[:2]
    return [reverse("jobs:employer_board", args=[p.pk]) for p in postings]


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if page.locator("input[name=code]").count():
        page.locator("input[name=code]").fill(totp_code())
        page.locator("form:has(input[name=code]) button.btn--primary[type=submit]").click()
        page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{email} could not sign in"


def open_html_page(page, path: str, *, width: int, height: int, idle_ms: int) -> bool:
    """Open ``path`` at ``width``; True when it is a 200 HTML page, loaded and (unless it
    polls) idle. POST-only routes (an empty 405 body), other statuses and files are skipped."""
    page.set_viewport_size({"width": width, "height": height})
    try:
        response = page.goto(path, wait_until="load")
    except PlaywrightError:  # an empty 405 body: a POST-only route
        return False
    if response is None or response.status != 200:
        return False
    if "text/html" not in response.headers.get("content-type", ""):
        return False
    # A polling page never goes idle; it is checked anyway.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_load_state("networkidle", timeout=idle_ms)
    return True
