"""Load the demo through the actions, creating only what is missing.

Each step looks rows up by their natural keys (organisation code, card number, post title in
its organisation, username…) and calls a ``do_*`` action for the missing ones, so every row
the demo creates is in the audit chain, and a second load creates nothing. The whole load is
one transaction: it is all there or not at all.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.access.actions import do_grant_role
from namro.access.models import RoleGrant
from namro.accounts.actions import do_create_user
from namro.accounts.models import User
from namro.audit import chain as audit_chain
from namro.demo import data
from namro.demo.plan import DemoPlan, MembershipPlan, OrgPlan, PostPlan, Stage, SuccessionPlan, build_plan
from namro.demo.reporting import load_reporting
from namro.demo.work import load_work
from namro.lib.vn import format_number
from namro.organizations.actions import (
    do_appoint,
    do_create_body,
    do_create_kind,
    do_create_organization,
    do_create_person,
    do_create_post,
    do_create_term,
    do_end_membership,
    do_record_succession,
    do_update_organization,
    do_update_person,
)
from namro.organizations.models import (
    Body,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    Post,
    Succession,
    Term,
)

Progress = Callable[[str], None]

# What the loader counts, as its progress report names it.
LABELS: dict[str, Promise] = {
    "kind": gettext_lazy("cấp tổ chức"),
    "organization": gettext_lazy("tổ chức đảng"),
    "succession": gettext_lazy("liên kết kế tục"),
    "body": gettext_lazy("cơ quan"),
    "term": gettext_lazy("nhiệm kỳ"),
    "person": gettext_lazy("đảng viên"),
    "post": gettext_lazy("chức vụ"),
    "membership": gettext_lazy("lượt giữ chức vụ"),
    "closed": gettext_lazy("tổ chức kết thúc hoạt động"),
    "ended": gettext_lazy("lượt thôi giữ chức vụ"),
    "moved": gettext_lazy("đảng viên chuyển sinh hoạt"),
    "user": gettext_lazy("tài khoản"),
    "grant": gettext_lazy("phân quyền"),
    "meeting": gettext_lazy("cuộc họp"),
    "document": gettext_lazy("văn bản"),
    "task": gettext_lazy("nhiệm vụ"),
    "field": gettext_lazy("ngành, lĩnh vực"),
    "regulation": gettext_lazy("phiên bản quy chế làm việc"),
    "responsibility": gettext_lazy("phân công phụ trách"),
    "comment": gettext_lazy("ý kiến góp ý quy chế"),
    "obligation": gettext_lazy("chế độ báo cáo"),
    "submission": gettext_lazy("báo cáo định kỳ đã nộp"),
    "adhoc": gettext_lazy("báo cáo đột xuất"),
    "escalation": gettext_lazy("kiến nghị vượt thẩm quyền"),
}


@dataclass
class Summary:
    """What a load did: rows created and rows found already there, by kind."""

    created: Counter[str] = field(default_factory=Counter)
    existing: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    skipped: bool = False

    @property
    def changed(self) -> int:
        return sum(self.created.values())


class Store:
    """The rows already in the database, by natural key; a handful of queries in all.

    It reads every organisation, person, post and membership once: it is meant for a demo
    database, not for loading the demo on top of a production one.
    """

    def __init__(self) -> None:
        self.kinds = {kind.code: kind for kind in OrganizationKind.objects.all()}
        self.orgs = {org.code: org for org in Organization.objects.all()}
        self.bodies = {(body.organization_id, body.name): body for body in Body.objects.all()}
        self.terms = set(Term.objects.values_list("organization_id", "name"))
        self.persons = {p.card_number: p for p in Person.objects.select_related("organization") if p.card_number}
        self.posts = {(p.organization_id, p.title): p for p in Post.objects.select_related("organization")}
        self.memberships = set(Membership.objects.values_list("person_id", "post_id", "start"))
        self.successions = set(Succession.objects.values_list("predecessor__code", "successor__code"))
        self.summary = Summary()

    def count(self, what: str, created: bool) -> None:
        (self.summary.created if created else self.summary.existing)[what] += 1

    def post(self, org_code: str, title: str) -> Post:
        return self.posts[(self.orgs[org_code].pk, title)]


# --- Steps ---------------------------------------------------------------------------------------


def load_kinds(store: Store) -> None:
    """The levels of the tree, as data."""
    for spec in data.KINDS:
        if spec.code in store.kinds:
            store.count("kind", False)
            continue
        kind = do_create_kind(code=spec.code, name=spec.name, rank=spec.rank, is_cell=spec.is_cell, acting_user=None)
        store.kinds[spec.code] = kind
        store.count("kind", True)


def _create_organizations(store: Store, orgs: Iterable[OrgPlan]) -> None:
    for plan in orgs:
        if plan.code in store.orgs:
            store.count("organization", False)
            continue
        store.orgs[plan.code] = do_create_organization(
            parent=store.orgs[plan.parent] if plan.parent else None,
            code=plan.code,
            name=plan.name,
            short_name=plan.short_name,
            kind=store.kinds[plan.kind],
            symbol=plan.symbol,
            valid_from=plan.valid_from,
            valid_to=plan.valid_to,
            acting_user=None,
        )
        store.count("organization", True)


def _record_successions(store: Store, successions: Iterable[SuccessionPlan]) -> None:
    for plan in successions:
        pairs = {(code, plan.successor) for code in plan.predecessors}
        if pairs <= store.successions:
            store.count("succession", False)
            continue
        links = do_record_succession(
            predecessors=[store.orgs[code] for code in plan.predecessors],
            successor=store.orgs[plan.successor],
            kind=plan.kind,
            effective_on=plan.effective_on,
            decision=plan.decision,
            acting_user=None,
        )
        for link in links:
            store.orgs[link.predecessor.code].refresh_from_db(fields=["valid_to"])
        store.successions |= pairs
        store.count("succession", True)


def _create_bodies_and_terms(store: Store, stage: Stage) -> None:
    for body_plan in stage.bodies:
        org = store.orgs[body_plan.organization]
        if (org.pk, body_plan.name) in store.bodies:
            store.count("body", False)
            continue
        store.bodies[(org.pk, body_plan.name)] = do_create_body(
            organization=org, kind=body_plan.kind, name=body_plan.name, symbol=body_plan.symbol, acting_user=None
        )
        store.count("body", True)
    for term_plan in stage.terms:
        org = store.orgs[term_plan.organization]
        if (org.pk, term_plan.name) in store.terms:
            store.count("term", False)
            continue
        do_create_term(
            organization=org, name=term_plan.name, start=term_plan.start, end=term_plan.end, acting_user=None
        )
        store.terms.add((org.pk, term_plan.name))
        store.count("term", True)


def _create_posts(store: Store, posts: Iterable[PostPlan]) -> None:
    for plan in posts:
        org = store.orgs[plan.organization]
        if (org.pk, plan.title) in store.posts:
            store.count("post", False)
            continue
        body = store.bodies[(org.pk, plan.body)] if plan.body else None
        store.posts[(org.pk, plan.title)] = do_create_post(
            organization=org, title=plan.title, kind=plan.kind, body=body, rank=plan.rank, acting_user=None
        )
        store.count("post", True)


def _appoint(store: Store, memberships: Iterable[MembershipPlan]) -> None:
    for plan in memberships:
        person = store.persons[plan.card_number]
        post = store.post(plan.organization, plan.title)
        if (person.pk, post.pk, plan.start) in store.memberships:
            store.count("membership", False)
            continue
        do_appoint(person=person, post=post, start=plan.start, end=plan.end, acting_user=None)
        store.memberships.add((person.pk, post.pk, plan.start))
        store.count("membership", True)


def load_organizations(plan: DemoPlan, store: Store) -> None:
    """The tree from 2015 to 30/6/2025, with the changes of 1/12/2019, and its bodies and terms."""
    _create_organizations(store, plan.history.organizations)
    _record_successions(store, plan.history.successions)
    _create_bodies_and_terms(store, plan.history)


def load_people(plan: DemoPlan, store: Store) -> None:
    """Members in their cells, the posts, and who held which post when (to 30/6/2025)."""
    for person_plan in plan.persons:
        if person_plan.card_number in store.persons:
            store.count("person", False)
            continue
        store.persons[person_plan.card_number] = do_create_person(
            full_name=person_plan.full_name,
            birth_date=person_plan.birth_date,
            gender=person_plan.gender,
            card_number=person_plan.card_number,
            status=person_plan.status,
            joined_on=person_plan.joined_on,
            organization=store.orgs[person_plan.home],
            acting_user=None,
        )
        store.count("person", True)
    _create_posts(store, plan.history.posts)
    _appoint(store, plan.history.memberships)


def apply_2025_reorganisation(plan: DemoPlan, store: Store) -> None:
    """1/7/2025: the province joins Hải Phòng, the district level ends, wards merge.

    Done as an office would do it: open the new wards and cells, link them to the old ones
    (which closes the old ones on 30/6/2025), close the city committee, end the posts of
    every closed organisation, move the members to their new cells, then appoint the new
    committees. The old organisations stay in the tree with their history.
    """
    reorg = plan.reorganisation
    _create_organizations(store, reorg.organizations)
    _record_successions(store, reorg.successions)
    last_day = data.LAST_DAY_BEFORE_2025
    for code in reorg.closed_without_successor:
        org = store.orgs[code]
        if org.valid_to is None or org.valid_to > last_day:
            store.orgs[code] = do_update_organization(org, valid_to=last_day, acting_user=None)
            store.count("closed", True)
    province = store.orgs[data.PROVINCE.code]
    still_held = (
        Membership.objects.filter(
            end__isnull=True,
            post__organization__path__startswith=province.path,
            post__organization__valid_to__isnull=False,
        )
        .select_related("post__organization")
        .order_by("id")
    )
    for membership in still_held:
        org = membership.post.organization
        assert org.valid_to is not None
        do_end_membership(membership, end=max(org.valid_to, membership.start), acting_user=None)
        store.count("ended", True)
    movers = Person.objects.filter(organization__code__in=list(reorg.moves)).select_related("organization")
    for person in movers.order_by("id"):
        new_home = store.orgs[reorg.moves[person.organization.code]]
        store.persons[str(person.card_number)] = do_update_person(
            person, organization=new_home, transferred_on=data.EFFECTIVE_2025, acting_user=None
        )
        store.count("moved", True)
    _create_bodies_and_terms(store, reorg)
    _create_posts(store, reorg.posts)
    _appoint(store, reorg.memberships)


def load_accounts(plan: DemoPlan, store: Store) -> None:
    """The demo logins, one per persona, each linked to the person it is."""
    users = {user.username: user for user in User.objects.filter(username__in=[a.username for a in data.ACCOUNTS])}
    grants = set(RoleGrant.objects.filter(user__in=users.values()).values_list("user_id", "organization_id", "role"))
    for account in data.ACCOUNTS:
        person = store.persons[plan.anchors[account.person]] if account.person else None
        user = users.get(account.username)
        if user is None:
            user = do_create_user(
                username=account.username,
                password=data.DEMO_PASSWORD,
                person=person,
                first_name=person.full_name if person else account.label,
                is_superuser=account.superuser,
                validate=False,  # the demo's passwords are public on purpose
                acting_user=None,
            )
            store.count("user", True)
        else:
            store.count("user", False)
        org = store.orgs[account.organization]
        if (user.pk, org.pk, account.role.value) in grants:
            store.count("grant", False)
            continue
        do_grant_role(
            user=user,
            organization=org,
            role=account.role,
            confidential=account.confidential,
            valid_from=data.GRANTS_VALID_FROM,
            acting_user=None,
        )
        store.count("grant", True)


# --- The whole load ------------------------------------------------------------------------------


def _report(progress: Progress, created: Counter[str], existing: Counter[str], keys: Iterable[str]) -> None:
    for key in keys:
        if created[key] or existing[key]:
            progress(
                _("  %(what)s: %(created)s mới, %(existing)s đã có.")
                % {
                    "what": LABELS[key],
                    "created": format_number(created[key]),
                    "existing": format_number(existing[key]),
                }
            )


def load_demo(progress: Progress = lambda _line: None, *, if_empty: bool = False) -> Summary:
    """Load the demo (see the module docstring). With ``if_empty``, do nothing when any
    organisation exists: that is what ``make run`` asks for on every start."""
    started = time.monotonic()
    if if_empty and Organization.objects.exists():
        progress(_("Đã có dữ liệu tổ chức: bỏ qua dữ liệu mẫu."))
        return Summary(skipped=True)
    plan = build_plan()
    steps: list[tuple[str, Callable[[DemoPlan, Store], None], tuple[str, ...]]] = [
        (_("Cấp tổ chức"), lambda _plan, store: load_kinds(store), ("kind",)),
        (
            _("Tổ chức đảng, cơ quan, nhiệm kỳ (2015–2025)"),
            load_organizations,
            ("organization", "succession", "body", "term"),
        ),
        (_("Đảng viên, chức vụ, người giữ chức vụ"), load_people, ("person", "post", "membership")),
        (
            _("Sắp xếp tổ chức từ 01/07/2025 (hợp nhất vào Hải Phòng)"),
            apply_2025_reorganisation,
            (
                "organization",
                "succession",
                "closed",
                "ended",
                "moved",
                "body",
                "term",
                "post",
                "membership",
            ),
        ),
        (_("Tài khoản dùng thử"), load_accounts, ("user", "grant")),
        (
            _("Cuộc họp, văn bản, nhiệm vụ (2015–2026)"),
            load_work,
            ("body", "meeting", "document", "task"),
        ),
        (
            _("Quy chế làm việc, chế độ báo cáo, kiến nghị (2015–2026)"),
            load_reporting,
            (
                "field",
                "regulation",
                "responsibility",
                "comment",
                "document",
                "obligation",
                "submission",
                "adhoc",
                "escalation",
                "task",
            ),
        ),
    ]
    with transaction.atomic(), audit_chain.batch():
        store = Store()
        for title, step, keys in steps:
            progress(title + "…")
            created, existing = Counter(store.summary.created), Counter(store.summary.existing)
            step(plan, store)
            _report(progress, store.summary.created - created, store.summary.existing - existing, keys)
    summary = store.summary
    summary.seconds = time.monotonic() - started
    progress(
        _("Xong dữ liệu mẫu trong %(seconds)s giây: %(created)s bản ghi mới.")
        % {"seconds": format_number(summary.seconds, 1), "created": format_number(summary.changed)}
    )
    return summary
