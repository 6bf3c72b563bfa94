"""Report periods, due times and on-time/late/missing at the boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from namro.lib.errors import ActionError
from namro.reporting.periods import Frequency, Period, Rule, SubmissionState, periods_between, state, validate

FRIDAY_4PM = Rule(Frequency.WEEKLY, dt.time(16, 0), weekday=4)


def test_weekly_reports_fall_due_every_friday_at_four() -> None:
    periods = periods_between(FRIDAY_4PM, dt.date(2024, 3, 1), dt.date(2024, 3, 15))
    assert [p.due for p in periods] == [
        dt.datetime(2024, 3, 1, 16, 0),
        dt.datetime(2024, 3, 8, 16, 0),
        dt.datetime(2024, 3, 15, 16, 0),
    ]
    assert (periods[1].start, periods[1].end) == (dt.date(2024, 3, 2), dt.date(2024, 3, 8))


def test_a_report_at_1601_on_a_1600_deadline_is_late() -> None:
    due = dt.datetime(2024, 3, 8, 16, 0)
    assert state(due, dt.datetime(2024, 3, 8, 16, 0), due) is SubmissionState.ON_TIME
    assert state(due, dt.datetime(2024, 3, 8, 16, 1), due) is SubmissionState.LATE


def test_a_report_is_missing_only_after_its_due_time() -> None:
    due = dt.datetime(2024, 3, 8, 16, 0)
    assert state(due, None, dt.datetime(2024, 3, 8, 15, 59)) is SubmissionState.NOT_DUE
    assert state(due, None, dt.datetime(2024, 3, 8, 16, 0)) is SubmissionState.NOT_DUE
    assert state(due, None, dt.datetime(2024, 3, 8, 16, 1)) is SubmissionState.MISSING


def test_monthly_window_from_the_15th_to_the_14th() -> None:
    rule = Rule(Frequency.MONTHLY, dt.time(17, 0), due_day=16, due_offset_months=0, window_start_day=15)
    [period] = periods_between(rule, dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period == Period(dt.date(2024, 1, 15), dt.date(2024, 2, 14), dt.datetime(2024, 2, 16, 17, 0))


def test_quarterly_reports_cover_calendar_quarters_due_next_month() -> None:
    rule = Rule(Frequency.QUARTERLY, dt.time(17, 0), due_day=5)
    periods = periods_between(rule, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert [(p.start, p.end, p.due.date()) for p in periods] == [
        (dt.date(2023, 10, 1), dt.date(2023, 12, 31), dt.date(2024, 1, 5)),
        (dt.date(2024, 1, 1), dt.date(2024, 3, 31), dt.date(2024, 4, 5)),
        (dt.date(2024, 4, 1), dt.date(2024, 6, 30), dt.date(2024, 7, 5)),
        (dt.date(2024, 7, 1), dt.date(2024, 9, 30), dt.date(2024, 10, 5)),
    ]


def test_nine_month_reports_cover_january_to_september() -> None:
    rule = Rule(Frequency.NINE_MONTHS, dt.time(17, 0), due_day=10)
    [period] = periods_between(rule, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (period.start, period.end, period.due.date()) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 9, 30),
        dt.date(2024, 10, 10),
    )


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (Rule(Frequency.WEEKLY, dt.time(16, 0)), "weekday"),
        (Rule(Frequency.WEEKLY, dt.time(16, 0), weekday=9), "weekday"),
        (Rule(Frequency.MONTHLY, dt.time(16, 0), due_day=31), "due_day"),
        (Rule(Frequency.MONTHLY, dt.time(16, 0)), "due_day"),
        (Rule(Frequency.MONTHLY, dt.time(16, 0), due_day=5, weekday=4), "weekday"),
        (Rule(Frequency.MONTHLY, dt.time(16, 0), due_day=5, due_offset_months=0), "due_offset_months"),
        (Rule(Frequency.MONTHLY, dt.time(16, 0), due_day=5, due_offset_months=0, window_start_day=15), "due_day"),
        (Rule(Frequency.MONTHLY, dt.time(16, 0), due_day=5, window_start_day=30), "window_start_day"),
    ],
)
def test_rules_that_make_no_sense_are_refused_by_field(rule: Rule, field: str) -> None:
    with pytest.raises(ActionError) as err:
        validate(rule)
    assert err.value.field == field


def test_a_missing_due_day_is_asked_for_and_a_wrong_one_is_named() -> None:
    with pytest.raises(ActionError) as missing:
        validate(Rule(Frequency.QUARTERLY, dt.time(16, 0)))
    with pytest.raises(ActionError) as wrong:
        validate(Rule(Frequency.QUARTERLY, dt.time(16, 0), due_day=29))
    assert (missing.value.code, wrong.value.code) == ("due_day_required", "due_day_invalid")
    assert missing.value.message == "Báo cáo tháng, quý, năm cần chọn ngày nộp trong tháng (từ 1 đến 28)."
