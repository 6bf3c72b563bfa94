"""Who the bodies and posts named in a conclusion are, on the day it was signed.

:mod:`namro.tasks.extraction` reads the phrases of a conclusion ("Ban Tuyên giáo Thành ủy",
"đồng chí Bí thư Thành ủy", "Đảng ủy phường Trần Phú") and gives each a canonical key. Here
those keys meet the organisation model, and each extracted task becomes a
:class:`Proposal`: a lead *person* (the head of the body named, on the document's date), the
co-operators as persons, organisations or plain names, who accepts the result (a person, or
a collective body such as the Standing Committee), and the clarity gate's report on it all.

How a key is matched, within the issuing organisation, the organisations under it (two
levels down) and the organisations above it:

* a post's title ("Bí thư Thành ủy", "Trưởng Ban Tuyên giáo Thành ủy"), a body's name
  ("Ban Tuyên giáo Thành ủy"), with the organisation's own name for itself added when the
  record leaves it out ("Ban Tuyên giáo" of the city is also "ban tuyen giao thanh uy");
* a kind of body or post followed by a name of an organisation: "thuong truc thanh uy",
  "bi thu dang uy phuong tran phu", "ban chap hanh dang bo thanh pho" — so a Standing Board
  that has no record of its own still leads to the Secretary;
* an organisation's committee: "Đảng bộ phường Trần Phú" is also "Đảng ủy phường Trần
  Phú"; the issuing organisation is also named by its level ("Thành ủy", "Đảng ủy phường")
  and by its document symbol (TU, ĐU);
* the name of a person holding a post there.

A body's head: a department's or the office's Trưởng ban / Chánh Văn phòng, the
inspection commission's chair, and for a committee, its standing bodies, a cell committee
or the organisation itself, the Secretary. The people holding those posts on the day are
the candidates: one is the lead, none leaves the post vacant, several ask a person to
choose. Bodies outside the Party's records (UBND, MTTQ, Công an…) are not matched: as
co-operators they keep their name; as a lead, a person must be chosen.

Everything is loaded once (:func:`load_directory`: four queries whatever the size of the
organisation) and matched in Python, so a page of twenty proposals costs what one does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from django.db.models import Q
from django.utils.translation import gettext as _

from namro.lib.text import fold
from namro.lib.vn import format_date
from namro.lib.workdays import WorkCalendar
from namro.organizations.models import Body, Membership, Organization, Person, Post
from namro.tasks.clarity import ClarityReport, TaskDraft, check_clarity
from namro.tasks.clarity import CoOperator as DraftCoOperator
from namro.tasks.extraction import ExtractedTask, Party, canonical_body_key, extract, to_draft

# How far below the issuing organisation names are looked for: its subordinate
# organisations and theirs (a city's wards and their cells). Conclusions assign work to
# the committee's own bodies and the organisations directly under it; reading every cell
# of a province for each page would only make the page slow.
SUBTREE_DEPTH = 2

# Rank of an organisation when one key names several: the issuing organisation first, then
# those below it (nearest first), then those above it (nearest first).
_ANCESTOR_RANK = 100
# A key that is a record's own name beats one built from the kind of the record.
_DERIVED = 1000

# "Đảng bộ thành phố X" is led by "Thành ủy X": the committee's name for each level.
_COMMITTEE_OF: tuple[tuple[str, str], ...] = (
    ("dang bo tinh", "tinh uy"),
    ("dang bo thanh pho", "thanh uy"),
    ("dang bo huyen", "huyen uy"),
    ("dang bo quan", "quan uy"),
    ("dang bo thi xa", "thi uy"),
    ("dang bo", "dang uy"),
    ("chi bo", "chi uy"),
)

# Kinds of body whose result a body accepts as such (the Standing Committee "nghiệm thu");
# a department or the office stands for its head.
COLLECTIVE_BODIES = frozenset(
    {
        Body.Kind.EXECUTIVE,
        Body.Kind.STANDING,
        Body.Kind.STANDING_BOARD,
        Body.Kind.INSPECTION,
        Body.Kind.CELL_COMMITTEE,
    }
)

# "<kind of body> <organisation>": the words that name a body by its kind.
_BODY_PREFIXES: tuple[tuple[str, Body.Kind], ...] = (
    ("ban thuong vu", Body.Kind.STANDING),
    ("thuong truc", Body.Kind.STANDING_BOARD),
    ("ban chap hanh", Body.Kind.EXECUTIVE),
    ("uy ban kiem tra", Body.Kind.INSPECTION),
    ("van phong", Body.Kind.OFFICE),
    ("chi uy", Body.Kind.CELL_COMMITTEE),
)

_BODY_PREFIX_OF = {kind: prefix for prefix, kind in _BODY_PREFIXES}

# "<post> <organisation>": the words that name a post by its kind. Longest first.
_POST_PREFIXES: tuple[tuple[str, Post.Kind], ...] = (
    ("chu nhiem uy ban kiem tra", Post.Kind.INSPECTION_CHAIR),
    ("pho bi thu", Post.Kind.DEPUTY_SECRETARY),
    ("bi thu", Post.Kind.SECRETARY),
)

# The head post of each kind of body.
_HEAD_OF_BODY: dict[str, Post.Kind] = {
    Body.Kind.EXECUTIVE: Post.Kind.SECRETARY,
    Body.Kind.STANDING: Post.Kind.SECRETARY,
    Body.Kind.STANDING_BOARD: Post.Kind.SECRETARY,
    Body.Kind.CELL_COMMITTEE: Post.Kind.SECRETARY,
    Body.Kind.INSPECTION: Post.Kind.INSPECTION_CHAIR,
    Body.Kind.OFFICE: Post.Kind.DEPARTMENT_HEAD,
    Body.Kind.DEPARTMENT: Post.Kind.DEPARTMENT_HEAD,
}


class ResolutionStatus(StrEnum):
    """How a phrase resolved; the values are what the API returns."""

    RESOLVED = "resolved"
    MISSING = "missing"  # the text names no one
    UNKNOWN = "unknown"  # a name the organisation's records do not hold (UBND, Công an…)
    VACANT = "vacant"  # the body or post is known, but nobody holds its head post that day
    SEVERAL = "several"  # several leads, a group, or several holders of the head post


@dataclass(frozen=True)
class Resolution:
    """What one phrase of the text stands for in the records, and why, when it is no one.

    ``person`` is the person found (the lead, a co-operator, or who accepts); ``body`` is
    set when a collective body accepts as such, and ``organization`` for a co-operating
    organisation. ``candidates`` are the holders when there are several.
    """

    status: ResolutionStatus
    phrase: str = ""
    key: str = ""
    message: str = ""
    person: Person | None = None
    body: Body | None = None
    organization: Organization | None = None
    post: Post | None = None
    candidates: tuple[Person, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.status == ResolutionStatus.RESOLVED


@dataclass(frozen=True)
class ProposedCoOperator:
    """A co-operator as the task will store it: a person, an organisation or a name."""

    resolution: Resolution
    person: Person | None = None
    organization: Organization | None = None
    name: str = ""
    role: str = ""


@dataclass(frozen=True)
class Proposal:
    """A draft task read from the text, with the people it names resolved, and the gate's
    report on it as it would be created."""

    index: int
    extracted: ExtractedTask
    organization: Organization
    lead: Resolution
    co_operators: tuple[ProposedCoOperator, ...]
    acceptor: Resolution
    draft: TaskDraft
    report: ClarityReport


# --- the directory -------------------------------------------------------------------------

T = TypeVar("T")


class _Index(Generic[T]):
    """Keys to records with a score; a lookup returns the records of the best score."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[int, tuple[int, T]]] = defaultdict(dict)

    def add(self, key: str, score: int, pk: int, record: T) -> None:
        known = self._entries[key].get(pk)
        if known is None or score < known[0]:
            self._entries[key][pk] = (score, record)

    def find(self, key: str) -> list[T]:
        entries = self._entries.get(key)
        if not entries:
            return []
        best = min(score for score, _record in entries.values())
        return [record for score, record in entries.values() if score == best]


