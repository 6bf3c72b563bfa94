"""The Content-Security-Policy allows only the app's own styles and scripts: an inline
``style=""`` attribute or ``<script>`` body in a template would be blocked in the browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = sorted(Path(__file__).resolve().parent.parent.joinpath("namro").rglob("templates/**/*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p).split("namro/", 1)[-1])
def test_no_inline_style_or_script(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\sstyle=\"", text), "inline style attribute"
    # A JSON data block is never executed, so script-src does not apply to it.
    assert not re.search(r"<script(?![^>]*\s(?:src=|type=\"application/json\"))[^>]*>", text), "inline script"
    assert not re.search(r"\son[a-z]+=\"", text), "inline event handler"
