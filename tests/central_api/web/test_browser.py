"""The workbench end to end in headless Chromium (Debian's, driven by Playwright) against a real
central service process on loopback HTTPS and PostgreSQL, with a day built through the real
sync, user and sign-in routes.

The browser does not know the test's local CA, so its context is made with
ignore_https_errors; every call the test itself makes (requests) verifies the server against
that CA.
"""

from __future__ import annotations

import io
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from PIL import Image
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from central_api.db import make_engine, make_session_factory
from central_api.migrate import upgrade
from tests.central_api.reconciliation.factories import quarantine_beside
from tests.central_api.web.scenario import DAY1, PreparedDay, prepare_day
from tests.support import pg
from tests.support.central_server import CentralServer
from tests.support.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "docs" / "screenshots"
MONTH = DAY1.strftime("%Y-%m")


class Centre:
    """requests against the real server, shaped like the test client the day builder posts to."""

    def __init__(self, server: CentralServer) -> None:
        self.base = server.url
        self.ca = server.ca_file
        self.http = requests.Session()

    # verify on every call: a Session's own setting loses to REQUESTS_CA_BUNDLE from the env
    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return self.http.post(self.base + url, timeout=30, verify=self.ca, **kwargs)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self.http.get(self.base + url, timeout=30, verify=self.ca, **kwargs)


@dataclass
class Site:
    server: CentralServer
    centre: Centre
    world: World
    day: PreparedDay

    def balance(self, rr: str) -> int:
        response = self.centre.get(f"/api/v1/consumers/{rr}", headers=self.world.auth("cashier"))
        assert response.status_code == 200, response.text
        return int(response.json()["balance_paise"])


