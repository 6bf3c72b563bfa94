"""Working-day arithmetic and the Vietnamese public holidays, Tết included."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from namro.lib.workdays import (
    OFFICIAL_SWAPS,
    WorkCalendar,
    lunar_date,
    national_day_extra,
    vietnam_calendar,
    vietnam_public_holidays,
)

D = dt.date


def _off_block(calendar: WorkCalendar, inside: dt.date) -> tuple[dt.date, dt.date]:
    """The run of consecutive non-working days that contains ``inside``."""
    assert not calendar.is_working_day(inside)
    start = end = inside
    while not calendar.is_working_day(start - dt.timedelta(days=1)):
        start -= dt.timedelta(days=1)
    while not calendar.is_working_day(end + dt.timedelta(days=1)):
        end += dt.timedelta(days=1)
    return start, end


# --- lunar calendar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tet",
    [D(2020, 1, 25), D(2021, 2, 12), D(2022, 2, 1), D(2023, 1, 22), D(2024, 2, 10), D(2025, 1, 29), D(2026, 2, 17)],
)
def test_tet_falls_on_the_known_day(tet: dt.date) -> None:
    # given a year / when its first day of the lunar year is computed / then it is the known Tết
    assert lunar_date(tet.year, 1, 1) == tet


@pytest.mark.parametrize("gio_to", [D(2020, 4, 2), D(2024, 4, 18), D(2025, 4, 7)])
def test_hung_kings_day_falls_on_the_known_day(gio_to: dt.date) -> None:
    assert lunar_date(gio_to.year, 3, 10) == gio_to


@pytest.mark.parametrize(
    ("year", "vietnamese_tet"),
    # the years the Chinese calendar (UTC+8) puts Tết on another day
    [(1985, D(1985, 1, 21)), (2007, D(2007, 2, 17)), (2030, D(2030, 2, 2)), (2053, D(2053, 2, 18))],
)
def test_lunar_dates_follow_the_vietnamese_calendar_not_the_chinese_one(year: int, vietnamese_tet: dt.date) -> None:
    assert lunar_date(year, 1, 1) == vietnamese_tet


def test_hung_kings_day_2009_follows_the_vietnamese_calendar() -> None:
    # China's 10/3 of 2009 was 5 April; Vietnam's was 4 April
    assert lunar_date(2009, 3, 10) == D(2009, 4, 4)


# --- statutory holidays ----------------------------------------------------------------------


def test_2024_statutory_holidays_without_compensation() -> None:
    # when the 2024 holidays are listed without compensatory days
    days = [day for day, _name in vietnam_public_holidays(2024)]
    # then they are 1/1, the five Tết days (30 Chạp to mùng 4), Giỗ Tổ, 30/4, 1/5, 2/9 and 3/9
    assert days == [
        D(2024, 1, 1),
        D(2024, 2, 9),
        D(2024, 2, 10),
        D(2024, 2, 11),
        D(2024, 2, 12),
        D(2024, 2, 13),
        D(2024, 4, 18),
        D(2024, 4, 30),
        D(2024, 5, 1),
        D(2024, 9, 2),
        D(2024, 9, 3),
    ]


def test_tet_eve_is_the_29th_when_the_last_lunar_month_is_short() -> None:
    # 2025: tháng Chạp of Giáp Thìn had 29 days, so the eve is 28/01
    holidays = dict(vietnam_public_holidays(2025))
    assert D(2025, 1, 28) in holidays
    assert "cuối năm" in holidays[D(2025, 1, 28)]
    assert sum("Tết Âm lịch" in name for name in holidays.values()) == 5


def test_holiday_names_are_vietnamese() -> None:
    names = [name for _day, name in vietnam_public_holidays(2021)]
    assert names[0] == "Tết Dương lịch"
    assert "Giỗ Tổ Hùng Vương (10/3 Âm lịch)" in names
    assert "Quốc khánh (2/9)" in names


def test_before_2021_national_day_is_one_day() -> None:
    days = {day for day, _name in vietnam_public_holidays(2020)}
    assert D(2020, 9, 2) in days
    assert D(2020, 9, 1) not in days
    assert D(2020, 9, 3) not in days


@pytest.mark.parametrize(
    ("year", "extra"),
    [
        (2021, D(2021, 9, 3)),
        (2022, D(2022, 9, 1)),
        (2023, D(2023, 9, 1)),
        (2024, D(2024, 9, 3)),
        (2025, D(2025, 9, 1)),
        (2026, D(2026, 9, 1)),
    ],
)
def test_national_day_extra_day_matches_the_prime_ministers_decisions(year: int, extra: dt.date) -> None:
    assert national_day_extra(year) == extra
    assert extra in {day for day, _name in vietnam_public_holidays(year)}


def test_national_day_extra_day_can_be_forced() -> None:
    # given 2024's default is 3/9 / when the office forces 1/9 / then 1/9 replaces it
    days = {day for day, _name in vietnam_public_holidays(2024, national_day_extra_day=1)}
    assert D(2024, 9, 1) in days
    assert D(2024, 9, 3) not in days


def test_culture_day_from_2026_and_optional() -> None:
    assert D(2026, 11, 24) in {day for day, _name in vietnam_public_holidays(2026)}
    assert D(2025, 11, 24) not in {day for day, _name in vietnam_public_holidays(2025)}
    assert D(2026, 11, 24) not in {day for day, _name in vietnam_public_holidays(2026, culture_day=False)}


@pytest.mark.parametrize("year", [2012, 2100])
def test_years_outside_the_known_rules_are_refused(year: int) -> None:
    with pytest.raises(ValueError, match=str(year)):
        vietnam_public_holidays(year)


def test_compensatory_day_for_a_holiday_on_a_weekend() -> None:
    # given 1/1/2023 was a Sunday / when compensatory days are asked for
    holidays = dict(vietnam_public_holidays(2023, compensatory=True))
    # then Monday 2/1 is a day off named after the holiday
    assert holidays[D(2023, 1, 2)] == "Nghỉ bù Tết Dương lịch"


def test_without_compensation_no_extra_day_is_added() -> None:
    assert D(2023, 1, 2) not in dict(vietnam_public_holidays(2023))


@pytest.mark.parametrize(
    ("year", "first", "last"),
    [
        # the official Tết breaks of public servants, weekends included
        (2020, D(2020, 1, 23), D(2020, 1, 29)),
        (2021, D(2021, 2, 10), D(2021, 2, 16)),
        (2022, D(2022, 1, 29), D(2022, 2, 6)),
        (2023, D(2023, 1, 20), D(2023, 1, 26)),
        (2024, D(2024, 2, 8), D(2024, 2, 14)),
        (2025, D(2025, 1, 25), D(2025, 2, 2)),
        (2026, D(2026, 2, 14), D(2026, 2, 22)),
    ],
)
def test_compensated_tet_reproduces_the_official_break(year: int, first: dt.date, last: dt.date) -> None:
    calendar = vietnam_calendar([year])
    assert _off_block(calendar, lunar_date(year, 1, 1)) == (first, last)


@pytest.mark.parametrize(
    ("year", "first", "last"),
    [
        (2021, D(2021, 9, 2), D(2021, 9, 5)),
        (2022, D(2022, 9, 1), D(2022, 9, 4)),
        (2023, D(2023, 9, 1), D(2023, 9, 4)),
        (2024, D(2024, 8, 31), D(2024, 9, 3)),
        (2025, D(2025, 8, 30), D(2025, 9, 2)),
        (2026, D(2026, 8, 29), D(2026, 9, 2)),  # 31/8 swapped with Saturday 22/8
    ],
)
def test_national_day_breaks_match_the_official_ones(year: int, first: dt.date, last: dt.date) -> None:
    assert _off_block(vietnam_calendar([year]), D(year, 9, 2)) == (first, last)


def test_reunification_day_break_of_2022_runs_to_tuesday() -> None:
    # 30/4 Saturday and 1/5 Sunday give Monday 2/5 and Tuesday 3/5 off
    assert _off_block(vietnam_calendar([2022]), D(2022, 4, 30)) == (D(2022, 4, 30), D(2022, 5, 3))


def test_official_swaps_make_a_saturday_a_working_day() -> None:
    # given 2025's swap: Friday 2/5 off, Saturday 26/4 worked
    calendar = vietnam_calendar([2025])
    assert calendar.is_working_day(D(2025, 4, 26))
    assert not calendar.is_working_day(D(2025, 5, 2))
    assert _off_block(calendar, D(2025, 4, 30)) == (D(2025, 4, 30), D(2025, 5, 4))
    # and without swaps the calendar keeps the plain weekend
    plain = vietnam_calendar([2025], swaps=False)
    assert not plain.is_working_day(D(2025, 4, 26))
    assert plain.is_working_day(D(2025, 5, 2))


def test_every_official_swap_moves_a_weekday_to_a_weekend_day() -> None:
    for pairs in OFFICIAL_SWAPS.values():
        for day_off, make_up in pairs:
            assert day_off.weekday() < 5
            assert make_up.weekday() == 5


# --- the calendar as data ------------------------------------------------------------------


def test_weekends_holidays_and_swaps_decide_working_days() -> None:
    # given a week with a holiday on Wednesday, Friday swapped off and Saturday worked instead
    calendar = WorkCalendar(holidays={D(2024, 5, 1)}, days_off=[D(2024, 5, 3)], working_days=frozenset({D(2024, 5, 4)}))
    week = [D(2024, 4, 29) + dt.timedelta(days=i) for i in range(7)]
    # then Mon, Tue, Thu and Sat are working days
    assert [calendar.is_working_day(day) for day in week] == [True, True, False, True, False, True, False]


def test_calendar_sets_are_frozen() -> None:
    holidays = {D(2024, 5, 1)}
    calendar = WorkCalendar(holidays=holidays)
    holidays.add(D(2024, 5, 2))
    assert calendar.is_working_day(D(2024, 5, 2))
    assert isinstance(calendar.holidays, frozenset)


def test_a_swapped_working_day_cannot_also_be_a_holiday() -> None:
    with pytest.raises(ValueError, match="2024-05-04"):
        WorkCalendar(holidays={D(2024, 5, 4)}, working_days={D(2024, 5, 4)})


def test_a_week_without_working_days_is_refused() -> None:
    with pytest.raises(ValueError, match="weekend"):
        WorkCalendar(weekend=set(range(7)))


def test_next_and_previous_working_day_are_strict() -> None:
    calendar = WorkCalendar()
    monday, friday = D(2024, 6, 3), D(2024, 6, 7)
    assert calendar.next_working_day(monday) == D(2024, 6, 4)
    assert calendar.next_working_day(friday) == D(2024, 6, 10)
    assert calendar.previous_working_day(monday) == D(2024, 5, 31)
    assert calendar.working_day_on_or_after(monday) == monday
    assert calendar.working_day_on_or_after(D(2024, 6, 8)) == D(2024, 6, 10)


def test_add_working_days_over_tet_2025() -> None:
    # given a document issued on Friday 24/01/2025 with a deadline of 3 working days
    calendar = vietnam_calendar([2025])
    # when the deadline is computed / then the whole Tết break (25/1–2/2) is skipped
    assert calendar.add_working_days(D(2025, 1, 24), 3) == D(2025, 2, 5)
    assert calendar.add_working_days(D(2025, 2, 5), -3) == D(2025, 1, 24)


def test_add_zero_working_days_is_the_same_day_even_on_a_holiday() -> None:
    calendar = vietnam_calendar([2025])
    assert calendar.add_working_days(D(2025, 1, 29), 0) == D(2025, 1, 29)


def test_add_working_days_from_a_non_working_day() -> None:
    calendar = WorkCalendar()
    saturday = D(2024, 6, 8)
    assert calendar.add_working_days(saturday, 1) == D(2024, 6, 10)
    assert calendar.add_working_days(saturday, -1) == D(2024, 6, 7)


def test_working_days_between_is_exclusive_of_start_and_inclusive_of_end() -> None:
    calendar = WorkCalendar()
    friday, monday = D(2024, 6, 7), D(2024, 6, 10)
    assert calendar.working_days_between(friday, friday) == 0
    assert calendar.working_days_between(friday, monday) == 1
    assert calendar.working_days_between(monday, friday) == -1
    assert calendar.working_days_between(D(2024, 6, 1), D(2024, 6, 30)) == 20


def test_issuance_lag_across_tet_counts_only_working_days() -> None:
    # a meeting on Thursday 23/01/2025, its conclusion signed on Tuesday 04/02/2025
    calendar = vietnam_calendar([2025])
    assert calendar.working_days_between(D(2025, 1, 23), D(2025, 2, 4)) == 3  # 24/1, 3/2, 4/2


def test_between_and_add_are_inverse_for_every_day_and_count() -> None:
    calendar = vietnam_calendar([2024, 2025])
    start = D(2024, 12, 20)
    for offset in range(60):
        day = start + dt.timedelta(days=offset)
        for n in range(-12, 13):
            assert calendar.working_days_between(day, calendar.add_working_days(day, n)) == n, (day, n)


def test_counting_by_weeks_agrees_with_counting_day_by_day() -> None:
    calendar = vietnam_calendar([2023, 2024, 2025])
    rng = random.Random(7)
    for _i in range(300):
        start = D(2023, 1, 1) + dt.timedelta(days=rng.randrange(1000))
        end = start + dt.timedelta(days=rng.randrange(-120, 400))
        if end >= start:
            expected = sum(
                calendar.is_working_day(start + dt.timedelta(days=i)) for i in range(1, (end - start).days + 1)
            )
        else:
            expected = -sum(calendar.is_working_day(end + dt.timedelta(days=i)) for i in range((start - end).days))
        assert calendar.working_days_between(start, end) == expected, (start, end)
