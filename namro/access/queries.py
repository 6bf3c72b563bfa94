"""Access helpers: every read that depends on who is asking goes through here.

A user's *scope* is the set of organisation paths their current grants cover. A record is
visible when its organisation's path starts with one of those paths. Pages, API, exports,
search and reports all call these helpers, so one rule decides what anyone sees. An object
outside the scope is reported as not found (404), never as forbidden, so its existence does
not leak; an object inside the scope that the user may read but not change gives 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from namro.access.models import RoleGrant
from namro.access.roles import CAPABILITIES, Capability, Role
from namro.organizations.models import (
    Body,
    Membership,
    Organization,
    OrganizationQuerySet,
    Person,
    PersonQuerySet,
    Post,
    Transfer,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from namro.accounts.models import User

    AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class GrantView:
    organization_id: int
    path: str
    role: Role
    confidential: bool


@dataclass(frozen=True)
class Scope:
    """What one user may see and do, computed once per request."""

    grants: tuple[GrantView, ...]
    is_global: bool = False

    def paths(self, capability: Capability = Capability.VIEW) -> list[str]:
        paths = sorted({g.path for g in self.grants if capability in CAPABILITIES[g.role]})
        # Drop paths already covered by a shorter one: fewer OR terms in every query.
        return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]

    def covers(self, path: str, capability: Capability = Capability.VIEW) -> bool:
        return self.is_global or any(path.startswith(p) for p in self.paths(capability))

    def holds_on(self, path: str, capability: Capability) -> bool:
        """A grant with ``capability`` on exactly this organisation (not one above it). Acting
        in an organisation's own name — filing its report, raising its matter to the upper
        level — needs this: the upper level's scope covers the organisation but does not speak
        for it."""
        return self.is_global or any(g.path == path and capability in CAPABILITIES[g.role] for g in self.grants)

    def roles_on(self, path: str) -> set[Role]:
        return {g.role for g in self.grants if path.startswith(g.path)}

    def confidential_on(self, path: str) -> bool:
        return self.is_global or any(g.confidential and path.startswith(g.path) for g in self.grants)

    def q(self, field: str = "path", capability: Capability = Capability.VIEW) -> Q:
        """A filter for rows whose organisation path (``field``) lies in this scope."""
        if self.is_global:
            return Q()
        paths = self.paths(capability)
        if not paths:
            return Q(pk__in=[])
        condition = Q()
        for path in paths:
            condition |= Q(**{f"{field}__startswith": path})
        return condition

    def confidential_q(self, field: str = "path") -> Q:
        """Rows in the part of the scope where the user holds the confidential right."""
        if self.is_global:
            return Q()
        paths = sorted({g.path for g in self.grants if g.confidential})
        if not paths:
            return Q(pk__in=[])
        condition = Q()
        for path in paths:
            condition |= Q(**{f"{field}__startswith": path})
        return condition

    @property
    def is_empty(self) -> bool:
        return not self.is_global and not self.grants


_REQUEST_CACHE = "_namro_request_cache"


def enable_request_cache(user: Any) -> None:
    """Let the helpers memoise the scope on this user object for the current request.

    The middleware and the API's token check call this on the per-request user object, so
    one request reads the grants once. Any other user object (a test's, a command's) reads
    them fresh on every call, so a grant or revocation applies to the very next read.
    """
    setattr(user, _REQUEST_CACHE, {})


def _memo(user: Any, key: str, compute: Any) -> Any:
    cache: dict[str, Any] | None = getattr(user, _REQUEST_CACHE, None)
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def scope_for(user: AnyUser) -> Scope:
    """The user's scope: the organisations their current grants cover (one indexed query)."""
    if not user.is_authenticated:
        return Scope(grants=())

    def compute() -> Scope:
        rows = (
            RoleGrant.objects.current()
            .filter(user=user)
            .values_list("organization_id", "organization__path", "role", "confidential")
        )
        return Scope(
            grants=tuple(GrantView(org_id, path, Role(role), conf) for org_id, path, role, conf in rows),
            is_global=user.is_superuser,
        )

    return _memo(user, "scope", compute)


def require(user: AnyUser, organization: Organization, capability: Capability) -> None:
    """Raise 403 unless the user holds ``capability`` on ``organization``."""
    if not scope_for(user).covers(organization.path, capability):
        raise PermissionDenied


def can(user: AnyUser, organization: Organization, capability: Capability) -> bool:
    return scope_for(user).covers(organization.path, capability)


def acts_for(user: AnyUser, organization: Organization, capability: Capability) -> bool:
    """Whether the user holds ``capability`` on exactly ``organization`` (see ``Scope.holds_on``)."""
    return scope_for(user).holds_on(organization.path, capability)


