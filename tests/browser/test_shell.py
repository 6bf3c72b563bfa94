"""A user's first minutes: log in, see the tree, open a person, search — on a desktop and a phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_city_office_logs_in_and_walks_the_tree(world: World, live_server: Any, page: Any) -> None:
    base = live_server.url
    page.goto(f"{base}/")
    assert page.url.startswith(f"{base}/accounts/login/")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    _login(page, base, "vanphong")
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    page.get_by_role("button", name="Tổ chức", exact=True).click()
    page.get_by_role("link", name="Tổ chức đảng").first.click()
    tree = page.get_by_test_id("org-tree")
    expect(tree.get_by_role("link", name="Đảng bộ phường Trần Phú")).to_be_visible()
    screenshot(page, "tree-vanphong")
    tree.get_by_role("link", name="Đảng bộ phường Trần Phú").click()
    expect(page.get_by_role("heading", name="Đảng bộ phường Trần Phú")).to_be_visible()
    page.get_by_role("link", name="Nguyễn Văn Đức").click()
    expect(page.get_by_test_id("memberships").get_by_text("Bí thư Đảng ủy phường Trần Phú")).to_be_visible()
    screenshot(page, "person-detail")


def test_search_without_accents_from_the_top_bar(world: World, live_server: Any, page: Any) -> None:
    _login(page, live_server.url, "vanphong")
    box = page.get_by_placeholder("Tìm tổ chức, người, nhiệm vụ, văn bản…")
    box.fill("hai duong")
    box.press("Enter")
    section = page.get_by_test_id("search-organization")
    expect(section.get_by_role("link", name="Đảng bộ thành phố Hải Dương")).to_be_visible()
    screenshot(page, "search-hai-duong")


def test_ward_office_on_a_phone_sees_only_its_ward(world: World, live_server: Any, phone: Any) -> None:
    base = live_server.url
    _login(phone, base, "vanphong.a")
    # the menu collapses behind the toggler on a phone
    phone.get_by_role("button", name="Mở menu").click()
    phone.get_by_role("button", name="Tổ chức", exact=True).click()
    phone.get_by_role("link", name="Tổ chức đảng").first.click()
    tree = phone.get_by_test_id("org-tree")
    expect(tree.get_by_role("link", name="Đảng bộ phường Trần Phú")).to_be_visible()
    expect(tree.get_by_text("Lê Thanh Nghị")).to_have_count(0)
    screenshot(phone, "tree-ward-phone")
    response = phone.goto(f"{base}/organizations/people/{world.person_b.pk}/")
    assert response is not None
    assert response.status == 404