@pytest.fixture(scope="module")
def site(pg_admin_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("workbench")
    name = f"trm_web_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with pg.temporary_database(pg_admin_url, name) as url:
        engine = make_engine(url)
        upgrade(engine)
        world = build_world(make_session_factory(engine))
        server = CentralServer(database_url=url, workdir=folder).start()
        try:
            centre = Centre(server)
            day = prepare_day(centre, world, engine, folder)
            second = centre.post(
                "/api/v1/users",
                json={
                    "username": "second.officer",
                    "full_name": "Second Officer",
                    "role": "accounts_officer",
                    "scope_unit_code": "NRSUB",
                    "password": PASSWORD,
                },
                headers=world.auth("admin"),
            )
            assert second.status_code == 201, second.text
            yield Site(server, centre, world, day)
            day.close()
        finally:
            server.stop()
            engine.dispose()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def page(chromium: Browser, site: Site) -> Iterator[Page]:
    context = chromium.new_context(
        base_url=site.server.url,
        ignore_https_errors=True,
        viewport={"width": 1400, "height": 900},
        locale="en-IN",
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page: Page, username: str, target: str = "/web/grid") -> None:
    """Open `target`, get sent to the sign-in form, sign in, and land back on `target`."""
    page.goto(target)
    expect(page).to_have_url(re.compile(r"/web/sign-in\?next="))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{target.split('?')[0]}**")


def csrf_on(page: Page) -> str:
    return str(page.locator('form[action="/web/sign-out"] input[name="csrf_token"]').input_value())


def shots_folder(tmp_path: Path) -> Path:
    """docs/screenshots when asked to rewrite them (TRM_UPDATE_SCREENSHOTS=1), else scratch."""
    return SCREENSHOTS if os.environ.get("TRM_UPDATE_SCREENSHOTS") == "1" else tmp_path


def test_an_officer_signs_in_sees_the_days_statuses_and_drills_into_the_short_cell(
    page: Page, site: Site, tmp_path: Path
) -> None:
    sign_in(page, "accounts.officer", f"/web/grid?month={MONTH}")
    short = page.locator("#cell-MYS001-1-2026-11-02")
    excess = page.locator("#cell-MYS001-2-2026-11-02")
    expect(short).to_have_attribute("data-status", "short")
    expect(excess).to_have_attribute("data-status", "excess")
    expect(page.locator("#cell-MYS001-2-2026-11-03")).to_have_attribute(
        "data-status", "awaiting_day_book"
    )
    colours = {
        cell: cell_colour(page, f"#cell-{cell}")
        for cell in ("MYS001-1-2026-11-02", "MYS001-2-2026-11-02")
    }
    assert len(set(colours.values())) == 2, colours
    expect(short).to_contain_text("▼")  # the symbol, for readers who cannot tell the colours
    expect(page.locator("ul.legend")).to_contain_text("Short")
    page.get_by_label("Status").select_option("short")  # filters apply as soon as chosen
    page.wait_for_url("**status=short**")
    expect(page.locator("#cell-MYS001-2-2026-11-02")).to_have_count(0)
    page.locator("#cell-MYS001-1-2026-11-02 a").focus()
    page.keyboard.press("Enter")  # the grid is usable from the keyboard
    page.wait_for_url("**/web/cells/MYS001-1/2026-11-02")
    expect(page.locator("#over-short")).to_have_text("-₹100.00")
    expect(page.locator("table.denominations").first).to_be_visible()
    expect(page.locator("#receipts")).to_contain_text(site.day.cheque_receipt)
    expect(page.locator("#remittances")).to_contain_text("S1001")
    assert_not_blank(
        page.screenshot(path=str(shots_folder(tmp_path) / "workbench-cell-en.png"), full_page=True)
    )


def cell_colour(page: Page, selector: str) -> str:
    return str(page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor"))


def test_a_cheque_return_through_the_form_reverses_the_payment(page: Page, site: Site) -> None:
    before = site.balance("MYS1000002")
    sign_in(page, "accounts.officer", "/web/cheque-return")
    page.get_by_label("Receipt number").fill(site.day.cheque_receipt)
    page.get_by_label("Returned on").fill("2026-11-05")
    page.get_by_label("Reason").fill("funds insufficient")
    page.get_by_role("button", name="Record the return").click()
    expect(page.locator("#reversed")).to_have_text("₹4,800.00")
    charge = int(page.locator("#charge").inner_text().strip("₹").replace(",", "").replace(".", ""))
    assert site.balance("MYS1000002") == before + site.day.cheque_paise + charge


def test_a_suspense_receipt_is_asked_for_by_one_officer_and_approved_by_another(
    page: Page, site: Site
) -> None:
    before = site.balance("MYS1000001")
    sign_in(page, "accounts.officer", "/web/suspense")
    row = page.locator("#suspense tbody tr").filter(has_text="MYS9999999")
    row.get_by_label("To RR number").fill("MYS1000001")
    row.get_by_label("Reason").fill("consumer quoted an old RR number")
    row.get_by_role("button", name="Ask for transfer").click()
    pending = page.locator("#pending-transfers")
    expect(pending).to_contain_text("Awaiting a second officer")
    expect(pending.get_by_role("button", name="Approve")).to_have_count(0)
    assert site.balance("MYS1000001") == before
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "second.officer", "/web/suspense")
    page.locator("#pending-transfers").get_by_role("button", name="Approve").click()
    expect(page.locator("#done")).to_contain_text("approved")
    assert site.balance("MYS1000001") == before - 450_00


def test_an_auditor_sees_no_action_and_forged_posts_are_refused(page: Page, site: Site) -> None:
    sign_in(page, "auditor", "/web/suspense")
    for path in (
        "/web/suspense",
        "/web/cheque-return",
        "/web/bank",
        "/web/cells/MYS001-1/2026-11-02",
    ):
        page.goto(path)
        expect(page.locator("main form[method=post] button")).to_have_count(0)
        expect(page.locator("form[method=post]")).to_have_count(1)  # signing out only
    expect(page.locator(".notice")).to_contain_text("Read-only")
    before = site.balance("MYS1000002")
    forged = page.request.post(
        "/web/cheque-return",
        form={
            "csrf_token": csrf_on(page),
            "receipt_number": site.day.cheque_receipt,
            "returned_on": "2026-11-06",
            "reason": "auditor tries to act",
        },
    )
    assert forged.status == 403
    assert "auditor may not act on the reconciliation" in forged.text()
    assert site.balance("MYS1000002") == before


def test_a_form_without_its_csrf_token_or_from_another_site_is_refused(
    page: Page, site: Site
) -> None:
    sign_in(page, "accounts.officer", "/web/cheque-return")
    before = site.balance("MYS1000002")
    fields = {"receipt_number": site.day.cheque_receipt, "returned_on": "2026-11-06"}
    missing = page.request.post("/web/cheque-return", form={**fields, "reason": "no token"})
    assert missing.status == 403 and "csrf_token" in missing.text()
    # A page on another site posts the same form: SameSite=Strict keeps the cookie at home.
    hostile = (
        f'<form method="post" action="{site.server.url}/web/cheque-return">'
        + "".join(f'<input name="{k}" value="{v}">' for k, v in fields.items())
        + '<input name="reason" value="cross-site"><button id="go">go</button></form>'
    )
    page.route(
        "http://attacker.example/**",
        lambda route: route.fulfill(body=hostile, content_type="text/html"),
    )
    page.goto("http://attacker.example/prize")
    with page.expect_navigation():
        page.click("#go")
    expect(page.locator("#reason")).to_contain_text("sign in")
    assert site.balance("MYS1000002") == before
    page.goto("/web/cheque-return")  # and the officer is still signed in at home
    expect(page.locator("#cheque-return-form")).to_be_visible()


def test_kannada_is_shaped_with_the_shipped_font_and_the_grid_is_screenshotted(
    page: Page, site: Site, tmp_path: Path
) -> None:
    sign_in(page, "accounts.officer", f"/web/grid?month={MONTH}")
    shots = shots_folder(tmp_path)
    english = page.screenshot(path=str(shots / "workbench-grid-en.png"), full_page=True)
    page.locator("#language-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "kn")
    expect(page.locator("h1")).to_contain_text("ಹೊಂದಾಣಿಕೆ")
    fonts = page.evaluate(
        """async () => {
            await document.fonts.load('16px "Noto Sans Kannada"', 'ಕನ್ನಡ');
            await document.fonts.ready;
            const ours = [...document.fonts].filter(
                f => f.family.replace(/"/g, '') === 'Noto Sans Kannada');
            const ctx = document.createElement('canvas').getContext('2d');
            ctx.font = '16px "Noto Sans Kannada"';
            const word = 'ಕನ್ನಡ';
            const apart = [...word].reduce((sum, ch) => sum + ctx.measureText(ch).width, 0);
            return {
                check: document.fonts.check('16px "Noto Sans Kannada"', word),
                statuses: ours.map(f => f.status),
                shaped: ctx.measureText(word).width,
                apart: apart,
                heading: getComputedStyle(document.querySelector('h1')).fontFamily,
            };
        }"""
    )
    assert fonts["check"] is True
    assert "loaded" in fonts["statuses"], fonts  # our @font-face, from resources/fonts
    # Shaped, the conjunct ನ್ನ joins: narrower than its letters drawn one by one (tofu is not).
    assert fonts["shaped"] < fonts["apart"] - 2, fonts
    kannada = page.screenshot(path=str(shots / "workbench-grid-kn.png"), full_page=True)
    for png in (english, kannada):
        assert_not_blank(png)
    heading = page.locator("h1").screenshot()
    assert_not_blank(heading, colours=3)


def assert_not_blank(png: bytes, colours: int = 8) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    low, high = image.convert("L").getextrema()
    assert high - low > 100, "the screenshot is blank"
    assert len(image.getcolors(maxcolors=1_000_000) or []) >= colours


def test_an_officer_resolves_a_quarantined_entry_and_it_leaves_the_queue(
    page: Page, site: Site
) -> None:
    engine = make_engine(site.server.database_url)
    try:
        conflict = quarantine_beside(engine, "MYS001-1", 1, DAY1)
    finally:
        engine.dispose()
    sign_in(page, "accounts.officer", "/web/quarantine")
    row = page.locator(f"#conflict-{conflict}")
    row.get_by_label("Decision").select_option("held_entry_stands")
    row.get_by_label("Reason").fill("counterfoil matches the held receipt")
    row.get_by_role("button", name="Resolve").click()
    expect(page.locator("#done")).to_contain_text(f"resolved-{conflict}")
    expect(page.locator(f"#conflict-{conflict}")).to_have_count(0)
