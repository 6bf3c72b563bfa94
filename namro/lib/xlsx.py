"""Cells for the XLSX exports (openpyxl write-only sheets) that hold text as text.

openpyxl guesses a cell's type from its value: a string starting with "=" becomes a formula
and one equal to an error code ("#N/A", "#REF!"…) becomes an error. Exports write what users
typed (a report's title, a task's name), so a title "=HYPERLINK(…)" would run as a formula in
the reader's spreadsheet. :func:`cell` keeps every string a string. Control characters that
XLSX cannot hold (a pasted vertical tab) are dropped rather than failing the whole export.

Only "=" is auto-typed by openpyxl; "+", "-" and "@" are dangerous in CSV, not in a cell whose
type is stored as a string, so they are written unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def cell(sheet: WriteOnlyWorksheet, value: Any, *, font: Font | None = None) -> Cell:
    """A write-only cell for ``value``: strings always stored as text, dates and times shown
    dd/mm/yyyy (hh:mm)."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    result = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Not a formula ("=…"), not an error code ("#N/A"): the text as typed.
        result.data_type = "s"
    elif isinstance(value, dt.datetime):
        result.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        result.number_format = DATE_FORMAT
    if font is not None:
        result.font = font
    return result


def cells(sheet: WriteOnlyWorksheet, values: list[Any], *, bold: bool = False) -> list[Cell]:
    """A row of :func:`cell`, bold for a header or a total."""
    font = Font(bold=True) if bold else None
    return [cell(sheet, value, font=font) for value in values]
