"""Working days: weekends, Vietnamese public holidays and the year's swapped days.

Deadlines such as "15 ngày làm việc kể từ ngày ban hành" and the issuance lag of a
conclusion are counted in working days. A :class:`WorkCalendar` is built from data — the
holidays, the official make-up working days (e.g. a Saturday worked in exchange for a
bridge day) and the swapped days off — because the Government fixes the exact days each
year. The office keeps those rows; this module only does the arithmetic and proposes the
statutory holidays of a year (:func:`vietnam_public_holidays`) as a starting point.

Conventions, used the same way everywhere:

* ``add_working_days(d, n)`` with ``n > 0`` is the n-th working day strictly after ``d``
  (``d`` itself need not be a working day); with ``n < 0`` the |n|-th working day strictly
  before ``d``; with ``n == 0`` it is ``d`` unchanged.
* ``working_days_between(start, end)`` counts the working days one steps onto going from
  ``start`` to ``end``: exclusive of ``start``, inclusive of ``end``; negative when
  ``end`` is before ``start`` (then it counts ``[end, start)``). So a conclusion signed on
  the day of the meeting has a lag of 0, one signed the next working day a lag of 1, and
  ``working_days_between(d, add_working_days(d, n)) == n`` for every ``d`` and ``n``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _
from lunar_vn import LunarDate, lunar_to_solar

ONE_DAY = dt.timedelta(days=1)
SATURDAY, SUNDAY = 5, 6
WEEKEND: frozenset[int] = frozenset({SATURDAY, SUNDAY})

# Labour Code 2012 (in force 2013–2020) and Labour Code 2019 (from 01/01/2021) are the
# rules implemented below; earlier years had other rules (a four-day Tết before 2013).
FIRST_SUPPORTED_YEAR = 2013
LAST_SUPPORTED_YEAR = 2099


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days, from data.

    A date is a working day unless it is a holiday or a swapped day off; a swapped
    working day (``working_days``) is a working day even on a weekend. A date may not be
    both a swapped working day and a holiday or day off: that is a data error, refused.
    """

    holidays: AbstractSet[dt.date] = frozenset()
    working_days: AbstractSet[dt.date] = frozenset()
    days_off: AbstractSet[dt.date] = frozenset()
    weekend: AbstractSet[int] = WEEKEND

    def __post_init__(self) -> None:
        # Freeze whatever sets the caller passed, so a calendar never changes under a caller.
        for name in ("holidays", "working_days", "days_off", "weekend"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        if not self.weekend <= set(range(7)) or len(self.weekend) == 7:
            raise ValueError("weekend must be a proper subset of weekday numbers 0–6")
        clash = self.working_days & (self.holidays | self.days_off)
        if clash:
            days = ", ".join(sorted(d.isoformat() for d in clash))
            raise ValueError(f"a swapped working day cannot also be a day off: {days}")

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.holidays or day in self.days_off:
            return False
        if day in self.working_days:
            return True
        return day.weekday() not in self.weekend

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        day -= ONE_DAY
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next one (a deadline that lands on a holiday)."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (before it when ``n`` is negative); ``day`` when 0."""
        step = self.next_working_day if n > 0 else self.previous_working_day
        for _i in range(abs(n)):
            day = step(day)
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; minus those in ``[end, start)`` when ``end < start``."""
        if end < start:
            return -self._count(end - ONE_DAY, start - ONE_DAY)
        return self._count(start, end)

    def _count(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``, by whole weeks plus the exceptions in range."""
        days = (end - start).days
        weeks, rest = divmod(days, 7)
        count = weeks * (7 - len(self.weekend))
        for offset in range(1, rest + 1):
            if (start + dt.timedelta(days=weeks * 7 + offset)).weekday() not in self.weekend:
                count += 1
        for day in self.holidays | self.days_off:
            if start < day <= end and day.weekday() not in self.weekend:
                count -= 1
        for day in self.working_days:
            if start < day <= end and day.weekday() in self.weekend:
                count += 1
        return count


# --- Vietnamese public holidays -------------------------------------------------------------

# Days off swapped by the Government for public servants: (day off, make-up working day).
# Seed data for the office's table (the announcements of the Ministry of Labour / the
# Government Office each year); cross-checked with the `holidays` package's Vietnam data.
OFFICIAL_SWAPS: dict[int, tuple[tuple[dt.date, dt.date], ...]] = {
    2013: ((dt.date(2013, 4, 29), dt.date(2013, 5, 4)),),
    2014: ((dt.date(2014, 5, 2), dt.date(2014, 4, 26)), (dt.date(2014, 9, 1), dt.date(2014, 9, 6))),
    2015: (
        (dt.date(2015, 1, 2), dt.date(2014, 12, 27)),
        (dt.date(2015, 2, 16), dt.date(2015, 2, 14)),
        (dt.date(2015, 4, 29), dt.date(2015, 4, 25)),
    ),
    2018: ((dt.date(2018, 12, 31), dt.date(2019, 1, 5)),),
    2019: ((dt.date(2019, 4, 29), dt.date(2019, 5, 4)),),
    2024: ((dt.date(2024, 4, 29), dt.date(2024, 5, 4)),),
    2025: ((dt.date(2025, 5, 2), dt.date(2025, 4, 26)),),
    2026: ((dt.date(2026, 8, 31), dt.date(2026, 8, 22)),),
}

# Ngày Văn hóa Việt Nam (24/11), a paid day off from 2026 under Resolution 80-NQ/TW.
CULTURE_DAY_SINCE = 2026


def lunar_date(year: int, month: int, day: int) -> dt.date:
    """The solar date of a day of the Vietnamese lunar calendar (non-leap month).

    Computed by ``lunar_vn`` with Hồ Ngọc Đức's astronomical algorithm at UTC+7, the
    meridian of the official Vietnamese calendar. The Chinese calendar (UTC+8) differs
    some years — Tết 1985 fell on 21/01 in Vietnam and 20/02 in China, Tết 2007 on 17/02
    against 18/02, Tết 2030 will fall on 02/02 against 03/02 — so a Chinese-calendar
    library (``lunardate``) would be wrong on exactly those days.
    """
    return lunar_to_solar(LunarDate(day, month, year))


def national_day_extra(year: int) -> dt.date:
    """The day added to Quốc khánh 2/9 since 2021: 1/9 or 3/9 as the Prime Minister decides.

    The Labour Code (Art. 112.1.đ) gives "2/9 and one adjacent day before or after" and the
    Prime Minister picks it each year. The decisions of 2021–2026 all chose the day that
    joins 2/9 to the weekend or to a bridge: 3/9 when 2/9 is a Monday, Thursday or Sunday,
    1/9 otherwise (2021: Fri 3/9; 2022: Thu 1/9; 2023: Fri 1/9; 2024: Tue 3/9; 2025: Mon 1/9;
    2026: Tue 1/9). That is the default; the office corrects the year's row if a decision
    differs.
    """
    second = dt.date(year, 9, 2)
    return second + ONE_DAY if second.weekday() in (0, 3, 6) else second - ONE_DAY


def vietnam_public_holidays(
    year: int,
    *,
    compensatory: bool = False,
    national_day_extra_day: Literal[1, 3] | None = None,
    culture_day: bool = True,
) -> list[tuple[dt.date, str]]:
    """The statutory public holidays of ``year`` (Labour Code 2019 Art. 112; 2012 Art. 115).

    * Tết Dương lịch 1/1.
    * Tết Âm lịch, five days: the last day of the lunar year (29 or 30 tháng Chạp) and
      mùng 1–4 Tháng Giêng. The Prime Minister fixes the exact five days each year; this is
      the default pattern, which the office edits.
    * Giỗ Tổ Hùng Vương, 10/3 of the lunar calendar.
    * Ngày Chiến thắng 30/4 and Quốc tế Lao động 1/5.
    * Quốc khánh 2/9, plus from 2021 one adjacent day (:func:`national_day_extra`, or
      ``national_day_extra_day`` = 1 or 3 to force 1/9 or 3/9).
    * Ngày Văn hóa Việt Nam 24/11 from 2026 (``culture_day=False`` leaves it out).

    With ``compensatory=True`` the days off given for holidays on a weekend are added
    (Art. 111.3: the next working day). For Tết the Prime Minister's decisions since 2014
    move a Saturday back to the working day before the break and a Sunday to the working
    day after it; that is what this does, and it reproduces the official Tết breaks of
    2020–2026. Swapped days (:data:`OFFICIAL_SWAPS`) are separate data, not included here.

    Lunar dates use the Vietnamese calendar (:func:`lunar_date`). Years outside
    2013–2099 raise ``ValueError``: earlier years had other rules.
    """
    if not FIRST_SUPPORTED_YEAR <= year <= LAST_SUPPORTED_YEAR:
        raise ValueError(f"public holidays are known for {FIRST_SUPPORTED_YEAR}–{LAST_SUPPORTED_YEAR}, not {year}")
    tet = lunar_date(year, 1, 1)
    tet_days = [tet - ONE_DAY, *(tet + dt.timedelta(days=i) for i in range(4))]
    tet_names = [
        _("Tết Âm lịch (ngày cuối năm Âm lịch)"),
        _("Tết Âm lịch (mùng 1 Tết)"),
        _("Tết Âm lịch (mùng 2 Tết)"),
        _("Tết Âm lịch (mùng 3 Tết)"),
        _("Tết Âm lịch (mùng 4 Tết)"),
    ]
    holidays: list[tuple[dt.date, str]] = [(dt.date(year, 1, 1), _("Tết Dương lịch"))]
    holidays += list(zip(tet_days, tet_names, strict=True))
    holidays += [
        (lunar_date(year, 3, 10), _("Giỗ Tổ Hùng Vương (10/3 Âm lịch)")),
        (dt.date(year, 4, 30), _("Ngày Chiến thắng (30/4)")),
        (dt.date(year, 5, 1), _("Ngày Quốc tế Lao động (1/5)")),
        (dt.date(year, 9, 2), _("Quốc khánh (2/9)")),
    ]
    if year >= 2021:
        extra = dt.date(year, 9, national_day_extra_day) if national_day_extra_day else national_day_extra(year)
        holidays.append((extra, _("Quốc khánh (ngày liền kề 2/9)")))
    if culture_day and year >= CULTURE_DAY_SINCE:
        holidays.append((dt.date(year, 11, 24), _("Ngày Văn hóa Việt Nam (24/11)")))
    holidays.sort()
    if compensatory:
        holidays = sorted(holidays + _compensatory_days(holidays, set(tet_days)))
    return holidays


def _compensatory_days(holidays: list[tuple[dt.date, str]], tet_days: set[dt.date]) -> list[tuple[dt.date, str]]:
    taken = {day for day, _name in holidays}

    def free(day: dt.date) -> bool:
        return day.weekday() not in WEEKEND and day not in taken

    result: list[tuple[dt.date, str]] = []
    # Tết Saturdays first: they go back before the break, the rest go forward after it.
    for day, name in holidays:
        if day in tet_days and day.weekday() == SATURDAY:
            moved = day - ONE_DAY
            while not free(moved):
                moved -= ONE_DAY
            taken.add(moved)
            result.append((moved, _("Nghỉ bù %(holiday)s") % {"holiday": name}))
    for day, name in holidays:
        if day.weekday() in WEEKEND and not (day in tet_days and day.weekday() == SATURDAY):
            moved = day + ONE_DAY
            while not free(moved):
                moved += ONE_DAY
            taken.add(moved)
            result.append((moved, _("Nghỉ bù %(holiday)s") % {"holiday": name}))
    return result


def vietnam_calendar(
    years: Iterable[int],
    *,
    compensatory: bool = True,
    swaps: bool = True,
    extra_holidays: Iterable[dt.date] = (),
    working_days: Iterable[dt.date] = (),
    days_off: Iterable[dt.date] = (),
) -> WorkCalendar:
    """A calendar of the statutory holidays of ``years`` with compensatory days and the
    known official swaps — the default the office starts from before editing."""
    holidays = {day for year in years for day, _name in vietnam_public_holidays(year, compensatory=compensatory)}
    holidays |= set(extra_holidays)
    off, worked = set(days_off), set(working_days)
    if swaps:
        for pairs in OFFICIAL_SWAPS.values():
            for day_off, make_up in pairs:
                off.add(day_off)
                worked.add(make_up)
    return WorkCalendar(holidays=holidays, working_days=worked, days_off=off)
