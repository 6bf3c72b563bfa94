"""Read models for the organisation pages: shaping rows that the access helpers returned."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from namro.organizations.models import Membership, Organization, Post, Transfer


@dataclass
class TreeNode:
    org: Organization
    children: list[TreeNode] = field(default_factory=list)


def build_tree(rows: list[Organization]) -> list[TreeNode]:
    """Nest path-ordered rows; a row whose parent is not in ``rows`` becomes a root."""
    nodes: dict[str, TreeNode] = {}
    roots: list[TreeNode] = []
    for org in rows:
        node = TreeNode(org)
        nodes[org.path] = node
        parent = nodes.get(org.path[: -org.steplen])
        (parent.children if parent else roots).append(node)
    return roots


def posts_with_holders(posts: QuerySet[Post], on: dt.date) -> QuerySet[Post]:
    """Posts with ``holders``: the memberships current on ``on`` (two queries in all)."""
    current = Membership.objects.current(on).select_related("person").order_by("start")
    return posts.prefetch_related(Prefetch("memberships", queryset=current, to_attr="holders"))


def kept_in(org: Organization, day: dt.date) -> Q:
    """People whose record was kept in ``org``'s subtree on ``day``: there now, or moved
    out of it after that day (members of a ward merged away are still its members then)."""
    moved_out = Transfer.objects.filter(from_organization__path__startswith=org.path, transferred_on__gt=day).values(
        "person_id"
    )
    return Q(organization__path__startswith=org.path) | Q(pk__in=moved_out)
