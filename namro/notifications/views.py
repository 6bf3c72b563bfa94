"""The inbox, the calendar feed (its page and the .ics itself) and the reminder ladder."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from namro.accounts.models import User
from namro.lib.errors import ActionError
from namro.notifications import ical
from namro.notifications.actions import (
    do_create_reminder_rule,
    do_delete_reminder_rule,
    do_mark_all_read,
    do_mark_read,
    do_rotate_calendar_feed,
    do_update_reminder_rule,
)
from namro.notifications.forms import ReminderRuleForm
from namro.notifications.queries import (
    FEED_DAYS_AHEAD,
    FEED_DAYS_BACK,
    calendar_feed_for_user,
    can_edit_reminder_rules,
    feed_events,
    get_feed_user,
    get_notification_for_user,
    get_reminder_rule,
    inbox_for_user,
    reminder_rules,
    unread_count,
)

PAGE_SIZE = 50


# --- Inbox ------------------------------------------------------------------------------------


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(inbox_for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "unread": unread_count(request.user)})


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one message read; with ``open`` go on to the page it points to."""
    assert isinstance(request.user, User)
    notification = get_notification_for_user(request.user, pk)
    do_mark_read(notification, acting_user=request.user)
    target = notification.url
    if request.POST.get("open") and target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        # Only a path inside Namro (allowed_hosts=None refuses any other host).
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    count = do_mark_all_read(request.user, acting_user=request.user)
    messages.success(request, _("Đã đánh dấu %(count)d thông báo là đã đọc.") % {"count": count})
    return redirect("notifications:inbox")


# --- Calendar feed ----------------------------------------------------------------------------


def _calendar_page(request: HttpRequest, feed_url: str | None = None) -> HttpResponse:
    return render(
        request,
        "notifications/calendar.html",
        {
            "feed": calendar_feed_for_user(request.user),
            "feed_url": feed_url,
            "webcal_url": feed_url.replace("https://", "webcal://").replace("http://", "webcal://") if feed_url else "",
            "days_back": FEED_DAYS_BACK,
            "days_ahead": FEED_DAYS_AHEAD,
        },
    )


@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    return _calendar_page(request)


@login_required
@require_POST
def rotate_feed(request: HttpRequest) -> HttpResponse:
    """Make a new secret address and show it, once: only its digest is kept."""
    assert isinstance(request.user, User)
    raw = do_rotate_calendar_feed(request.user, acting_user=request.user)
    return _calendar_page(request, request.build_absolute_uri(reverse("notifications:feed", args=[raw])))


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics itself. No login (calendar apps cannot log in): the secret is the key."""
    user = get_feed_user(token)
    events = feed_events(user, timezone.localdate(), link=request.build_absolute_uri)
    name = _("Namro — %(user)s") % {"user": user.get_full_name() or user.get_username()}
    response = HttpResponse(
        ical.calendar(name, events, stamp=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="namro.ics"'
    # The address is a secret: keep the body out of shared caches and search engines.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- The reminder ladder ----------------------------------------------------------------------


def _require_rule_editor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    if not can_edit_reminder_rules(request.user):
        raise PermissionDenied
    return request.user


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    """The ladder, readable by everyone signed in (it says when they will be reminded);
    a new rung may be added by those who may change it."""
    form = ReminderRuleForm(request.POST or None, initial={"to_lead": True, "active": True})
    if request.method == "POST":
        user = _require_rule_editor(request)
        if form.is_valid():
            try:
                do_create_reminder_rule(**form.cleaned_data, acting_user=user)
            except ActionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Đã thêm bậc nhắc việc."))
                return redirect("notifications:rules")
    return render(
        request,
        "notifications/rules.html",
        {"rules": reminder_rules(), "form": form, "can_edit": can_edit_reminder_rules(request.user)},
    )


@login_required
@require_POST
def update_rule(request: HttpRequest, pk: int) -> HttpResponse:
    user = _require_rule_editor(request)
    rule = get_reminder_rule(pk)
    form = ReminderRuleForm(request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            for error in errors:
                messages.error(request, _("%(field)s: %(error)s") % {"field": form.fields[name].label, "error": error})
        return redirect("notifications:rules")
    try:
        rule = do_update_reminder_rule(rule, **form.cleaned_data, acting_user=user)
    except ActionError as exc:
        field = form.fields[exc.field].label if exc.field in form.fields else ""
        messages.error(
            request, _("%(field)s: %(error)s") % {"field": field, "error": exc.message} if field else exc.message
        )
    else:
        messages.success(request, _("Đã lưu bậc nhắc “%(rule)s”.") % {"rule": rule.label})
    return redirect("notifications:rules")


@login_required
@require_POST
def delete_rule(request: HttpRequest, pk: int) -> HttpResponse:
    user = _require_rule_editor(request)
    rule = get_reminder_rule(pk)
    label = rule.label
    do_delete_reminder_rule(rule, acting_user=user)
    messages.success(request, _("Đã xóa bậc nhắc “%(rule)s”.") % {"rule": label})
    return redirect("notifications:rules")
