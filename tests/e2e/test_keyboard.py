"""The main forms used with the keyboard alone (JavaScript on): the skip link is the first stop and
moves focus to the main content; Tab and Shift+Tab visit the fields in the order they are shown;
every stop shows the GOV.UK yellow focus indicator; an empty form submitted with Enter shows the
error summary, which takes focus, and each of its links takes focus to its field.

Forms are filled and submitted with page.keyboard only (Tab, Shift+Tab, Enter, Space and typing);
the pages are still checked by axe as they load."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bestvalue.accounts.roles import Role
from tests.e2e.conftest import Visitor
from tests.factories import PASSWORD, make_issued_notice, make_user

pytestmark = pytest.mark.django_db(transaction=True)
Visit = Callable[[str], Visitor]  # the visitor fixture: a new person, by name

FOCUS_YELLOW = "rgb(255, 221, 0)"  # GOV.UK's focus colour, #ffdd00
MAX_STOPS = 80  # more Tab presses than any of these pages has stops: a trap or a loop fails


@pytest.fixture
def javascript() -> bool:
    """Keyboard behaviour is checked with JavaScript on (GOV.UK Frontend moves focus)."""
    return True


# What the focused element is, where it sits, and how it looks focused and not.
_DESCRIBE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const box = el.getBoundingClientRect();
  return {
    key: el.id || el.getAttribute('name') || `${el.tagName.toLowerCase()}:${el.innerText.trim()}`,
    id: el.id,
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || '').trim(),
    href: el.getAttribute('href'),
    inForm: !!el.closest('main form'),
    inSummary: !!el.closest('.govuk-error-summary'),
    top: box.top + window.scrollY,
    left: box.left + window.scrollX,
  };
}"""

# A control's look: for GOV.UK checkboxes and radios the input is invisible and the focus ring is
# drawn on its label's ::before box, so that is what is compared.
_REMEMBER_UNFOCUSED = """() => {
  window.__look = el => {
    const boxed = el.matches('.govuk-checkboxes__input, .govuk-radios__input');
    const s = boxed ? getComputedStyle(el.labels[0], '::before') : getComputedStyle(el);
    return [
      `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      `box-shadow: ${s.boxShadow}`,
      `background: ${s.backgroundColor}`,
      `border: ${s.borderTopColor} ${s.borderTopWidth}`,
      `visible: ${s.clip} ${el.getBoundingClientRect().width}`,
    ].join('; ');
  };
  window.__unfocused = new Map();
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea')) {
    window.__unfocused.set(el, window.__look(el));
  }
}"""

_FOCUSED_LOOK = """() => {
  const el = document.activeElement;
  return {now: window.__look(el), before: window.__unfocused.get(el) || null};
}"""


def _active(page: Page) -> dict[str, Any] | None:
    result: dict[str, Any] | None = page.evaluate(_DESCRIBE)
    return result


def _loaded(visitor: Visitor) -> Page:
    """After a navigation: wait for it, check it with axe, and note how controls look unfocused."""
    page: Page = visitor.page
    page.wait_for_load_state()
    visitor.check()
    page.evaluate(_REMEMBER_UNFOCUSED)
    return page


def _open(visitor: Visitor, path: str) -> Page:
    """Go to the page (checked by axe) and note how its controls look unfocused."""
    page = visitor.go(path)
    page.evaluate(_REMEMBER_UNFOCUSED)
    return page


def _enter_and_load(visitor: Visitor) -> Page:
    """Press Enter on the focused button and wait for the page the form posts to."""
    page: Page = visitor.page
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return _loaded(visitor)


def _assert_focus_visible(page: Page) -> None:
    focused = _active(page)
    look = page.evaluate(_FOCUSED_LOOK)
    assert look["before"] is not None, f"{focused} was not on the page when it loaded"
    assert look["now"] != look["before"], f"focus does not change how {focused} looks"
    assert FOCUS_YELLOW in look["now"], f"{focused} has no yellow focus indicator: {look['now']}"


def _press(page: Page, key: str) -> dict[str, Any]:
    page.keyboard.press(key)
    focused = _active(page)
    assert focused is not None, f"{key} left nothing focused"
    return focused


def _tab_until(page: Page, target: str, *, key: str = "Tab") -> list[dict[str, Any]]:
    """Press Tab (or Shift+Tab) until `target` has focus (an id or name, or "button:Save" and
    "a:Link text" for controls with neither), checking each stop's focus indicator on the way.
    The stops, in order."""
    stops = []
    for _ in range(MAX_STOPS):
        focused = _press(page, key)
        _assert_focus_visible(page)
        stops.append(focused)
        if focused["key"] == target:
            return stops
    raise AssertionError(f"{target!r} is not reached with {key}: {[s['key'] for s in stops]}")


