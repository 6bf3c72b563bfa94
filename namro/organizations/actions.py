"""Every write to organisations, people, posts and memberships.

Each ``do_*`` function runs in one transaction, validates, changes the rows and appends an
audit event. Views, the API, the importer, the demo loader and tests all call these.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from namro.audit.chain import record, snapshot
from namro.lib.errors import ActionError
from namro.organizations.models import (
    Body,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    Post,
    Succession,
    Term,
    Transfer,
)

if TYPE_CHECKING:
    from namro.accounts.models import User

ORG_FIELDS = ("code", "name", "short_name", "kind", "symbol", "valid_from", "valid_to", "path")
PERSON_FIELDS = ("full_name", "birth_date", "gender", "card_number", "status", "joined_on", "organization")
POST_FIELDS = ("organization", "body", "kind", "title", "rank")
MEMBERSHIP_FIELDS = ("person", "post", "start", "end", "note")


def _check_period(start: dt.date | None, end: dt.date | None, field: str) -> None:
    if start and end and end < start:
        raise ActionError("period_end_before_start", _("Ngày kết thúc phải sau ngày bắt đầu."), field)


def do_create_kind(
    *, code: str, name: str, rank: int, is_cell: bool = False, acting_user: User | None
) -> OrganizationKind:
    with transaction.atomic():
        kind, _created = OrganizationKind.objects.get_or_create(
            code=code, defaults={"name": name, "rank": rank, "is_cell": is_cell}
        )
        if _created:
            record("organization_kind.create", actor=acting_user, target=kind, after={"code": code, "name": name})
        return kind


def do_create_organization(
    *,
    parent: Organization | None,
    code: str,
    name: str,
    kind: OrganizationKind,
    valid_from: dt.date,
    short_name: str = "",
    symbol: str = "",
    valid_to: dt.date | None = None,
    acting_user: User | None,
) -> Organization:
    """Add an organisation under ``parent`` (or as a root)."""
    _check_period(valid_from, valid_to, "valid_to")
    if not code:
        raise ActionError("required", _("Cần nhập mã tổ chức."), "code")
    if not name.strip():
        raise ActionError("required", _("Cần nhập tên tổ chức."), "name")
    with transaction.atomic():
        if Organization.objects.filter(code=code).exists():
            raise ActionError("duplicate_code", _("Mã tổ chức “%(code)s” đã có.") % {"code": code}, "code")
        fields: dict[str, Any] = {
            "code": code,
            "name": name.strip(),
            "short_name": short_name.strip(),
            "kind": kind,
            "symbol": symbol.strip(),
            "valid_from": valid_from,
            "valid_to": valid_to,
        }
        if parent is None:
            org = Organization.objects.add_root(instance=Organization(**fields))
        else:
            # Lock the parent so two concurrent children do not compute the same path.
            parent = Organization.objects.select_for_update().get(pk=parent.pk)
            if valid_from < parent.valid_from:
                raise ActionError(
                    "before_parent", _("Tổ chức không thể có hiệu lực trước tổ chức cấp trên."), "valid_from"
                )
            org = Organization.objects.add_child(parent, instance=Organization(**fields))
        record("organization.create", actor=acting_user, target=org, org_path=org.path, after=snapshot(org, ORG_FIELDS))
        return org


def do_update_organization(org: Organization, *, acting_user: User | None, **changes: Any) -> Organization:
    """Change the name, short name, kind, symbol or validity dates of an organisation."""
    allowed = {"name", "short_name", "kind", "symbol", "valid_from", "valid_to"}
    unknown = set(changes) - allowed
    if unknown:
        raise ActionError("not_editable", _("Không sửa được trường này."), sorted(unknown)[0])
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=org.pk)
        before = snapshot(org, ORG_FIELDS)
        changed = [name for name, value in changes.items() if getattr(org, name) != value]
        if not changed:
            return org
        for name in changed:
            setattr(org, name, changes[name])
        if not org.name.strip():
            raise ActionError("required", _("Cần nhập tên tổ chức."), "name")
        _check_period(org.valid_from, org.valid_to, "valid_to")
        parent = Organization.objects.get_parent(org)
        if parent is not None and org.valid_from < parent.valid_from:
            raise ActionError("before_parent", _("Tổ chức không thể có hiệu lực trước tổ chức cấp trên."), "valid_from")
        org.save(update_fields=changed)
        record(
            "organization.update",
            actor=acting_user,
            target=org,
            org_path=org.path,
            before=before,
            after=snapshot(org, ORG_FIELDS),
        )
        return org


def do_record_succession(
    *,
    predecessors: list[Organization],
    successor: Organization,
    kind: Succession.Kind,
    effective_on: dt.date,
    decision: str = "",
    acting_user: User | None,
) -> list[Succession]:
    """Close the predecessors the day before ``effective_on`` and link them to the successor."""
    if not predecessors:
        raise ActionError("required", _("Cần chọn (các) tổ chức được sắp xếp."), "predecessors")
    if successor.valid_from > effective_on:
        raise ActionError("successor_not_valid", _("Tổ chức kế tục phải có hiệu lực từ ngày sắp xếp."), "effective_on")
    closing = effective_on - dt.timedelta(days=1)
    links = []
    with transaction.atomic():
        for old in predecessors:
            if old.pk == successor.pk:
                raise ActionError("succession_self", _("Tổ chức không thể kế tục chính nó."), "successor")
            if old.valid_to is None or old.valid_to > closing:
                do_update_organization(old, valid_to=closing, acting_user=acting_user)
            link, created = Succession.objects.get_or_create(
                predecessor=old,
                successor=successor,
                defaults={"kind": kind, "effective_on": effective_on, "decision": decision},
            )
            if created:
                record(
                    "organization.succession",
                    actor=acting_user,
                    target=link,
                    org_path=old.path,
                    after=snapshot(link, ("predecessor", "successor", "kind", "effective_on", "decision")),
                )
            links.append(link)
    return links


def do_create_body(
    *, organization: Organization, kind: Body.Kind, name: str, symbol: str = "", acting_user: User | None
) -> Body:
    with transaction.atomic():
        body = Body.objects.create(organization=organization, kind=kind, name=name, symbol=symbol)
        record(
            "body.create",
            actor=acting_user,
            target=body,
            org_path=organization.path,
            after=snapshot(body, ("organization", "kind", "name", "symbol")),
        )
        return body


def do_create_term(
    *, organization: Organization, name: str, start: dt.date, end: dt.date, acting_user: User | None
) -> Term:
    if end <= start:
        raise ActionError("period_end_before_start", _("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."), "end")
    with transaction.atomic():
        overlapping = organization.terms.filter(start__lt=end, end__gt=start).first()
        if overlapping:
            raise ActionError(
                "term_overlap",
                _("Nhiệm kỳ trùng thời gian với nhiệm kỳ %(name)s.") % {"name": overlapping.name},
                "start",
            )
        term = Term.objects.create(organization=organization, name=name, start=start, end=end)
        record(
            "term.create",
            actor=acting_user,
            target=term,
            org_path=organization.path,
            after=snapshot(term, ("organization", "name", "start", "end")),
        )
        return term


def do_create_person(*, acting_user: User | None, **fields: Any) -> Person:
    if not str(fields.get("full_name", "")).strip():
        raise ActionError("required", _("Cần nhập họ và tên."), "full_name")
    fields["full_name"] = " ".join(str(fields["full_name"]).split())
    if fields.get("card_number") == "":
        fields["card_number"] = None
    with transaction.atomic():
        card = fields.get("card_number")
        if card and Person.objects.filter(card_number=card).exists():
            raise ActionError("duplicate_card", _("Số thẻ đảng viên “%(card)s” đã có.") % {"card": card}, "card_number")
        person = Person.objects.create(**fields)
        record(
            "person.create",
            actor=acting_user,
            target=person,
            org_path=person.organization.path,
            after=snapshot(person, PERSON_FIELDS),
        )
        return person


def do_update_person(
    person: Person, *, acting_user: User | None, transferred_on: dt.date | None = None, **changes: Any
) -> Person:
    """Change a person's record. A change of ``organization`` is a transfer (chuyển sinh
    hoạt) on ``transferred_on`` (today by default) and is kept in the person's history."""
    with transaction.atomic():
        person = Person.objects.select_for_update(of=("self",)).select_related("organization").get(pk=person.pk)
        before = snapshot(person, PERSON_FIELDS)
        if changes.get("card_number") == "":
            changes["card_number"] = None
        if "full_name" in changes:
            changes["full_name"] = " ".join(str(changes["full_name"]).split())
            if not changes["full_name"]:
                raise ActionError("required", _("Cần nhập họ và tên."), "full_name")
        changed = [name for name, value in changes.items() if getattr(person, name) != value]
        if not changed:
            return person
        old_organization = person.organization
        for name in changed:
            setattr(person, name, changes[name])
        try:
            with transaction.atomic():
                person.save(update_fields=changed)
        except IntegrityError as exc:
            raise ActionError("duplicate_card", _("Số thẻ đảng viên đã có."), "card_number") from exc
        if "organization" in changed:
            Transfer.objects.create(
                person=person,
                from_organization=old_organization,
                to_organization=person.organization,
                transferred_on=transferred_on or timezone.localdate(),
            )
        record(
            "person.update",
            actor=acting_user,
            target=person,
            org_path=person.organization.path,
            before=before,
            after=snapshot(person, PERSON_FIELDS),
        )
        return person


