"""axe-core on every role's pages (Korean, 390 px): no serious or critical violation.

axe-core is vendored in tests/e2e/assets/axe-core/ (version, checksum and licence there) and
injected into each page after its htmx content has loaded. The page list is the phone
overflow test's: the resolver's parameterless routes plus the demo employer's boards.
Minor and moderate findings are printed, not failed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

from .test_phone_overflow import ANONYMOUS_EXTRA, ROLES, _sign_in, demo_pages, parameterless_paths

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
FAILING = {"serious", "critical"}
RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def test_no_serious_or_critical_axe_violation(browser, live_server):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    axe_source = AXE.read_text()
    paths = parameterless_paths()
    failures: list[str] = []
    notes: list[str] = []
    checked = 0

    for role, email in ROLES.items():
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            locale="ko-KR",
            base_url=live_server.url,
            bypass_csp=True,  # to inject axe; the pages are unchanged
        )
        context.set_default_timeout(20_000)
        page = context.new_page()
        if email:
            _sign_in(page, email)
        for path in paths + (ANONYMOUS_EXTRA if email is None else []) + demo_pages(email):
            try:
                response = page.goto(path, wait_until="load")
            except PlaywrightError:  # an empty 405 body: a POST-only route
                continue
            if response is None or response.status != 200:
                continue
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            with contextlib.suppress(PlaywrightError):
                page.wait_for_load_state("networkidle", timeout=3_000)
            page.add_script_tag(content=axe_source)
            checked += 1
            for v in page.evaluate(RUN_AXE):
                line = f"{role} {path}: [{v['impact']}] {v['id']} – {v['help']} {v['nodes']}"
                (failures if v["impact"] in FAILING else notes).append(line)
        context.close()

    print(f"\n{checked} pages checked with axe-core")
    print("\n".join(notes))
    assert checked > 25, "too few pages rendered: is the demo data there?"
    assert not failures, "serious or critical accessibility violations:\n" + "\n".join(failures)