def acting_organizations(user: AnyUser, capability: Capability) -> OrganizationQuerySet:
    """The organisations the user holds ``capability`` on exactly: those they may act for."""
    scope = scope_for(user)
    if scope.is_global:
        return Organization.objects.all().select_related("kind")
    ids = {g.organization_id for g in scope.grants if capability in CAPABILITIES[g.role]}
    return Organization.objects.filter(pk__in=ids).select_related("kind")


# --- Organisations --------------------------------------------------------------------------


def organizations_for_user(user: AnyUser, capability: Capability = Capability.VIEW) -> OrganizationQuerySet:
    return Organization.objects.filter(scope_for(user).q("path", capability)).select_related("kind")


def get_organization_for_user(
    user: AnyUser, key: int | str, *, capability: Capability = Capability.VIEW
) -> Organization:
    """The organisation by id or code, or 404 when the user may not see it."""
    # Ints are ids; strings are codes (an all-digit code is still a code).
    lookup = {"pk": key} if isinstance(key, int) else {"code": key}
    org = organizations_for_user(user).filter(**lookup).first()
    if org is None:
        raise Http404
    if capability != Capability.VIEW:
        require(user, org, capability)
    return org


def granted_organizations(user: AnyUser) -> list[Organization]:
    """The organisations the user's grants are on (the switcher's choices), highest first."""
    scope = scope_for(user)

    def compute() -> list[Organization]:
        if scope.is_global:
            return list(Organization.objects.filter(depth=1).select_related("kind"))
        ids = {g.organization_id for g in scope.grants}
        return list(Organization.objects.filter(pk__in=ids).select_related("kind"))

    return _memo(user, "granted", compute)


# --- People, posts, memberships -------------------------------------------------------------


def persons_for_user(user: AnyUser) -> PersonQuerySet:
    """People whose record is kept in the scope now, or was before a transfer out of it
    (the office of a ward merged away still finds its members)."""
    scope = scope_for(user)
    condition = scope.q("organization__path")
    if not scope.is_global and not scope.is_empty:
        left = Transfer.objects.filter(scope.q("from_organization__path")).values("person_id")
        condition |= Q(pk__in=left)
    return Person.objects.filter(condition).select_related("organization")


def get_person_for_user(user: AnyUser, pk: int, *, capability: Capability = Capability.VIEW) -> Person:
    person = persons_for_user(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    if capability != Capability.VIEW:
        require(user, person.organization, capability)
    return person


def bodies_for_user(user: AnyUser) -> QuerySet[Body]:
    """Bodies (BCH, BTV, UBKT…) of the organisations in the reader's scope."""
    return Body.objects.filter(scope_for(user).q("organization__path")).select_related("organization")


def get_body_for_user(user: AnyUser, pk: int) -> Body:
    body = bodies_for_user(user).filter(pk=pk).first()
    if body is None:
        raise Http404
    return body


def posts_for_user(user: AnyUser) -> QuerySet[Post]:
    return Post.objects.filter(scope_for(user).q("organization__path")).select_related("organization", "body")


def get_post_for_user(user: AnyUser, pk: int, *, capability: Capability = Capability.VIEW) -> Post:
    post = posts_for_user(user).filter(pk=pk).first()
    if post is None:
        raise Http404
    if capability != Capability.VIEW:
        require(user, post.organization, capability)
    return post


def memberships_for_user(user: AnyUser) -> QuerySet[Membership]:
    return Membership.objects.filter(scope_for(user).q("post__organization__path")).select_related(
        "person", "post", "post__organization"
    )


def active_organization(user: AnyUser) -> Organization | None:
    """The organisation the user works in: their choice when still in scope, else their
    highest granted organisation."""
    if not user.is_authenticated:
        return None
    chosen = getattr(user, "active_organization", None)
    if chosen is not None and scope_for(user).covers(chosen.path):
        return chosen
    granted = granted_organizations(user)
    return min(granted, key=lambda org: (org.depth, org.path)) if granted else None


def get_membership_for_user(user: AnyUser, pk: int, *, capability: Capability = Capability.VIEW) -> Membership:
    membership = memberships_for_user(user).filter(pk=pk).first()
    if membership is None:
        raise Http404
    if capability != Capability.VIEW:
        require(user, membership.post.organization, capability)
    return membership


def require_somewhere(user: AnyUser, capability: Capability) -> None:
    """403 unless the user holds ``capability`` on at least one organisation (pages such as
    an import form, which then check each row's organisation)."""
    scope = scope_for(user)
    if not (scope.is_global or scope.paths(capability)):
        raise PermissionDenied


def organization_for(user: AnyUser, capability: Capability) -> Organization | None:
    """Where the user would act with ``capability`` by default: the organisation they work in
    when they hold it there, else the highest organisation where they hold it."""
    scope = scope_for(user)
    active = active_organization(user)
    if active is not None and scope.covers(active.path, capability):
        return active
    allowed = [org for org in granted_organizations(user) if scope.covers(org.path, capability)]
    return min(allowed, key=lambda org: (org.depth, org.path)) if allowed else None
