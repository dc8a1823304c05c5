"""No page scrolls sideways on a phone or at 200 % zoom, and touch targets are big enough.

The pages are the URL resolver's routes without parameters (no API, admin, downloads or
POST-only endpoints), opened by each role over the demo data (``seed_demo``), so a new
page is checked without anyone adding it. One browser, one context per role; each page
is loaded once at 320 px and measured again at 390 px and at 640 px (a 1280 px window
zoomed to 200 %, WCAG 1.4.4 and 1.4.10). At 390 px every control, and every link that is
not part of a sentence, must be at least 44 × 44 px (WCAG 2.5.5).
"""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command

from .site_pages import (
    ANONYMOUS_EXTRA,
    ROLES,
    demo_pages,
    open_html_page,
    parameterless_paths,
    sign_in,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 640)  # 640: a 1280 px window at 200 % zoom
PHONE_WIDTH = 390
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const culprits = [];
  if (document.documentElement.scrollWidth > width) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        const kids = [...el.children].some(c => c.getBoundingClientRect().right > width + 1);
        if (!kids) culprits.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' →' + Math.round(r.right));
      }
      if (culprits.length >= 5) break;
    }
  }
  return {scroll: document.documentElement.scrollWidth, inner: width, culprits};
}"""


# Controls smaller than 44 × 44 px. A checkbox or radio counts with its label; a link inside a
# sentence (its block has more text than the link) is exempt, as WCAG allows.
TOUCH_JS = """() => {
  const MIN = 44 - 0.5;
  const small = [];
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  for (const el of document.querySelectorAll(sel)) {
    if (el.closest('[hidden], .visually-hidden, .skip-link')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (el.matches('input[type=checkbox], input[type=radio]')) {
      const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
      if (label) r = label.getBoundingClientRect();
    }
    if (el.tagName === 'A') {
      const block = el.parentElement.closest('p, li, dd, td, label, small, h1, h2, h3, h4, .alert, .muted');
      const words = t => t.replace(/\\s+/g, '').length;
      if (block && words(block.textContent) > words(el.textContent)) continue;
    }
    if (r.width < MIN || r.height < MIN) {
      const text = (el.innerText || el.value || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 24);
      small.push(`${el.tagName.toLowerCase()} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return small;
}"""


def test_no_page_scrolls_sideways_at_320_390_and_200_percent_zoom(browser, live_server):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    paths = parameterless_paths()
    problems: list[str] = []
    checked = 0

    for role, email in ROLES.items():
        context = browser.new_context(
            viewport={"width": WIDTHS[0], "height": 800}, locale="ko-KR", base_url=live_server.url
        )
        context.set_default_timeout(20_000)
        page = context.new_page()
        if email:
            sign_in(page, email)
        role_paths = paths + (ANONYMOUS_EXTRA if email is None else []) + demo_pages(email)
        for path in role_paths:
            if not open_html_page(page, path, width=WIDTHS[0], height=800, idle_ms=3_000):
                continue
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                result = page.evaluate(OVERFLOW_JS)
                if width == WIDTHS[0]:
                    unlabelled = page.locator(".table--stack td:not([data-label])").count()
                    if unlabelled:
                        problems.append(
                            f"{role} {path}: {unlabelled} stacked cells without a label"
                        )
                if width == PHONE_WIDTH:
                    small = page.evaluate(TOUCH_JS)
                    if small:
                        problems.append(
                            f"{role} {path}: targets under 44 px: {'; '.join(small[:6])}"
                        )
                checked += 1
                if result["scroll"] > result["inner"]:
                    problems.append(
                        f"{role} {path} @{width}px: scrollWidth {result['scroll']} > "
                        f"{result['inner']} ({', '.join(result['culprits'])})"
                    )
        context.close()

    print(
        f"\n{checked} page checks ({len(paths)} routes × {len(ROLES)} roles × {len(WIDTHS)} widths)"
    )
    assert checked > 50, "too few pages rendered: is the demo data there?"
    assert not problems, "pages scroll sideways:\n" + "\n".join(problems)


LARGE_TEXT_PAGES = [
    "/", "/jobs/", "/courses/", "/consulting/", "/fairs/", "/accessibility/",
    "/accounts/login/", "/accounts/signup/",
]  # fmt: skip
LARGE_TEXT_SIGNED_IN = [
    "/dashboard/",
    "/jobs/me/applications/",
    "/courses/my/",
    "/consulting/mine/",
]


def test_text_raised_to_200_percent_keeps_pages_on_a_phone_readable(browser, live_server):
    """The browser's text size setting doubled (16 → 32 px, as a person with low vision sets
    it): on a 390 px phone no page scrolls sideways and the skip link stays hidden until it
    gets focus, however many lines it wraps to."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    problems: list[str] = []
    checked = 0
    for email, paths in ((None, LARGE_TEXT_PAGES), (ROLES["trainee"], LARGE_TEXT_SIGNED_IN)):
        context = browser.new_context(
            viewport={"width": PHONE_WIDTH, "height": 800}, locale="ko-KR", base_url=live_server.url
        )
        context.set_default_timeout(20_000)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 32}})
        if email:
            sign_in(page, email)
        for path in paths:
            assert page.goto(path).status == 200, path
            assert page.evaluate("getComputedStyle(document.body).fontSize") == "32px", path
            result = page.evaluate(OVERFLOW_JS)
            if result["scroll"] > result["inner"]:
                problems.append(
                    f"{path}: scrollWidth {result['scroll']} > {result['inner']} "
                    f"({', '.join(result['culprits'])})"
                )
            skip = page.locator(".skip-link").bounding_box()
            if skip and skip["y"] + skip["height"] > 0:
                problems.append(f"{path}: the skip link shows without focus")
            checked += 1
        page.keyboard.press("Tab")  # the first Tab brings the skip link into view
        skip = page.locator(".skip-link").bounding_box()
        assert skip and skip["y"] >= 0, "the skip link does not appear on focus"
        context.close()
    assert checked == len(LARGE_TEXT_PAGES) + len(LARGE_TEXT_SIGNED_IN)
    assert not problems, "with text at 200 %:\n" + "\n".join(problems)
