"""The change list between a regulation version and the one before it."""

from __future__ import annotations

from dataclasses import dataclass, field

from namro.lib.text import line_changes
from namro.reporting.models import Responsibility, WorkingRegulation


@dataclass
class ChangeList:
    added: list[Responsibility] = field(default_factory=list)
    removed: list[Responsibility] = field(default_factory=list)
    duties_changed: list[tuple[Responsibility, Responsibility]] = field(default_factory=list)
    text_added: list[str] = field(default_factory=list)
    text_removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.duties_changed or self.text_added or self.text_removed)


def _key(item: Responsibility) -> tuple[int, int | None, int | None]:
    return (item.member_id, item.area_id, item.field_id)


def changes(regulation: WorkingRegulation) -> ChangeList:
    """What this version adds, removes or rewords compared with its previous version."""
    result = ChangeList()
    previous = regulation.previous
    related = ("member", "area", "field")
    now = {_key(r): r for r in regulation.responsibilities.select_related(*related)}
    before = {_key(r): r for r in previous.responsibilities.select_related(*related)} if previous else {}
    result.added = [now[k] for k in now.keys() - before.keys()]
    result.removed = [before[k] for k in before.keys() - now.keys()]
    result.duties_changed = [
        (before[k], now[k]) for k in now.keys() & before.keys() if before[k].duties != now[k].duties
    ]
    result.text_removed, result.text_added = line_changes(previous.text if previous else "", regulation.text)
    for items in (result.added, result.removed):
        items.sort(key=lambda r: (r.member.full_name, r.pk))
    return result
