"""The working-day calendar as data: holidays, make-up working days and swapped days off.

The Government fixes each year's exact days (Tết, the swaps around 30/4 and 2/9), so the
office edits these rows; ``lib.workdays`` only does the arithmetic on them.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Ngày nghỉ lễ, Tết")
        WORKING = "working", _("Ngày làm việc bù (cuối tuần đi làm)")
        DAY_OFF = "day_off", _("Ngày nghỉ hoán đổi (ngày thường được nghỉ)")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200, help_text=_("Ví dụ: Tết Âm lịch (mùng 1 Tết)."))

    class Meta:
        verbose_name = _("ngày đặc biệt")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")
        ordering: ClassVar = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"