def do_create_post(
    *,
    organization: Organization,
    title: str,
    kind: Post.Kind,
    body: Body | None = None,
    rank: int = 100,
    acting_user: User | None,
) -> Post:
    if not title.strip():
        raise ActionError("required", _("Cần nhập chức danh."), "title")
    if body is not None and body.organization_id != organization.pk:
        raise ActionError("body_other_org", _("Cơ quan không thuộc tổ chức này."), "body")
    with transaction.atomic():
        if Post.objects.filter(organization=organization, title=title.strip()).exists():
            raise ActionError("duplicate_post", _("Tổ chức đã có chức danh “%(t)s”.") % {"t": title}, "title")
        post = Post.objects.create(organization=organization, title=title.strip(), kind=kind, body=body, rank=rank)
        record(
            "post.create", actor=acting_user, target=post, org_path=organization.path, after=snapshot(post, POST_FIELDS)
        )
        return post


def do_appoint(
    *,
    person: Person,
    post: Post,
    start: dt.date,
    end: dt.date | None = None,
    note: str = "",
    acting_user: User | None,
) -> Membership:
    """Record that ``person`` holds ``post`` from ``start`` (to ``end``)."""
    _check_period(start, end, "end")
    with transaction.atomic():
        overlapping = Membership.objects.filter(person=person, post=post, start__lte=end or dt.date.max).filter(
            Q(end__isnull=True) | Q(end__gte=start)
        )
        if overlapping.exists():
            raise ActionError(
                "membership_overlap", _("Người này đang giữ chức vụ này trong khoảng thời gian đó."), "start"
            )
        membership = Membership.objects.create(person=person, post=post, start=start, end=end, note=note)
        record(
            "membership.create",
            actor=acting_user,
            target=membership,
            org_path=post.organization.path,
            after=snapshot(membership, MEMBERSHIP_FIELDS),
        )
        return membership


def do_end_membership(membership: Membership, *, end: dt.date, acting_user: User | None) -> Membership:
    if end < membership.start:
        raise ActionError("period_end_before_start", _("Ngày thôi giữ chức phải sau ngày bắt đầu."), "end")
    if membership.end is not None:
        raise ActionError("already_ended", _("Việc giữ chức vụ này đã kết thúc."), "end")
    with transaction.atomic():
        before = snapshot(membership, MEMBERSHIP_FIELDS)
        membership.end = end
        membership.save(update_fields=["end"])
        record(
            "membership.end",
            actor=acting_user,
            target=membership,
            org_path=membership.post.organization.path,
            before=before,
            after=snapshot(membership, MEMBERSHIP_FIELDS),
        )
        return membership
