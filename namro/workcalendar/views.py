"""The office's page for the working-day calendar: a year's holidays and swapped days."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from namro.access.pages import int_param
from namro.access.queries import scope_for
from namro.access.roles import Role
from namro.accounts.models import User
from namro.lib.errors import ActionError
from namro.workcalendar.actions import do_remove_calendar_day, do_set_calendar_day
from namro.workcalendar.forms import CalendarDayForm
from namro.workcalendar.models import CalendarDay
from namro.workcalendar.queries import work_calendar


def _may_edit(user: User) -> bool:
    # One calendar serves the whole installation, so only administrators change it.
    scope = scope_for(user)
    return scope.is_global or any(g.role == Role.ADMIN for g in scope.grants)


def _year(request: HttpRequest) -> int:
    year = int_param(request.GET.get("year", ""))
    return year if year is not None and 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    year = _year(request)
    days = list(CalendarDay.objects.filter(date__year=year))
    form = CalendarDayForm(request.POST or None)
    editable = _may_edit(request.user)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            try:
                do_set_calendar_day(acting_user=request.user, **form.cleaned_data)
            except ActionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request, _("Đã lưu ngày %(day)s.") % {"day": form.cleaned_data["date"].strftime("%d/%m/%Y")}
                )
                return redirect(f"{request.path}?year={form.cleaned_data['date'].year}")
    working = work_calendar().working_days_between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))
    return render(
        request,
        "workcalendar/calendar.html",
        {"year": year, "days": days, "form": form, "editable": editable, "working_days": working},
    )


@login_required
@require_POST
def remove(request: HttpRequest, day_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    if not _may_edit(request.user):
        raise PermissionDenied
    day = get_object_or_404(CalendarDay, pk=day_id)
    do_remove_calendar_day(day, acting_user=request.user)
    messages.success(request, _("Đã bỏ ngày %(day)s.") % {"day": day.date.strftime("%d/%m/%Y")})
    return redirect(f"{reverse('workcalendar:calendar')}?year={day.date.year}")
