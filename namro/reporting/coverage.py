"""The coverage check of a working regulation: every subordinate organisation and every
listed field has exactly one responsible member. Pure: it works on ids and labels."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Assignment:
    member_id: int
    area_id: int | None = None  # a subordinate organisation
    field_id: int | None = None  # a sector or field (lĩnh vực)


@dataclass
class Coverage:
    area_gaps: list[int] = field(default_factory=list)
    field_gaps: list[int] = field(default_factory=list)
    area_overlaps: dict[int, list[int]] = field(default_factory=dict)
    field_overlaps: dict[int, list[int]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not (self.area_gaps or self.field_gaps or self.area_overlaps or self.field_overlaps)


def check_coverage(areas: Iterable[int], fields: Iterable[int], assignments: Iterable[Assignment]) -> Coverage:
    by_area: dict[int, set[int]] = defaultdict(set)
    by_field: dict[int, set[int]] = defaultdict(set)
    for a in assignments:
        if a.area_id is not None:
            by_area[a.area_id].add(a.member_id)
        if a.field_id is not None:
            by_field[a.field_id].add(a.member_id)
    result = Coverage()
    for area in areas:
        members = sorted(by_area.get(area, ()))
        if not members:
            result.area_gaps.append(area)
        elif len(members) > 1:
            result.area_overlaps[area] = members
    for item in fields:
        members = sorted(by_field.get(item, ()))
        if not members:
            result.field_gaps.append(item)
        elif len(members) > 1:
            result.field_overlaps[item] = members
    return result
