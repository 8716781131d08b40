"""The HTML report in a real headless Chromium: sections render, citations open, injected scripts stay text."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_fixture import SCRIPT, dossier

from newsprism.report.html import write_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium")


@pytest.fixture(scope="module")
def page_of(tmp_path_factory: pytest.TempPathFactory):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[test])")
    report = write_html(dossier(), tmp_path_factory.mktemp("html") / "report.html")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)

        def open_page(width: int, height: int):
            page = browser.new_page(viewport={"width": width, "height": height})
            errors: list[str] = []
            dialogs: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(report.as_uri())
            return page, errors, dialogs

        yield open_page
        browser.close()


def test_sections_citations_and_no_script_injection(page_of, tmp_path: Path) -> None:
    page, errors, dialogs = page_of(1280, 900)
    for section in ("outlets", "summary", "matrix", "contradictions", "quotes", "framing", "reuse", "timeline"):
        assert page.locator(f"section#{section} h2").is_visible(), section
    assert page.locator("svg.reuse-graph line.edge").count() == 2
    assert page.locator("svg.timeline-chart circle.rival").count() >= 1
    assert page.locator("table.matrix td.contradicted").count() >= 1
    # a citation mark reveals its evidence, and hides it again
    cite = page.locator("#s1 button.cite").first
    panel = page.locator("#" + cite.get_attribute("aria-controls"))
    assert not panel.is_visible()
    cite.click()
    assert panel.is_visible()
    assert "Observers from the European Union" in panel.inner_text()
    assert cite.get_attribute("aria-expanded") == "true"
    cite.click()
    assert not panel.is_visible()
    # the article's <script> is shown as text, never run
    page.locator("section#outlets details summary").nth(1).click()
    assert SCRIPT in page.locator("section#outlets").inner_text()
    assert page.locator("main script").count() == 0
    assert dialogs == []
    assert errors == []
    page.screenshot(path=str(tmp_path / "laptop.png"), full_page=True)
    assert (tmp_path / "laptop.png").stat().st_size > 10_000


def test_reads_on_a_phone(page_of, tmp_path: Path) -> None:
    page, errors, _dialogs = page_of(390, 844)
    body_width = page.evaluate("document.documentElement.scrollWidth")
    assert body_width <= 390 + 1, "the page must not scroll sideways on a phone (wide tables scroll inside)"
    page.locator("#s2 button.cite").first.click()
    assert page.locator("#s2 .evidence.open").is_visible()
    assert errors == []
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
