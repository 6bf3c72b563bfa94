"""Vietnamese formatting that does not depend on the active locale.

Templates use Django's localisation for the same rules; these helpers serve exports,
generated narrative and command-line output where no request is active.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def format_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, the form every Vietnamese office writes."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """1.626 and 12,5: a dot groups thousands, a comma marks decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def parse_date(text: str) -> dt.date:
    """Parse dd/mm/yyyy (also d/m/yyyy and ISO yyyy-mm-dd); raise ValueError otherwise."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)
