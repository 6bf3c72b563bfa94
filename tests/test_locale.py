"""Locale: Vietnamese by default, English through gettext, Vietnamese date and number formats."""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import formats, translation

from namro.lib.vn import format_number

LOGIN = "/accounts/login/"
CATALOGUE = Path(settings.BASE_DIR) / "namro" / "locale" / "en" / "LC_MESSAGES"

_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (\".*\")$")


def _po_entries(path: Path) -> list[dict[str, str]]:
    """The entries of a .po file: keyword -> unescaped string, plus "flags" from ``#,`` lines.

    Enough of the format for makemessages output; obsolete (``#~``) entries are skipped.
    """
    entries: list[dict[str, str]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict[str, str] = {"flags": ""}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line[2:]
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                assert key is not None, line
                entry[key] += ast.literal_eval(line)
            else:
                match = _KEYWORD.match(line)
                assert match, line
                key = match.group(1)
                entry[key] = ast.literal_eval(match.group(2))
        if "msgid" in entry:
            entries.append(entry)
    return entries


def _messages() -> list[dict[str, str]]:
    """The translatable entries, without the header."""
    return [e for e in _po_entries(CATALOGUE / "django.po") if e["msgid"]]


def test_login_page_is_vietnamese_by_default(db: None) -> None:
    response = Client().get(LOGIN)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Đăng nhập" in content
    assert 'lang="vi"' in content


def test_login_page_in_english_with_the_language_cookie(db: None) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(LOGIN)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en"' in content
    assert '<h1 class="h3 mb-3">Log in</h1>' in content
    assert "Username" in content
    assert "Đăng nhập" not in content


def test_catalogue_is_parsed() -> None:
    messages = _messages()
    assert len(messages) > 400
    assert any("msgid_plural" in e for e in messages)


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries() -> None:
    untranslated = []
    for entry in _messages():
        strings = [v for k, v in entry.items() if k.startswith("msgstr")]
        if not strings or not all(s.strip() for s in strings):
            untranslated.append(entry["msgid"])
    assert untranslated == []
    assert [e["msgid"] for e in _messages() if "fuzzy" in e["flags"]] == []


def test_english_catalogue_keeps_placeholders() -> None:
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in _messages():
        expected = sorted(placeholder.findall(entry["msgid"]))
        for key, value in entry.items():
            if key.startswith("msgstr"):
                assert sorted(placeholder.findall(value)) == expected, entry["msgid"]


def test_compiled_catalogue_matches_the_po_file() -> None:
    """The .mo is committed next to the .po: a stale one would show old or missing English."""
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in _messages():
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr[0]"]
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
        elif context is not None:
            # The same words in another place ("Báo cáo" as the menu, "Reports") may read differently.
            assert compiled.pgettext(context, entry["msgid"]) == entry["msgstr"], (context, entry["msgid"])
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_day_first_in_both_languages(language: str) -> None:
    with translation.override(language):
        assert formats.date_format(dt.date(2020, 6, 5), "SHORT_DATE_FORMAT") == "05/06/2020"


def test_vietnamese_number_format() -> None:
    with translation.override("vi"):
        assert formats.number_format(1626, force_grouping=True) == "1.626"
        assert formats.number_format(12.5, 1) == "12,5"


def test_vn_format_number_does_not_depend_on_the_locale() -> None:
    for language in ("vi", "en"):
        with translation.override(language):
            assert format_number(1626) == "1.626"
            assert format_number(12.5, 1) == "12,5"
