"""The docs page in a real browser: Swagger UI renders under our CSP and fetches nothing
from outside the server."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (os.path.exists(CHROMIUM) or shutil.which("chromium")),
        reason=f"chromium not found at {CHROMIUM}: browser tests skipped",
    ),
]

RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_swagger_ui_renders_under_the_csp(live_server: Any) -> None:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    console_errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.add_init_script(RECORD_CSP_VIOLATIONS)
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
            # when the docs page is opened
            page.goto(f"{live_server.url}/api/v1/docs")
            # then Swagger UI has rendered the operations with their Vietnamese summaries
            page.get_by_text("Danh sách tổ chức đảng").first.wait_for()
            page.get_by_text("Thu hồi mã truy cập").first.wait_for()
            violations = page.evaluate("window.__cspViolations")
        finally:
            browser.close()
    # and the CSP blocked nothing, and nothing was fetched from anywhere but our server
    assert violations == []
    assert not [e for e in console_errors if "Content Security Policy" in e], console_errors
    assert requests
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests), requests
