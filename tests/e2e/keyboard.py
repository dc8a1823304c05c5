"""Driving a page with the keyboard alone, checking that focus is visible at every step.

``tab_to`` presses Tab (nothing else) until the wanted element has focus; after every press
the focused element must show a focus indicator (an outline or a box-shadow from the
stylesheet's ``:focus-visible`` rules), and focus must move on: an element that keeps focus
after Tab, or a target never reached within the page's own number of stops, is a trap.
"""

from __future__ import annotations

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  const id = el.id ? '#' + el.id : '';
  const name = el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '';
  const text = (el.innerText || el.value || '').trim().slice(0, 30);
  const how = `outline ${s.outlineStyle} ${s.outlineWidth}, focus-visible ${el.matches(':focus-visible')}`;
  return {desc: `${el.tagName.toLowerCase()}${id}${name} "${text}"`, visible: outline || shadow, how,
          shown: r.width > 0 && r.height > 0};
}"""


def focused(page) -> dict | None:
    """What has focus now, and whether it shows it (None: the document itself)."""
    return page.evaluate(FOCUS_JS)


def tab_to(page, selector: str, *, limit: int = 150, backwards: bool = False) -> dict:
    """Press Tab until ``selector`` has focus; every stop on the way shows visible focus."""
    target = page.locator(selector).first
    target.wait_for(state="attached")
    seen: list[str] = []
    previous = None
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        info = focused(page)
        if info is None:  # focus went back to the document: the page's end, keep going
            previous = None
            continue
        seen.append(info["desc"])
        assert info["visible"], f"no visible focus on {info['desc']}: {info['how']} ({page.url})"
        assert info["shown"], f"focus on an invisible element {info['desc']} ({page.url})"
        is_target = target.evaluate("el => el === document.activeElement")
        if is_target:
            return info
        assert info["desc"] != previous or info["desc"].startswith("input"), (
            f"focus stuck on {info['desc']}: a keyboard trap ({page.url})"
        )
        previous = info["desc"]
    raise AssertionError(
        f"{selector} not reached with Tab on {page.url} after {limit} presses: "
        + " → ".join(seen[-12:])
    )


def type_into(page, selector: str, text: str) -> None:
    """Tab to a field and type into it."""
    tab_to(page, selector)
    page.keyboard.type(text)


def activate(page, selector: str, key: str = "Enter", *, navigates: bool = False) -> None:
    """Tab to a link or button and press Enter (or Space); wait for the next page if it loads one."""
    tab_to(page, selector)
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


def assert_announced(page) -> str:
    """The page's message (enrolled, booked, queued) reaches the live region screen readers read."""
    from playwright.sync_api import expect

    message = " ".join(page.locator(".messages .alert").all_inner_texts()).split()
    assert message, f"no message on {page.url}"
    expect(page.locator("#live-region")).to_have_text(" ".join(message))
    return " ".join(message)