def _assert_reading_order(stops: list[dict[str, Any]]) -> None:
    """Each form control is below the one before, or level with it and to its right."""
    for before, after in itertools.pairwise(stops):
        same_row = abs(after["top"] - before["top"]) < 5
        assert after["top"] > before["top"] or (same_row and after["left"] > before["left"]), (
            f"{after['key']} comes after {before['key']} but is shown above or to its left"
        )


def _check_form_order(page: Page, fields: list[str], button: str) -> None:
    """From the top: the skip link first; then, among the stops, the form's fields in exactly
    this order with nothing between them, and its button; Shift+Tab goes back the same way."""
    first = _press(page, "Tab")
    assert (first["text"], first["href"]) == ("Skip to main content", "#main-content")
    _assert_focus_visible(page)
    stops = _tab_until(page, f"button:{button}")
    in_form = [s for s in stops if s["inForm"]]
    assert [s["key"] for s in in_form] == [*fields, f"button:{button}"]
    start = stops.index(in_form[0])
    assert stops[start : start + len(in_form)] == in_form, "something else comes between fields"
    _assert_reading_order(in_form)
    back = _tab_until(page, fields[0], key="Shift+Tab")
    assert [s["key"] for s in back] == [s["key"] for s in reversed(in_form[:-1])]


def _skip_to_main(page: Page, first_in_main: str) -> None:
    """The skip link is the first stop; Enter on it focuses the main content, and the next Tab
    goes to its first control."""
    focused = _press(page, "Tab")
    assert focused["text"] == "Skip to main content"
    _assert_focus_visible(page)
    assert _press(page, "Enter")["id"] == "main-content"
    assert _press(page, "Tab")["key"] == first_in_main


