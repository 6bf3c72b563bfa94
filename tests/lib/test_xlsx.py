"""XLSX cells keep text as text: a title typed as a formula or an error code is not run as
one by the reader's spreadsheet, and the task export uses them."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Font

from namro.lib.xlsx import cell, cells
from namro.tasks.exports import build_workbook, task_rows
from namro.tasks.models import Task
from tests.factories import World
from tests.tasks.pages import draft, people, today  # noqa: F401


def _round_trip(values: list[Any], *, bold: bool = False) -> list[Cell | MergedCell]:
    """Write ``values`` as one row of a write-only sheet and read the row back."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    sheet.append(cells(sheet, values, bold=bold))
    out = io.BytesIO()
    book.save(out)
    return list(load_workbook(io.BytesIO(out.getvalue()))["x"][1])


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","bấm")', "=1+1", "#N/A", "#REF!", "+84 912", "-5", "@SUM"])
def test_a_string_is_stored_as_text_whatever_it_starts_with(text: str) -> None:
    (read,) = _round_trip([text])
    assert (read.value, read.data_type) == (text, "s")


def test_the_guard_is_what_keeps_a_formula_out() -> None:
    # given the same value through openpyxl's own cell: it would be a formula
    sheet = Workbook(write_only=True).create_sheet("x")
    assert Cell(sheet, row=1, column=1, value="=1+1").data_type == "f"
    # when through ours it is text
    assert cell(sheet, "=1+1").data_type == "s"


def test_numbers_and_dates_keep_their_types_and_formats() -> None:
    number, day, moment, empty, last = _round_trip(
        [1626, dt.date(2024, 3, 8), dt.datetime(2024, 3, 8, 16, 1), None, "x"]
    )
    assert (number.value, number.data_type) == (1626, "n")
    assert (day.value, day.number_format) == (dt.datetime(2024, 3, 8), "DD/MM/YYYY")
    assert (moment.value, moment.number_format) == (dt.datetime(2024, 3, 8, 16, 1), "DD/MM/YYYY HH:MM")
    assert (empty.value, last.value) == (None, "x")


def test_control_characters_xlsx_cannot_hold_are_dropped_not_fatal() -> None:
    (read,) = _round_trip(["Báo cáo\x0btuần\x00"])
    assert read.value == "Báo cáotuần"


def test_a_bold_row_is_bold() -> None:
    sheet = Workbook(write_only=True).create_sheet("x")
    assert all(c.font == Font(bold=True) for c in cells(sheet, ["STT", "Tên"], bold=True))


@pytest.mark.usefixtures("today")
def test_a_task_named_like_a_formula_exports_as_text(world: World) -> None:
    # given a task whose title starts with "="
    title = '=HYPERLINK("http://x","Đề án")'
    task = draft(world, people(world), title=title)
    # when the task list is exported
    content, written, truncated = build_workbook(
        task_rows(Task.objects.filter(pk=task.pk), world.office_a), today=dt.date(2024, 3, 8)
    )
    # then its title cell is a string, not a formula
    title_cell = load_workbook(io.BytesIO(content))["Nhiệm vụ"]["B2"]
    assert (written, truncated) == (1, False)
    assert (title_cell.value, title_cell.data_type) == (title, "s")