@dataclass(frozen=True)
class Holding:
    """A person and the posts they hold in the directory on its day."""

    person: Person
    posts: tuple[Post, ...]

    @property
    def label(self) -> str:
        titles = ", ".join(post.title for post in self.posts)
        return f"{self.person.full_name} — {titles}" if titles else self.person.full_name


@dataclass
class Directory:
    """The bodies, posts and post holders of an organisation's neighbourhood on one day."""

    root: Organization
    on: dt.date
    organizations: list[Organization]
    bodies: list[Body]
    posts: list[Post]
    holders: dict[int, list[Person]]
    _rank: dict[int, int] = field(default_factory=dict)
    _org_aliases: dict[int, set[str]] = field(default_factory=dict)
    _orgs: _Index[Organization] = field(default_factory=_Index)
    _bodies: _Index[Body] = field(default_factory=_Index)
    _posts: _Index[Post] = field(default_factory=_Index)
    _names: _Index[Person] = field(default_factory=_Index)
    _by_kind: dict[tuple[int, str], list[Post]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        root = self.root
        ancestors = set(root.ancestor_paths())
        for org in self.organizations:
            if org.pk == root.pk:
                self._rank[org.pk] = 0
            elif org.path in ancestors:
                self._rank[org.pk] = _ANCESTOR_RANK + root.depth - org.depth
            else:
                self._rank[org.pk] = org.depth - root.depth
        # "phuong tran phu": how the organisations above write their place after a name
        places = [_place(org) for org in self.organizations if self._is_own(org.pk)]
        for org in self.organizations:
            rank = self._rank[org.pk]
            aliases = _organization_aliases(org, own=self._is_own(org.pk), places=places)
            self._org_aliases[org.pk] = aliases
            for alias in aliases:
                self._orgs.add(alias, rank, org.pk, org)
        bodies_by_id = {body.pk: body for body in self.bodies}
        for body in self.bodies:
            for key, derived in self._body_keys(body):
                self._bodies.add(key, self._rank[body.organization_id] + derived, body.pk, body)
        for post in self.posts:
            self._by_kind.setdefault((post.organization_id, post.kind), []).append(post)
            for key, derived in self._post_keys(post, bodies_by_id.get(post.body_id or 0)):
                self._posts.add(key, self._rank[post.organization_id] + derived, post.pk, post)
        for post in self.posts:
            for person in self.holders.get(post.pk, ()):
                self._names.add(
                    canonical_body_key(person.full_name), self._rank[post.organization_id], person.pk, person
                )

    # -- keys of the records --

    def _qualified(self, key: str, org_id: int) -> set[str]:
        """``key`` as written and, unless it already names its organisation, followed by
        each name of the organisation ("ban tuyen giao" → "ban tuyen giao thanh uy")."""
        aliases = self._org_aliases[org_id]
        if any(key == alias or key.endswith(" " + alias) for alias in aliases):
            return {key}
        return {key} | {f"{key} {alias}" for alias in aliases}

    def _body_keys(self, body: Body) -> Iterable[tuple[str, int]]:
        for key in self._qualified(canonical_body_key(body.name), body.organization_id):
            yield key, 0
        for prefix, kind in _BODY_PREFIXES:
            if body.kind == kind:
                for alias in self._org_aliases[body.organization_id]:
                    yield f"{prefix} {alias}", _DERIVED

    def _post_keys(self, post: Post, body: Body | None) -> Iterable[tuple[str, int]]:
        for key in self._qualified(canonical_body_key(post.title), post.organization_id):
            yield key, 0
        for prefix, kind in _POST_PREFIXES:
            if post.kind == kind:
                for alias in self._org_aliases[post.organization_id]:
                    yield f"{prefix} {alias}", _DERIVED
        if post.kind == Post.Kind.DEPARTMENT_HEAD and body is not None:
            for key, _derived in self._body_keys(body):
                yield f"truong {key}", _DERIVED
                yield f"chanh {key}", _DERIVED

    # -- choices for the forms --

    def holdings(self) -> list[Holding]:
        """Everyone holding a post here on the day, by name, with their posts."""
        posts_of: dict[int, list[Post]] = defaultdict(list)
        persons: dict[int, Person] = {}
        for post in self.posts:
            for person in self.holders.get(post.pk, ()):
                persons[person.pk] = person
                posts_of[person.pk].append(post)
        ordered = sorted(persons.values(), key=lambda p: (fold(p.full_name), p.pk))
        return [Holding(p, tuple(sorted(posts_of[p.pk], key=lambda post: (post.rank, post.title)))) for p in ordered]

    def accepting_bodies(self) -> list[Body]:
        """Bodies of the issuing organisation and those above it: who may accept a result."""
        return [b for b in self.bodies if self._accepts(b)]

    def _accepts(self, body: Body) -> bool:
        return self._is_own(body.organization_id)

    def _is_own(self, org_id: int) -> bool:
        """The issuing organisation or one above it."""
        rank = self._rank[org_id]
        return rank == 0 or rank >= _ANCESTOR_RANK

    def subordinates(self) -> list[Organization]:
        """The organisations under the issuing one (co-operating units)."""
        return [o for o in self.organizations if 0 < self._rank[o.pk] < _ANCESTOR_RANK]

    # -- matching --

    def _heads(self, org_id: int, kind: Post.Kind, body: Body | None = None) -> list[Post]:
        """The head posts of a body (or of the organisation): those tied to the body first."""
        posts = self._by_kind.get((org_id, kind), [])
        if body is not None:
            tied = [p for p in posts if p.body_id == body.pk]
            if tied:
                return tied
            if kind == Post.Kind.DEPARTMENT_HEAD:
                # A head post not tied to its body: "Trưởng Ban Tuyên giáo Thành ủy".
                names = {f"{word} {key}" for key, _ in self._body_keys(body) for word in ("truong", "chanh")}
                return [p for p in posts if p.body_id is None and canonical_body_key(p.title) in names]
        return posts

    def _holders_of(self, posts: list[Post], party: Party, what: str) -> Resolution:
        people: dict[int, Person] = {}
        for post in posts:
            for person in self.holders.get(post.pk, ()):
                people[person.pk] = person
        first = posts[0] if posts else None
        base = Resolution(ResolutionStatus.RESOLVED, party.phrase.text, party.key, post=first)
        if len(people) == 1:
            (person,) = people.values()
            return dataclasses.replace(base, person=person)
        day = format_date(self.on)
        if not people:
            message = (
                _("Ngày %(day)s không có ai giữ chức %(post)s.") % {"day": day, "post": first.title}
                if first
                else _("“%(name)s” chưa có chức vụ người đứng đầu (%(what)s) trong hệ thống.")
                % {"name": party.phrase.text, "what": what}
            )
            return dataclasses.replace(base, status=ResolutionStatus.VACANT, message=message)
        candidates = tuple(sorted(people.values(), key=lambda p: (fold(p.full_name), p.pk)))
        return dataclasses.replace(
            base,
            status=ResolutionStatus.SEVERAL,
            candidates=candidates,
            message=_("Ngày %(day)s có %(count)d người giữ chức %(post)s: %(names)s; hãy chọn một người.")
            % {
                "day": day,
                "count": len(candidates),
                "post": first.title if first else party.phrase.text,
                "names": ", ".join(p.full_name for p in candidates),
            },
        )

    def _several(self, party: Party, count: int) -> Resolution:
        return Resolution(
            ResolutionStatus.SEVERAL,
            party.phrase.text,
            party.key,
            _("“%(name)s” ứng với %(count)d cơ quan, chức vụ trong hệ thống; hãy chọn một người.")
            % {"name": party.phrase.text, "count": count},
        )

    def _structural(self, key: str) -> tuple[Organization, Body.Kind | None, Post.Kind | None] | None:
        """ "<kind of body or post> <organisation>" for a body or post that has no record."""
        for prefix, post_kind in _POST_PREFIXES:
            if key.startswith(prefix + " "):
                orgs = self._orgs.find(key[len(prefix) + 1 :])
                if len(orgs) == 1:
                    return orgs[0], None, post_kind
        for prefix, body_kind in _BODY_PREFIXES:
            if key.startswith(prefix + " "):
                orgs = self._orgs.find(key[len(prefix) + 1 :])
                if len(orgs) == 1:
                    return orgs[0], body_kind, None
        return None

    def person_for(self, party: Party) -> Resolution:
        """The person a phrase stands for on the day: a post's holder, a body's head, an
        organisation's secretary, or a person named."""
        if party.is_group:
            return Resolution(
                ResolutionStatus.SEVERAL,
                party.phrase.text,
                party.key,
                _("“%(name)s” chỉ nhiều người hoặc đơn vị; hãy chọn một người chủ trì.") % {"name": party.phrase.text},
            )
        key = party.key
        posts = self._posts.find(key)
        if posts:
            return self._holders_of(posts, party, _("chức vụ"))
        bodies = self._bodies.find(key)
        if len(bodies) > 1:
            return self._several(party, len(bodies))
        if bodies:
            body = bodies[0]
            kind = _HEAD_OF_BODY.get(body.kind, Post.Kind.DEPARTMENT_HEAD)
            return dataclasses.replace(
                self._holders_of(self._heads(body.organization_id, kind, body), party, str(Post.Kind(kind).label)),
                body=body,
            )
        found = self._structural(key)
        if found is not None:
            org, body_kind, post_kind = found
            kind = post_kind or _HEAD_OF_BODY.get(body_kind or "", Post.Kind.SECRETARY)
            heads = self._heads(org.pk, kind)
            if body_kind is not None and kind == Post.Kind.DEPARTMENT_HEAD:
                # "Văn phòng X" with no body record: only the office's own head post
                # ("Chánh Văn phòng X"), never every department head of X.
                prefix = _BODY_PREFIX_OF[body_kind]
                heads = [p for p in heads if prefix in canonical_body_key(p.title)]
            return self._holders_of(heads, party, str(Post.Kind(kind).label))
        orgs = self._orgs.find(key)
        if len(orgs) > 1:
            return self._several(party, len(orgs))
        if orgs:
            resolution = self._holders_of(self._heads(orgs[0].pk, Post.Kind.SECRETARY), party, _("Bí thư"))
            return dataclasses.replace(resolution, organization=orgs[0])
        people = self._names.find(key)
        if len(people) == 1:
            return Resolution(ResolutionStatus.RESOLVED, party.phrase.text, key, person=people[0])
        if people:
            return Resolution(
                ResolutionStatus.SEVERAL,
                party.phrase.text,
                key,
                _("Có %(count)d người tên “%(name)s”; hãy chọn một người.")
                % {"count": len(people), "name": party.phrase.text},
                candidates=tuple(people),
            )
        return Resolution(
            ResolutionStatus.UNKNOWN,
            party.phrase.text,
            key,
            _("“%(name)s” không có trong hệ thống (cơ quan, đơn vị ngoài tổ chức đảng hoặc chưa được nhập).")
            % {"name": party.phrase.text},
        )

    def acceptor_for(self, party: Party) -> Resolution:
        """Who accepts: a collective body of this organisation or one above it, as such
        (Ban Thường vụ, Thường trực, the committee of an organisation); else a person (a
        post's holder, a department's head, the Secretary of a body that has no record)."""
        key = party.key
        if not party.is_group and not self._posts.find(key):
            bodies = self._bodies.find(key)
            if not bodies and self._structural(key) is None:
                orgs = self._orgs.find(key)
                if len(orgs) == 1:
                    bodies = [
                        b for b in self.bodies if b.organization_id == orgs[0].pk and b.kind == Body.Kind.EXECUTIVE
                    ]
            if len(bodies) == 1 and bodies[0].kind in COLLECTIVE_BODIES and self._accepts(bodies[0]):
                return Resolution(ResolutionStatus.RESOLVED, party.phrase.text, key, body=bodies[0])
        return dataclasses.replace(self.person_for(party), organization=None)

    def co_operator_for(self, party: Party) -> ProposedCoOperator:
        """A co-operating organisation stays one; a body or post becomes its head, keeping
        the name as written; anything else is a name."""
        if not party.is_group and not self._posts.find(party.key) and not self._bodies.find(party.key):
            orgs = self._orgs.find(party.key)
            if len(orgs) == 1 and 0 < self._rank[orgs[0].pk] < _ANCESTOR_RANK:
                resolution = Resolution(ResolutionStatus.RESOLVED, party.phrase.text, party.key, organization=orgs[0])
                return ProposedCoOperator(resolution, organization=orgs[0], name=party.phrase.text)
        resolution = dataclasses.replace(self.person_for(party), organization=None)
        return ProposedCoOperator(resolution, person=resolution.person, name=party.phrase.text)


def _committee(key: str) -> str | None:
    for prefix, committee in _COMMITTEE_OF:
        if key == prefix or key.startswith(prefix + " "):
            return committee + key[len(prefix) :]
    return None


def _place(org: Organization) -> str:
    """ "phuong tran phu" of "Đảng bộ phường Trần Phú"."""
    key = canonical_body_key(org.name)
    for prefix in ("dang bo ", "chi bo "):
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def _organization_aliases(org: Organization, *, own: bool, places: list[str]) -> set[str]:
    """The names a conclusion uses for an organisation's Party committee.

    "Đảng bộ phường Trần Phú" is also "Đảng ủy phường Trần Phú" and "phường Trần Phú".
    The issuing organisation and those above it are also named by their level alone
    ("Thành ủy", "Đảng bộ thành phố") and by their document symbol (TU → "thành ủy").
    Those below may leave out the place the issuer is in: a ward's conclusion writes
    "Chi bộ khu dân cư số 1" for "Chi bộ khu dân cư số 1 phường Trần Phú".
    """
    names = {canonical_body_key(org.name)}
    if org.short_name:
        names.add(canonical_body_key(org.short_name))
    if own:
        names.add(canonical_body_key(org.kind.name))
    else:
        names |= {name[: -len(place) - 1] for name in names for place in places if name.endswith(" " + place)}
    aliases: set[str] = set()
    for name in names:
        aliases.add(name)
        committee = _committee(name)
        if committee:
            aliases.add(committee)
        if name.startswith(("dang bo ", "chi bo ")) and len(name.split()) > 3:
            aliases.add(name.split(" ", 2)[2])
    if own and org.symbol:
        expanded = canonical_body_key(org.symbol)
        if expanded != fold(org.symbol):  # an abbreviation the extractor expands: TU, ĐU
            aliases.add(expanded)
    aliases.discard("")
    return aliases


def load_directory(root: Organization, on: dt.date) -> Directory:
    """The organisation, those under it (:data:`SUBTREE_DEPTH` levels) and above it, their
    bodies, posts and who held each post on ``on``: four queries, whatever the size."""
    ancestors = root.ancestor_paths()

    def near(prefix: str = "") -> Q:
        return Q(**{f"{prefix}path__startswith": root.path, f"{prefix}depth__lte": root.depth + SUBTREE_DEPTH}) | Q(
            **{f"{prefix}path__in": ancestors}
        )

    organizations = list(Organization.objects.current(on).filter(near()).select_related("kind"))
    if all(org.pk != root.pk for org in organizations):
        organizations.insert(0, root)  # a document dated before the organisation's records start
    known = {org.pk for org in organizations}
    bodies = [b for b in Body.objects.filter(near("organization__")).order_by("pk") if b.organization_id in known]
    posts = [
        p for p in Post.objects.filter(near("organization__")).order_by("rank", "pk") if p.organization_id in known
    ]
    holders: dict[int, list[Person]] = defaultdict(list)
    memberships = (
        Membership.objects.current(on)
        .filter(near("post__organization__"))
        .select_related("person")
        .order_by("person__full_name", "person_id")
    )
    for membership in memberships:
        holders[membership.post_id].append(membership.person)
    return Directory(root, on, organizations, bodies, posts, dict(holders))


# --- proposals -----------------------------------------------------------------------------


def resolve(
    extracted: ExtractedTask, directory: Directory, *, index: int = 0, issue_on: dt.date | None = None
) -> Proposal:
    """One extracted task with its people resolved, and the gate's report on the draft the
    office would create from it (``issue_on``: also refuse deadlines already past)."""
    draft = to_draft(extracted)
    lead = _lead(extracted, directory)
    if lead.person is not None:
        draft = dataclasses.replace(
            draft, lead_kind="person", lead_ids=(lead.person.pk,), lead_name=lead.person.full_name, lead_is_group=False
        )
    elif draft.lead_kind == "person" and not extracted.several_leads:
        # A post outside the records ("Chủ tịch UBND thành phố"), vacant or held by several
        # that day: there is no one to store as the lead yet.
        draft = dataclasses.replace(draft, lead_kind=None, lead_ids=(), lead_name="")
    co_operators = tuple(directory.co_operator_for(party) for party in extracted.co_operators)
    acceptor = (
        directory.acceptor_for(extracted.acceptor)
        if extracted.acceptor is not None
        else Resolution(ResolutionStatus.MISSING, message=_("Văn bản không nêu ai nhận báo cáo, nghiệm thu kết quả."))
    )
    draft = dataclasses.replace(
        draft,
        co_operators=tuple(draft_co_operator(co) for co in co_operators),
        acceptor=acceptor_ref(acceptor.person, acceptor.body),
        acceptor_name=(acceptor.body.name if acceptor.body else acceptor.person.full_name if acceptor.person else ""),
    )
    return Proposal(
        index=index,
        extracted=extracted,
        organization=directory.root,
        lead=lead,
        co_operators=co_operators,
        acceptor=acceptor,
        draft=draft,
        report=check_clarity(draft, on=issue_on),
    )


def _lead(extracted: ExtractedTask, directory: Directory) -> Resolution:
    if not extracted.leads:
        return Resolution(ResolutionStatus.MISSING, message=_("Văn bản không nêu người, đơn vị chủ trì."))
    if extracted.several_leads:
        names = ", ".join(p.phrase.text for p in extracted.leads)
        resolved = [directory.person_for(p).person for p in extracted.leads if not p.is_group]
        return Resolution(
            ResolutionStatus.SEVERAL,
            names,
            "",
            _(
                "Văn bản giao cho nhiều người hoặc đơn vị (%(names)s); mỗi nhiệm vụ chỉ có một người chủ trì: "
                "chọn một người, đưa những người khác vào phối hợp."
            )
            % {"names": names},
            candidates=tuple(p for p in resolved if p is not None),
        )
    lead = extracted.leads[0]
    return directory.person_for(lead)


def acceptor_ref(person: Person | None, body: Body | None) -> int | str | None:
    """The gate's reference for who accepts. A body's is written apart from people's ids,
    so that a body and a lead who happen to share an id are not taken for the same."""
    if person is not None:
        return person.pk
    if body is not None:
        return f"body:{body.pk}"
    return None


def draft_co_operator(co: ProposedCoOperator) -> DraftCoOperator:
    """The gate's view of a co-operator, as :func:`namro.tasks.gate.draft_of` builds it."""
    if co.person is not None:
        return DraftCoOperator("person", co.person.pk, co.name, co.role)
    return DraftCoOperator("unit", co.organization.pk if co.organization else co.name, co.name, co.role)


def propose(
    text: str,
    *,
    organization: Organization,
    reference_date: dt.date,
    calendar: WorkCalendar | None = None,
    issue_on: dt.date | None = None,
) -> tuple[Directory, list[Proposal]]:
    """Read the tasks of ``text`` (a conclusion of ``organization`` dated ``reference_date``)
    and resolve them against the organisation's records of that day."""
    directory = load_directory(organization, reference_date)
    extracted = extract(text, reference_date, calendar)
    return directory, [resolve(e, directory, index=i, issue_on=issue_on) for i, e in enumerate(extracted)]