def _errors_take_focus_to_fields(page: Page, expected: list[tuple[str, str]]) -> None:
    """The error summary has focus; Tab reaches its links in order, and Enter on each one moves
    focus to its field. `expected` is each link's text and field id."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    links = summary.get_by_role("link")
    assert [(t, h) for t, h in zip(links.all_inner_texts(), _hrefs(page), strict=True)] == [
        (text, f"#{field}") for text, field in expected
    ]
    for number, (text, field) in enumerate(expected):
        # From the summary, Tab; from a field further down, Shift+Tab back up to the link.
        stops = _tab_until(page, f"a:{text}", key="Tab" if number == 0 else "Shift+Tab")
        assert stops[-1]["inSummary"]
        assert _press(page, "Enter")["id"] == field
        expect(page.locator(f"[id='{field}']")).to_be_focused()
        _assert_focus_visible(page)


def _hrefs(page: Page) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        ".govuk-error-summary a", "links => links.map(a => a.getAttribute('href'))"
    )
    return hrefs


def _type(page: Page, text: str) -> None:
    page.keyboard.type(text)


def test_signing_in_with_the_keyboard(visitor: Visit) -> None:
    make_user(Role.CASEWORKER, username="casey", first_name="Casey", last_name="Worker")
    casey = visitor("caseworker")
    page = _open(casey, "/sign-in/")
    _skip_to_main(page, "id_username")

    page = _open(casey, "/sign-in/")
    _check_form_order(page, ["id_username", "id_password"], "Sign in")

    page = _open(casey, "/sign-in/")
    _tab_until(page, "button:Sign in")
    page = _enter_and_load(casey)  # nothing entered
    _errors_take_focus_to_fields(
        page, [("Enter your username", "id_username"), ("Enter your password", "id_password")]
    )

    # Focus is on the password field: go back to the username and sign in.
    assert _press(page, "Shift+Tab")["id"] == "id_username"
    _type(page, "casey")
    assert _press(page, "Tab")["id"] == "id_password"
    _type(page, PASSWORD)
    page = _enter_and_load(casey)
    expect(page.get_by_role("heading", level=1)).to_have_text("Case workspace")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_drafting_a_notice_with_the_keyboard(visitor: Visit) -> None:
    from bestvalue.notices.models import Notice

    make_user(Role.CASEWORKER, username="casey")
    casey = visitor("caseworker")
    casey.sign_in("casey", PASSWORD)
    page = _open(casey, "/staff/notices/new/")
    _skip_to_main(page, "id_authority")

    page = _open(casey, "/staff/notices/new/")
    fields = [
        "id_authority",
        "id_period_months",
        "id_addressee_name",
        "id_addressee_role",
        "id_signatory_name",
        "id_signatory_role",
    ]
    _check_form_order(page, fields, "Save and continue")

    page = _open(casey, "/staff/notices/new/")
    _tab_until(page, "button:Save and continue")
    page = _enter_and_load(casey)
    _errors_take_focus_to_fields(page, [("Choose the authority the notice is to", "id_authority")])
    assert Notice.objects.count() == 0

    # Choose the authority by typing its name in the focused list, then fill in and save.
    _type(page, "Thurrock")
    expect(page.locator("#id_authority option:checked")).to_have_text("Thurrock Council")
    assert _press(page, "Tab")["id"] == "id_period_months"  # 12 already: the usual period
    assert _press(page, "Tab")["id"] == "id_addressee_name"
    _type(page, "Dave Smith")
    assert _press(page, "Tab")["id"] == "id_addressee_role"
    _type(page, "Chief Executive")
    _tab_until(page, "button:Save and continue")
    page = _enter_and_load(casey)
    notice = Notice.objects.get()
    assert (notice.authority.official_name, notice.addressee_name, notice.addressee_role) == (
        "Thurrock Council",
        "Dave Smith",
        "Chief Executive",
    )
    casey.shot("notice-drafted")


def test_adding_a_plan_action_with_the_keyboard(visitor: Visit) -> None:
    from bestvalue.authorities.selectors import authority_by_gss
    from bestvalue.guidance.models import Theme
    from bestvalue.improvement.models import PlanAction

    authority = authority_by_gss("E06000034")
    assert authority is not None
    notice = make_issued_notice(
        authority=authority,
        expectations=["Appoint a permanent senior leadership team.", "Balance the budget."],
    )
    make_user(Role.AUTHORITY_OFFICER, username="olive", authority=authority)
    themes = list(Theme.objects.order_by("position").values_list("key", flat=True))
    assert len(themes) == 7

    olive = visitor("officer")
    olive.sign_in("olive", PASSWORD)
    path = f"/staff/improvement/{authority.gss_code}/actions/new/"
    page = _open(olive, path)
    _skip_to_main(page, "id_title")

    page = _open(olive, path)
    fields = [
        "id_title",
        "id_description",
        "id_owner",
        "id_due_on-day",
        "id_due_on-month",
        "id_due_on-year",
        "id_status",  # a radio group is one tab stop: its chosen status ("Not started")
        "id_expectation_ids",
        "id_expectation_ids-2",
        "id_theme_keys",
        *[f"id_theme_keys-{n}" for n in range(2, 8)],
    ]
    _check_form_order(page, fields, "Save")

    page = _open(olive, path)
    _tab_until(page, "button:Save")
    page = _enter_and_load(olive)
    olive.shot("action-errors")
    _errors_take_focus_to_fields(
        page,
        [
            ("Enter a title for the action", "id_title"),
            ("Enter who owns the action", "id_owner"),
            ("Enter the date the action is due", "id_due_on-day"),
            ("Choose at least one expectation", "id_expectation_ids"),
            ("Choose at least one theme", "id_theme_keys"),
        ],
    )
    assert PlanAction.objects.count() == 0

    # Focus is on the first theme. Back up to the title through the summary, then fill it all in.
    _tab_until(page, "a:Enter a title for the action", key="Shift+Tab")
    assert _press(page, "Enter")["id"] == "id_title"
    _type(page, "Appoint a permanent chief executive")
    assert _press(page, "Tab")["id"] == "id_description"
    _type(page, "Run an open competition with the LGA.")
    assert _press(page, "Tab")["id"] == "id_owner"
    _type(page, "Leader of the Council")
    for part, value in (("day", "30"), ("month", "9"), ("year", "2025")):
        assert _press(page, "Tab")["id"] == f"id_due_on-{part}"
        _type(page, value)
    assert _press(page, "Tab")["id"] == "id_status"  # left as it is: "Not started"
    assert _press(page, "Tab")["id"] == "id_expectation_ids"
    page.keyboard.press("Space")
    expect(page.locator("#id_expectation_ids")).to_be_checked()
    assert _press(page, "Tab")["id"] == "id_expectation_ids-2"
    assert _press(page, "Tab")["id"] == "id_theme_keys"
    page.keyboard.press("Space")
    expect(page.locator("#id_theme_keys")).to_be_checked()
    _tab_until(page, "button:Save")
    page = _enter_and_load(olive)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Action added to the plan."
    )
    action = PlanAction.objects.get()
    assert (action.title, action.description, action.owner, str(action.due_on)) == (
        "Appoint a permanent chief executive",
        "Run an open competition with the LGA.",
        "Leader of the Council",
        "2025-09-30",
    )
    assert [e.position for e in action.expectations.all()] == [1]
    assert [e.notice_id for e in action.expectations.all()] == [notice.pk]
    assert [t.key for t in action.themes.all()] == themes[:1]
