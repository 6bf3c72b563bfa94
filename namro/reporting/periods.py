"""Report periods and due times: pure arithmetic on an obligation's rule.

An obligation says how often a report is due (weekly, monthly, quarterly, 6-month, 9-month,
annual), when (weekly: a weekday and a time, e.g. Friday 16:00; otherwise a day of the
month after the period and a time) and which data window it covers (e.g. the 15th to the
14th). A submission is *on time* when it arrives at or before the due time — 16:01 on a
16:00 deadline is late — and a report is *missing* only once its due time has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from namro.lib.errors import ActionError


class Frequency(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    NINE_MONTHS = "nine_months"
    YEARLY = "yearly"


MONTHS_IN = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.NINE_MONTHS: 9,
    Frequency.YEARLY: 12,
}


@dataclass(frozen=True)
class Rule:
    """When reports fall due and what they cover.

    - ``weekday`` (0 = Monday) and ``due_time``: weekly reports, due on that weekday of the
      week the window ends in (the window is the 7 days ending the day before, or ending on
      the due day when ``window_start_day`` is None).
    - ``due_day`` (1–28) and ``due_time``: other frequencies; due on that day of the month
      after the period ends (``due_offset_months`` = 1), or of the period's last month (0).
    - ``window_start_day`` (1–28): periods run from that day to the day before it, e.g. 15 →
      15/01–14/02 for a monthly report. None means calendar periods (1st to month end).
    """

    frequency: Frequency
    due_time: dt.time
    weekday: int | None = None
    due_day: int | None = None
    due_offset_months: int = 1
    window_start_day: int | None = None


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    due: dt.datetime  # naive local time (Asia/Ho_Chi_Minh); callers make it aware


def validate(rule: Rule) -> None:
    """Refuse rules that make no sense, naming the field."""
    if rule.frequency is Frequency.WEEKLY:
        if rule.weekday is None or not 0 <= rule.weekday <= 6:
            raise ActionError("weekday_required", _("Báo cáo tuần cần chọn thứ trong tuần phải nộp."), "weekday")
        if rule.due_day is not None:
            raise ActionError("due_day_not_weekly", _("Báo cáo tuần không dùng ngày trong tháng."), "due_day")
        return
    if rule.due_day is None:
        raise ActionError(
            "due_day_required", _("Báo cáo tháng, quý, năm cần chọn ngày nộp trong tháng (từ 1 đến 28)."), "due_day"
        )
    if not 1 <= rule.due_day <= 28:
        raise ActionError("due_day_invalid", _("Ngày nộp trong tháng phải từ 1 đến 28."), "due_day")
    if rule.weekday is not None:
        raise ActionError("weekday_not_monthly", _("Chỉ báo cáo tuần mới chọn thứ trong tuần."), "weekday")
    if rule.window_start_day is not None and not 1 <= rule.window_start_day <= 28:
        raise ActionError("window_invalid", _("Ngày bắt đầu kỳ số liệu phải từ 1 đến 28."), "window_start_day")
    if rule.due_offset_months not in (0, 1):
        raise ActionError("offset_invalid", _("Hạn nộp phải ở tháng cuối kỳ hoặc tháng sau kỳ."), "due_offset_months")
    if rule.due_offset_months == 0 and rule.window_start_day is None:
        raise ActionError(
            "due_before_window_end",
            _("Kỳ số liệu theo tháng dương lịch kết thúc vào cuối tháng: hạn nộp phải ở tháng sau kỳ."),
            "due_offset_months",
        )
    if rule.due_offset_months == 0 and rule.window_start_day is not None and rule.due_day < rule.window_start_day - 1:
        raise ActionError(
            "due_before_window_end",
            _("Hạn nộp (ngày %(due)s) trước khi kỳ số liệu kết thúc (ngày %(end)s).")
            % {"due": rule.due_day, "end": rule.window_start_day - 1},
            "due_day",
        )


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    return day.replace(year=day.year + month0 // 12, month=month0 % 12 + 1, day=1)


def periods_between(rule: Rule, start: dt.date, end: dt.date) -> list[Period]:
    """Every period whose due time falls within [start, end] (dates, inclusive)."""
    validate(rule)
    found: list[Period] = []
    if rule.frequency is Frequency.WEEKLY:
        assert rule.weekday is not None
        day = start + dt.timedelta(days=(rule.weekday - start.weekday()) % 7)
        while day <= end:
            found.append(Period(day - dt.timedelta(days=6), day, dt.datetime.combine(day, rule.due_time)))
            day += dt.timedelta(days=7)
        return found
    assert rule.due_day is not None
    months = MONTHS_IN[rule.frequency]
    # Periods are anchored on January (calendar quarters and halves; 9 months = Jan–Sep).
    first_day = rule.window_start_day or 1
    cursor = dt.date(start.year - 1, 1, first_day)
    while True:
        period_end = _add_months(cursor, months) - dt.timedelta(days=1)
        if rule.window_start_day:
            period_end = _add_months(cursor, months).replace(day=first_day) - dt.timedelta(days=1)
        due_month = _add_months(period_end.replace(day=1), rule.due_offset_months)
        due = dt.datetime.combine(due_month.replace(day=rule.due_day), rule.due_time)
        if due.date() > end:
            return found
        if due.date() >= start:
            found.append(Period(cursor, period_end, due))
        step = 12 if rule.frequency is Frequency.NINE_MONTHS else months
        cursor = _add_months(cursor, step).replace(day=first_day)


class SubmissionState(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_DUE = "not_due"


def state(due: dt.datetime, submitted: dt.datetime | None, now: dt.datetime) -> SubmissionState:
    """On time at or before the due minute; late after it; missing once due and absent."""
    if submitted is not None:
        return SubmissionState.ON_TIME if submitted <= due else SubmissionState.LATE
    return SubmissionState.MISSING if now > due else SubmissionState.NOT_DUE
