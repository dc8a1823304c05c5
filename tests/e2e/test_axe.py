"""axe-core on every role's pages, in Korean and English, at phone and desktop width.

axe-core is vendored in tests/e2e/assets/axe-core/ (version, checksum and licence there) and
injected into each page after its htmx content has loaded. The page list is the phone
overflow test's: the resolver's parameterless routes plus the demo employer's boards.
Each page is loaded once per role and language; axe runs at 390 px, then again after the
window is widened to 1280 px (the stylesheet's breakpoints apply to the same document), so
the product page × role × language × width costs half the page loads.
Minor and moderate findings are printed, not failed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

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

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
FAILING = {"serious", "critical"}
LANGUAGES = ("ko", "en")
WIDTHS = (390, 1280)
RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def _only(env: str, values):
    """Narrow a dimension for a local run, e.g. AXE_ROLES=staff AXE_LANGUAGES=en."""
    wanted = os.environ.get(env)
    return [v for v in values if not wanted or v in wanted.split(",")]


def test_no_serious_or_critical_axe_violation(browser, live_server):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    axe_source = AXE.read_text()
    paths = parameterless_paths()
    failures: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    checked = 0
    started = time.monotonic()

    for role in _only("AXE_ROLES", ROLES):
        email = ROLES[role]
        context = browser.new_context(
            viewport={"width": WIDTHS[0], "height": 844},
            locale="ko-KR",
            base_url=live_server.url,
            bypass_csp=True,  # to inject axe; the pages are unchanged
        )
        context.set_default_timeout(20_000)
        page = context.new_page()
        if email:
            sign_in(page, email)
        role_paths = paths + (ANONYMOUS_EXTRA if email is None else []) + demo_pages(email)
        for language in _only("AXE_LANGUAGES", LANGUAGES):
            # The language cookie outranks Accept-Language, as the switcher in the header sets it.
            context.add_cookies(
                [{"name": "ilteo_language", "value": language, "url": live_server.url}]
            )
            for path in role_paths:
                if not open_html_page(page, path, width=WIDTHS[0], height=844, idle_ms=2_000):
                    continue
                assert page.evaluate("document.documentElement.lang") == language, path
                page.add_script_tag(content=axe_source)
                for width in WIDTHS:
                    if width != WIDTHS[0]:
                        page.set_viewport_size({"width": width, "height": 900})
                    checked += 1
                    for v in page.evaluate(RUN_AXE):
                        key = f"[{v['impact']}] {v['id']} – {v['help']}"
                        line = f"  {role} {language} {width}px {path} {v['nodes']}"
                        (failures if v["impact"] in FAILING else notes).setdefault(key, []).append(
                            line
                        )
        context.close()

    def report(found: dict[str, list[str]]) -> str:
        return "\n".join(f"{key}\n" + "\n".join(lines[:8]) for key, lines in found.items())

    print(
        f"\n{checked} page checks with axe-core (pages × roles × {len(LANGUAGES)} languages × "
        f"{len(WIDTHS)} widths) in {time.monotonic() - started:.0f} s"
    )
    print(report(notes))
    assert checked > 100, "too few pages rendered: is the demo data there?"
    assert not failures, "serious or critical accessibility violations:\n" + report(failures)


HIGH_CONTRAST_PAGES = [
    "/",
    "/courses/",
    "/jobs/",
    "/fairs/",
    "/consulting/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accessibility/",
]


def test_the_high_contrast_mode_keeps_contrast_and_shows_focus(browser, live_server):
    """With prefers-contrast: more (and reduced motion) the public pages pass axe, links are
    underlined and the focus ring is thicker."""
    axe_source = AXE.read_text()
    context = browser.new_context(
        viewport={"width": WIDTHS[0], "height": 844},
        locale="ko-KR",
        base_url=live_server.url,
        bypass_csp=True,
        reduced_motion="reduce",
        contrast="more",
    )
    page = context.new_page()
    failures = []
    for path in HIGH_CONTRAST_PAGES:
        assert page.goto(path).status == 200, path
        page.add_script_tag(content=axe_source)
        failures += [
            f"{path}: [{v['impact']}] {v['id']} {v['nodes']}"
            for v in page.evaluate(RUN_AXE)
            if v["impact"] in FAILING
        ]
    page.goto("/accessibility/")
    link = page.locator("footer a").first
    assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
    link.focus()
    assert link.evaluate("a => getComputedStyle(a).outlineWidth") == "4px"
    context.close()
    assert not failures, "\n".join(failures)
