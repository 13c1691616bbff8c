"""End to end in Chromium: the public form, staff sign-in, the report, a theme correction,
the downloads. Screenshots go to test-artifacts/ (look at them)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _sign_in(page: Page, base_url: str, token: str) -> None:
    page.goto(f"{base_url}/staff?lang=en")
    page.get_by_label("Token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="Programme overview")).to_be_visible()


def test_resident_sends_feedback_through_the_form(browser_server, browser_page, artifacts) -> None:
    page: Page = browser_page
    page.goto(f"{browser_server.base_url}/?lang=en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Experiments running now")
    page.screenshot(path=artifacts / "index.png", full_page=True)
    page.locator(f'a.button[href="/e/{browser_server.running_slug}"]').click()
    expect(page.get_by_role("button", name="Send feedback")).to_be_visible()

    # The question shown follows the role (progressive enhancement).
    page.get_by_label("City employee").check()
    expect(page.locator("#field-would_use")).to_be_hidden()
    expect(page.locator("#field-fits_work")).to_be_visible()
    page.get_by_label("Resident").check()
    expect(page.locator("#field-would_use")).to_be_visible()
    expect(page.locator("#field-fits_work")).to_be_hidden()

    page.locator("#rating-4").check()
    page.locator("#would_use-yes").check()
    page.get_by_label("What worked and what didn't?").fill(
        "Robotti löysi oikean hyllyn heti. <b>Kiitos!</b>"
    )
    page.screenshot(path=artifacts / "form.png", full_page=True)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback!")
    assert page.url.endswith(f"/e/{browser_server.running_slug}/thanks")
    page.screenshot(path=artifacts / "thanks.png", full_page=True)


def test_form_errors_are_announced_and_keep_the_input(browser_server, browser_page) -> None:
    page: Page = browser_page
    page.goto(f"{browser_server.base_url}/e/{browser_server.running_slug}?lang=en")
    page.get_by_label("What worked and what didn't?").fill("Ei roolia valittu")
    page.get_by_role("button", name="Send feedback").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Choose who you are.")
    expect(summary).to_be_focused()
    expect(page.get_by_label("What worked and what didn't?")).to_have_value("Ei roolia valittu")
    summary.get_by_role("link", name="Choose who you are.").click()
    assert page.url.endswith("#role-resident")


def test_keyboard_users_can_skip_to_the_content(browser_server, browser_page) -> None:
    page: Page = browser_page
    page.goto(f"{browser_server.base_url}/?lang=en")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_staff_reads_the_report_corrects_a_theme_and_downloads(
    browser_server, browser_page, artifacts
) -> None:
    page: Page = browser_page
    _sign_in(page, browser_server.base_url, browser_server.admin_token)
    page.screenshot(path=artifacts / "overview.png", full_page=True)
    page.locator(f'a[href="/staff/experiments/{browser_server.report_id}"]').first.click()
    expect(page.get_by_role("heading", level=2, name="Scorecard")).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    page.screenshot(path=artifacts / "report.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=artifacts / "report-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Correct the themes of the first comment: tick a theme it does not have yet.
    item = page.locator(".feedback-item").filter(has=page.locator("details.correct")).first
    item_id = item.get_attribute("id")
    item.get_by_text("Correct the themes").click()
    box = item.locator("input[name=themes]:not(:checked)").first
    theme_key = box.get_attribute("value")
    box.check()
    item.get_by_role("button", name="Save themes").click()
    expect(page.get_by_role("status").filter(has_text="saved")).to_be_visible()
    assert page.url.endswith(f"#{item_id}")
    corrected = page.locator(f"#{item_id}")
    expect(corrected.locator(".theme-tag.staff")).not_to_have_count(0)
    expect(corrected.locator(f"input[value={theme_key}]")).to_be_checked()

    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename.endswith("-feedback.csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text("utf-8-sig"))))
    assert rows and {"id", "text", "themes"} <= set(rows[0])
    corrected_row = next(r for r in rows if f"feedback-{r['id']}" == item_id)
    assert theme_key in corrected_row["themes"].split(";")


def test_the_html_export_opens_offline(browser_server, browser_page, artifacts) -> None:
    page: Page = browser_page
    _sign_in(page, browser_server.base_url, browser_server.admin_token)
    page.goto(f"{browser_server.base_url}/staff/experiments/{browser_server.report_id}")
    with page.expect_download() as info:
        page.get_by_role("link", name="HTML", exact=True).click()
    path = artifacts / "report-export.html"
    info.value.save_as(path)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    expect(page.get_by_role("heading", level=2, name="Scorecard")).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert [url for url in requests if not url.startswith("file:")] == []
    page.screenshot(path=artifacts / "report-export.png", full_page=True)


def test_owner_sees_only_their_own_experiment(browser_server, browser_page) -> None:
    page: Page = browser_page
    _sign_in(page, browser_server.base_url, browser_server.owner_token)
    rows = page.locator(".experiments-table tbody tr")
    expect(rows).to_have_count(1)
    response = page.goto(f"{browser_server.base_url}/staff/experiments/{browser_server.report_id}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Page not found"))


def test_api_documentation_renders_from_our_own_files(
    browser_server, browser_page, artifacts
) -> None:
    """Swagger UI at /docs needs no CDN: a city network without internet still shows it."""
    page: Page = browser_page
    origin = browser_server.base_url
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{origin}/docs")
    expect(page.get_by_role("heading", name=re.compile("Kokeilu"))).to_be_visible()
    expect(
        page.locator(
            ".opblock-summary-path", has_text="/api/v1/experiments/{experiment}/feedback"
        ).first
    ).to_be_visible()
    assert [url for url in requests if not url.startswith(origin)] == []
    page.screenshot(path=artifacts / "api-docs.png")
