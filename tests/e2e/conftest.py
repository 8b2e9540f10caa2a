"""Browser tests: Playwright driving Debian's Chromium against the live server the tests start.

Every page a test visits with JavaScript on is checked with axe-core (WCAG 2.0, 2.1 and 2.2, A and
AA): any violation fails the test. Each journey also runs with JavaScript off. Screenshots of key
pages go to test-results/screenshots/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-results" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the tests' own database work is
    # synchronous all the same, so Django's guard against ORM calls from async code does not
    # apply. Set only while the browser tests run.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _browser()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not at {CHROMIUM}: install Debian's chromium package (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def world(transactional_db: None) -> None:
    """Every committing test starts from empty tables: load the reference data it needs."""
    from bestvalue.authorities.services import load_authorities
    from bestvalue.guidance.services import ensure_themes

    ensure_themes()
    load_authorities()


class Visitor:
    """One person in one browser: a page, whether JavaScript is on, and the accessibility check."""

    def __init__(self, page: Page, base_url: str, *, javascript: bool, name: str) -> None:
        self.page, self.base_url, self.javascript, self.name = page, base_url, javascript, name
        self.checked: list[str] = []

    def go(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        self.check()
        return self.page

    def check(self) -> None:
        """Run axe-core on the page as it is now (JavaScript on), and record any violations."""
        if not self.javascript:
            return
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert violations == [], f"axe found problems on {self.page.url}:\n" + "\n".join(violations)
        self.checked.append(self.page.url)

    def submit(self, button: str) -> Page:
        self.page.get_by_role("button", name=button).click()
        self.page.wait_for_load_state()
        self.check()
        return self.page

    def follow(self, link: str) -> Page:
        # A GOV.UK button can be a link styled as a button (role="button").
        target = self.page.get_by_role("link", name=link).or_(
            self.page.get_by_role("button", name=link)
        )
        target.first.click()
        self.page.wait_for_load_state()
        self.check()
        return self.page

    def shot(self, label: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        mode = "js" if self.javascript else "nojs"
        safe = re.sub(r"[^a-z0-9-]+", "-", f"{self.name}-{label}-{mode}".lower())
        self.page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"), full_page=True)

    def sign_in(self, username: str, password: str) -> None:
        self.go("/sign-in/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.submit("Sign in")
        if "/sign-in/code/" in self.page.url:
            self.enter_code(username)

    def enter_code(self, username: str) -> None:
        """The second step of signing in: the code the user's authenticator app shows now."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from tests.factories import totp_code

        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        self.page.fill("#id_code", totp_code(device))
        self.submit("Continue")


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def javascript(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def visitor(
    browser: Browser,
    live_server: Any,
    javascript: bool,
    world: None,
    request: pytest.FixtureRequest,
):  # type: ignore[no-untyped-def]
    """Call with a name to get a new person with their own cookies."""
    contexts = []

    def make(name: str) -> Visitor:
        # bypass_csp lets the test inject axe-core; the service's own pages are unaffected.
        context = browser.new_context(
            java_script_enabled=javascript, bypass_csp=True, viewport={"width": 1100, "height": 900}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return Visitor(
            context.new_page(),
            live_server.url,
            javascript=javascript,
            name=f"{request.node.originalname}-{name}",
        )

    yield make
    for context in contexts:
        context.close()
