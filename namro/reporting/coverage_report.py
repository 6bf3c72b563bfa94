"""The coverage of one regulation version, named for people: which subordinate organisations
and fields have no responsible member (gaps) and which have more than one (overlaps).

The rule itself is pure (``coverage.check_coverage``); this module gathers its inputs for a
day: the direct subordinate organisations that exist that day, the organisation's active
fields, and the assignments in force that day. Three queries, whatever the size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from namro.organizations.models import Organization, Person, valid_on
from namro.reporting.coverage import Assignment, check_coverage
from namro.reporting.models import Field, WorkingRegulation


@dataclass(frozen=True)
class CoverageLine:
    """An area or field with the members responsible for it (none for a gap)."""

    kind: str  # "area" or "field"
    id: int
    label: str
    members: tuple[Person, ...] = ()


@dataclass
class RegulationCoverage:
    day: dt.date
    total: int
    gaps: list[CoverageLine] = field(default_factory=list)
    overlaps: list[CoverageLine] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not (self.gaps or self.overlaps)

    @property
    def covered(self) -> int:
        """Areas and fields with exactly one responsible member."""
        return self.total - len(self.gaps) - len(self.overlaps)


def coverage_day(regulation: WorkingRegulation, today: dt.date | None = None) -> dt.date:
    """The day the check looks at: today while the version's year runs, else its first or
    last day, and never after the organisation closed."""
    today = today or timezone.localdate()
    day = min(max(today, dt.date(regulation.year, 1, 1)), dt.date(regulation.year, 12, 31))
    return regulation.organization.default_day(day)


def regulation_coverage(regulation: WorkingRegulation, on: dt.date | None = None) -> RegulationCoverage:
    org = regulation.organization
    day = on or coverage_day(regulation)
    areas = {
        a.pk: a.name
        for a in Organization.objects.subtree(org, day).filter(depth=org.depth + 1).only("id", "name", "path")
    }
    fields = {f.pk: f.name for f in Field.objects.filter(organization=org, active=True)}
    assignments = list(
        regulation.responsibilities.filter(valid_on(day)).select_related("member").order_by("member__full_name", "id")
    )
    people = {r.member_id: r.member for r in assignments}
    result = check_coverage(
        areas,
        fields,
        (Assignment(r.member_id, area_id=r.area_id, field_id=r.field_id) for r in assignments),
    )

    def members(ids: list[int]) -> tuple[Person, ...]:
        return tuple(sorted((people[i] for i in ids), key=lambda p: (p.full_name, p.pk)))

    report = RegulationCoverage(day=day, total=len(areas) + len(fields))
    report.gaps = [CoverageLine("area", pk, areas[pk]) for pk in result.area_gaps] + [
        CoverageLine("field", pk, fields[pk]) for pk in result.field_gaps
    ]
    report.overlaps = [CoverageLine("area", pk, areas[pk], members(ids)) for pk, ids in result.area_overlaps.items()]
    report.overlaps += [
        CoverageLine("field", pk, fields[pk], members(ids)) for pk, ids in result.field_overlaps.items()
    ]
    return report
