"""The demo as plain values: every organisation, person, post and membership, computed from
``data.py`` and a seeded generator without touching the database.

The loader applies a plan through the actions and creates only what is missing, so the same
plan loaded twice changes nothing. Keeping the plan pure makes it testable on its own and
makes "deterministic" a property of one function: ``build_plan()``.

Residential cells are followed as *lineages*: a cell keeps its lineage when a reorganisation
re-creates it under a new ward (1/12/2019, 1/7/2025), so its secretary and members move with it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from namro.demo import data
from namro.demo.data import BodySpec, NewWardSpec, PostSpec, UnitSpec
from namro.demo.names import NameGenerator
from namro.organizations.models import Body, Person, Post, Succession

# --- The plan's records ----------------------------------------------------------------------


@dataclass(frozen=True)
class OrgPlan:
    code: str
    name: str
    short_name: str
    kind: str
    symbol: str
    parent: str | None
    valid_from: dt.date
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class SuccessionPlan:
    kind: Succession.Kind
    predecessors: tuple[str, ...]
    successor: str
    effective_on: dt.date
    decision: str


@dataclass(frozen=True)
class BodyPlan:
    organization: str
    kind: Body.Kind
    name: str
    symbol: str


@dataclass(frozen=True)
class TermPlan:
    organization: str
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class PersonPlan:
    card_number: str
    full_name: str
    gender: Person.Gender
    birth_date: dt.date
    status: Person.Status
    joined_on: dt.date
    home: str  # the cell the person belongs to on 30/6/2025


@dataclass(frozen=True)
class PostPlan:
    organization: str
    title: str
    kind: Post.Kind
    body: str | None
    rank: int


@dataclass(frozen=True)
class MembershipPlan:
    card_number: str
    organization: str
    title: str
    start: dt.date
    end: dt.date | None


@dataclass
class Stage:
    """Everything one step of the loader creates."""

    organizations: list[OrgPlan] = field(default_factory=list)
    successions: list[SuccessionPlan] = field(default_factory=list)
    bodies: list[BodyPlan] = field(default_factory=list)
    terms: list[TermPlan] = field(default_factory=list)
    posts: list[PostPlan] = field(default_factory=list)
    memberships: list[MembershipPlan] = field(default_factory=list)


@dataclass
class Reorganisation(Stage):
    """The 1/7/2025 merge: what closes, what opens, who moves where."""

    closed_without_successor: list[str] = field(default_factory=list)
    moves: dict[str, str] = field(default_factory=dict)  # old cell code -> new cell code


@dataclass
class DemoPlan:
    history: Stage  # the tree and its people from 2015 to 30/6/2025
    persons: list[PersonPlan]
    reorganisation: Reorganisation
    anchors: dict[str, str]  # name used by data.ACCOUNTS -> card number


# --- Building blocks ---------------------------------------------------------------------------


@dataclass
class Roster:
    """Who sits in a committee for one mandate (a term, or an appointed interim)."""

    secretary: str
    deputies: list[str]
    inspection_chair: str
    committee: list[str]  # plain members, beyond the secretary, deputies and inspection chair

    def members(self) -> list[str]:
        return [self.secretary, *self.deputies, self.inspection_chair, *self.committee]


@dataclass
class Seat:
    role: str
    card: str
    start: dt.date | None = None  # None: from the mandate's start
    end: dt.date | None = None  # None: to the mandate's end


@dataclass
class Segment:
    cell: str
    unit: str
    number: int
    start: dt.date
    end: dt.date | None


@dataclass
class Lineage:
    """One residential cell through its re-creations under successive wards."""

    segments: list[Segment]
    secretaries: list[str] = field(default_factory=list)  # before and after the 2020 cell congress
    deputies: list[str] = field(default_factory=list)

    def at(self, day: dt.date) -> Segment:
        for segment in self.segments:
            if segment.start <= day and (segment.end is None or day <= segment.end):
                return segment
        raise ValueError(f"cell lineage {self.segments[0].cell} does not exist on {day}")


_OPEN = dt.date.max
HAI_DUONG_2025 = "hp-phuong-hai-duong"  # the new ward whose people have demo accounts


def _closure(role: str, posts: dict[str, PostSpec]) -> list[str]:
    """The role and every role it implies, in a stable order."""
    seen: list[str] = []
    stack = [role]
    while stack:
        current = stack.pop(0)
        if current not in seen:
            seen.append(current)
            stack.extend(posts[current].implies)
    return seen


@dataclass
class _Draft:
    card_number: str
    full_name: str
    gender: Person.Gender
    birth_date: dt.date
    status: Person.Status
    joined_on: dt.date
    lineage: Lineage


class _People:
    """Generates people: names, birth and joining dates, card numbers, homes.

    Three profiles: ``leader`` (committee members), ``officer`` (cell officers and office
    staff, in post since 2015) and ``member`` (ordinary members, some still probationary).
    Anyone holding a post is an official member who joined before taking it.
    """

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names = NameGenerator(seed)
        self._drafts: list[_Draft] = []

    def new(self, home: Lineage, profile: str = "leader") -> str:
        rng = self.rng
        female = rng.random() < {"leader": 0.25, "officer": 0.45, "member": 0.4}[profile]
        name = self.names.name(female=female)
        born = {"leader": (1962, 1984), "officer": (1950, 1985), "member": (1948, 2003)}[profile]
        year = rng.randint(*born)
        status = Person.Status.OFFICIAL
        if profile == "member" and year >= 1990 and rng.random() < 0.25:
            # Admitted in the first half of 2025: still probationary in this snapshot.
            status = Person.Status.PROBATIONARY
            joined = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(170))
        else:
            age, latest = {"leader": ((21, 30), 2014), "officer": ((20, 30), 2013), "member": ((18, 35), 2024)}[profile]
            joined_year = min(max(year + rng.randint(*age), year + 18), latest)
            joined = dt.date(joined_year, 1, 1) + dt.timedelta(days=rng.randrange(330))
        # "30" for Hải Dương; eight digits like a party card, unique by construction.
        card = f"30{len(self._drafts) + 1:06d}"
        self._drafts.append(
            _Draft(
                card_number=card,
                full_name=name.full_name,
                gender=Person.Gender.FEMALE if female else Person.Gender.MALE,
                birth_date=dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365)),
                status=status,
                joined_on=joined,
                lineage=home,
            )
        )
        return card

    def plans(self) -> list[PersonPlan]:
        return [
            PersonPlan(
                card_number=draft.card_number,
                full_name=draft.full_name,
                gender=draft.gender,
                birth_date=draft.birth_date,
                status=draft.status,
                joined_on=draft.joined_on,
                home=draft.lineage.at(data.LAST_DAY_BEFORE_2025).cell,
            )
            for draft in self._drafts
        ]


def _org_from_spec(spec: data.OrgSpec) -> OrgPlan:
    return OrgPlan(spec.code, spec.name, spec.short_name, spec.kind, spec.symbol, spec.parent, spec.valid_from)


def _unit_org(unit: UnitSpec, parent: str) -> OrgPlan:
    return OrgPlan(unit.code, unit.name, unit.short_name, unit.kind, "ĐU", parent, unit.valid_from, unit.valid_to)


def _cell_org(unit: UnitSpec, number: int, start: dt.date, end: dt.date | None, code_prefix: str) -> OrgPlan:
    return OrgPlan(
        code=f"{code_prefix}-kdc-{number}",
        name=f"Chi bộ khu dân cư số {number} {unit.level_place}",
        short_name=f"KDC số {number} – {unit.short_name}",
        kind=data.CELL_KIND,
        symbol="CB",
        parent=code_prefix,
        valid_from=start,
        valid_to=end,
    )


def _bodies(org: str, specs: Iterable[BodySpec], **fmt: str) -> list[BodyPlan]:
    return [BodyPlan(org, spec.kind, spec.name.format(**fmt), spec.symbol) for spec in specs]


def _posts(org: str, specs: dict[str, PostSpec], **fmt: str) -> list[PostPlan]:
    return [
        PostPlan(org, spec.title.format(**fmt), spec.kind, spec.body.format(**fmt) if spec.body else None, spec.rank)
        for spec in specs.values()
    ]


def _mandate(
    org: str,
    posts: dict[str, PostSpec],
    start: dt.date,
    end: dt.date | None,
    seats: Iterable[Seat],
    **fmt: str,
) -> list[MembershipPlan]:
    """Memberships for one mandate. A person holds each post once per mandate, over the union
    of the periods of the seats that give it (directly or implied)."""
    periods: dict[tuple[str, str], tuple[dt.date, dt.date]] = {}
    for seat in seats:
        seat_start = seat.start or start
        seat_end = seat.end or end or _OPEN
        for role in _closure(seat.role, posts):
            key = (seat.card, role)
            if key in periods:
                old_start, old_end = periods[key]
                periods[key] = (min(old_start, seat_start), max(old_end, seat_end))
            else:
                periods[key] = (seat_start, seat_end)
    return [
        MembershipPlan(card, org, posts[role].title.format(**fmt), first, None if last == _OPEN else last)
        for (card, role), (first, last) in periods.items()
    ]


def _roster_seats(roster: Roster) -> list[Seat]:
    seats = [Seat(data.SECRETARY, roster.secretary)]
    seats += [Seat(data.DEPUTY, card) for card in roster.deputies]
    seats.append(Seat(data.INSPECTION_CHAIR, roster.inspection_chair))
    seats += [Seat(data.COMMITTEE, card) for card in roster.committee]
    return seats


# --- The plan ----------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.people = _People(data.SEED)
        self.history = Stage()
        self.reorg = Reorganisation()
        self.lineages: list[Lineage] = []
        self.unit_lineages: dict[str, list[Lineage]] = {}
        # unit -> {"2015": roster, "2020": roster}; "2015" is the appointed committee for units
        # created on 1/12/2019, which served the rest of that term.
        self.rosters: dict[str, dict[str, Roster]] = {}
        self.office_staff: dict[str, str] = {}  # unit -> card
        self.city_rosters: dict[str, dict[str, list[str]]] = {}
        self.anchors: dict[str, str] = {}
        self.cell_names: dict[str, str] = {}
        self._home_cursor: dict[str, int] = {}

    # People -------------------------------------------------------------------------------

    def _unit_person(self, unit_code: str, profile: str = "leader") -> str:
        """A new person living in one of the unit's cells (spread across them in turn)."""
        lineages = self.unit_lineages[unit_code]
        cursor = self._home_cursor.get(unit_code, 0)
        self._home_cursor[unit_code] = cursor + 1
        return self.people.new(lineages[cursor % len(lineages)], profile)

    def _city_person(self, profile: str = "leader") -> str:
        """City cadres live in the urban wards that existed throughout."""
        wards = [lin for lin in self.lineages if lin.segments[0].unit.startswith("phuong-")]
        return self.people.new(self.people.rng.choice(wards), profile)

    # Structure ----------------------------------------------------------------------------

    def organizations(self) -> None:
        stage = self.history
        stage.organizations += [_org_from_spec(spec) for spec in data.ROOTS]
        stage.bodies += _bodies(data.PROVINCE.code, data.PROVINCE_BODIES)
        stage.bodies += _bodies(data.CITY.code, data.CITY_BODIES)
        stage.posts += _posts(data.CITY.code, data.CITY_POSTS)
        stage.terms += [TermPlan(data.PROVINCE.code, t.name, t.start, t.end) for t in data.PROVINCE_TERMS]
        stage.terms += [TermPlan(data.CITY.code, t.name, t.start, t.end) for t in data.CITY_TERMS]
        successors = {change.successor: change for change in data.CHANGES_2019}
        for unit in data.UNITS:
            stage.organizations.append(_unit_org(unit, data.CITY.code))
            stage.bodies += _bodies(unit.code, data.UNIT_BODIES, lp=unit.level_place)
            stage.posts += _posts(unit.code, data.UNIT_POSTS, lp=unit.level_place)
            self.unit_lineages[unit.code] = []
            if unit.code in successors:
                self._take_over_cells(successors[unit.code], unit)
            else:
                for number in range(1, unit.cells + 1):
                    lineage = Lineage([Segment(f"{unit.code}-kdc-{number}", unit.code, number, unit.valid_from, None)])
                    self.lineages.append(lineage)
                    self._add_cell(stage, lineage, unit, number, unit.valid_from, unit.valid_to)
        for change in data.CHANGES_2019:
            stage.successions.append(
                SuccessionPlan(change.kind, change.predecessors, change.successor, data.EFFECTIVE_2019, change.decision)
            )

    def _add_cell(
        self, stage: Stage, lineage: Lineage, unit: UnitSpec, number: int, start: dt.date, end: dt.date | None
    ) -> OrgPlan:
        cell = _cell_org(unit, number, start, end, unit.code)
        stage.organizations.append(cell)
        self.cell_names[cell.code] = cell.name
        stage.posts += _posts(cell.code, data.CELL_POSTS, cell=cell.name)
        self.unit_lineages[unit.code].append(lineage)
        return cell

    def _take_over_cells(self, change: data.ChangeSpec, unit: UnitSpec) -> None:
        """Re-create the predecessors' cells under the successor, numbered on from 1."""
        number = 0
        for predecessor in change.predecessors:
            for lineage in self.unit_lineages[predecessor]:
                number += 1
                old = lineage.segments[-1]
                old.end = data.EFFECTIVE_2019 - dt.timedelta(days=1)
                lineage.segments.append(Segment(f"{unit.code}-kdc-{number}", unit.code, number, unit.valid_from, None))
                self._add_cell(self.history, lineage, unit, number, unit.valid_from, None)
                self.history.successions.append(
                    SuccessionPlan(
                        Succession.Kind.TRANSFER,
                        (old.cell,),
                        lineage.segments[-1].cell,
                        data.EFFECTIVE_2019,
                        change.decision,
                    )
                )

    # Committees ---------------------------------------------------------------------------

    def _fresh_roster(self, unit_code: str) -> Roster:
        return Roster(
            secretary=self._unit_person(unit_code),
            deputies=[self._unit_person(unit_code), self._unit_person(unit_code)],
            inspection_chair=self._unit_person(unit_code),
            committee=[self._unit_person(unit_code) for _ in range(data.UNIT_COMMITTEE_PLAIN)],
        )

    def _next_roster(self, previous: Roster, unit_code: str, index: int) -> Roster:
        """The congress re-elects part of the committee: about half carries over."""
        if index % 2 == 0:
            secretary, deputies = previous.secretary, [previous.deputies[0]]
        else:
            secretary, deputies = previous.deputies[0], [previous.deputies[1]]
        fresh = data.UNIT_COMMITTEE_PLAIN - 2
        return Roster(
            secretary=secretary,
            deputies=[*deputies, self._unit_person(unit_code)],
            inspection_chair=previous.committee[0],
            committee=[*previous.committee[1:3], *(self._unit_person(unit_code) for _ in range(fresh))],
        )

    @staticmethod
    def _merged_roster(previous: list[Roster]) -> Roster:
        """An appointed committee for merged units: everyone stays until the next congress."""
        first = previous[0]
        if len(previous) == 1:
            return Roster(first.secretary, list(first.deputies), first.inspection_chair, list(first.committee))
        second = previous[1]
        seated = {first.secretary, second.secretary, first.deputies[0], first.inspection_chair}
        rest = [card for roster in previous for card in roster.members() if card not in seated]
        return Roster(first.secretary, [second.secretary, first.deputies[0]], first.inspection_chair, rest)

    def unit_committees(self) -> None:
        stage = self.history
        successors = {change.successor: change for change in data.CHANGES_2019}
        in_2015 = [unit for unit in data.UNITS if unit.valid_from == data.HISTORY_START]
        in_2020 = [unit for unit in data.UNITS if unit.valid_to is None]
        for unit in data.UNITS:
            fmt = {"lp": unit.level_place}
            rosters: dict[str, Roster] = {}
            congress_2020 = None
            if unit in in_2020:
                congress_2020 = data.UNIT_CONGRESS_2020 + data.UNIT_CONGRESS_STEP * in_2020.index(unit)
            if unit in in_2015:
                start = data.UNIT_CONGRESS_2015 + data.UNIT_CONGRESS_STEP * in_2015.index(unit)
                end = unit.valid_to or (congress_2020 - dt.timedelta(days=1) if congress_2020 else None)
                assert end is not None
                rosters["2015"] = self._fresh_roster(unit.code)
                self.office_staff[unit.code] = self._unit_person(unit.code, "officer")
            else:
                # Created on 1/12/2019: an appointed committee until the 2020 congress.
                start = unit.valid_from
                assert congress_2020 is not None
                end = congress_2020 - dt.timedelta(days=1)
                if unit.code in successors:
                    predecessors = successors[unit.code].predecessors
                    rosters["2015"] = self._merged_roster([self.rosters[code]["2015"] for code in predecessors])
                    self.office_staff[unit.code] = self.office_staff[predecessors[0]]
                else:
                    rosters["2015"] = self._fresh_roster(unit.code)
                    self.office_staff[unit.code] = self._unit_person(unit.code, "officer")
            stage.terms.append(TermPlan(unit.code, "2015–2020", start, end))
            stage.memberships += _mandate(unit.code, data.UNIT_POSTS, start, end, _roster_seats(rosters["2015"]), **fmt)
            if congress_2020 is not None:
                rosters["2020"] = self._next_roster(rosters["2015"], unit.code, in_2020.index(unit))
                stage.terms.append(TermPlan(unit.code, "2020–2025", congress_2020, data.LAST_DAY_BEFORE_2025))
                stage.memberships += _mandate(
                    unit.code, data.UNIT_POSTS, congress_2020, None, _roster_seats(rosters["2020"]), **fmt
                )
            staff = Seat(data.OFFICE_STAFF, self.office_staff[unit.code])
            stage.memberships += _mandate(unit.code, data.UNIT_POSTS, unit.valid_from, unit.valid_to, [staff], **fmt)
            self.rosters[unit.code] = rosters

    def city_committee(self) -> None:
        """Two terms of the city executive, with a mid-term change and re-elections."""
        first_term, second_term = data.CITY_TERMS
        person = self._city_person
        units_2015 = [u.code for u in data.UNITS if u.valid_from == data.HISTORY_START]
        units_2020 = [u.code for u in data.UNITS if "2020" in self.rosters[u.code]]
        wards = data.CITY_WARD_SECRETARIES_ON_COMMITTEE
        leaders = 8 + data.CITY_STANDING_EXTRA  # including the office chief
        plain_size = data.CITY_COMMITTEE_SIZE - leaders - wards

        t1 = {
            "secretary": [person()],
            "deputy_standing": [person()],
            "deputy": [person()],
            "inspection_chair": [person()],
            "organization_head": [person()],
            "propaganda_head": [person()],
            "mobilization_head": [person()],
            "standing": [person() for _ in range(data.CITY_STANDING_EXTRA)],
            "office_chief": [person()],
            "wards": [self.rosters[code]["2015"].secretary for code in units_2015[:wards]],
            "committee": [person() for _ in range(plain_size)],
            "inspection_deputy": [person()],
            "inspection_member": [person() for _ in range(data.CITY_INSPECTION_MEMBERS)],
        }
        carried = plain_size // 2 + 1
        t2 = {
            "secretary": [person()],
            "deputy_standing": t1["organization_head"],
            "deputy": t1["standing"][:1],
            "inspection_chair": t1["inspection_deputy"],
            "organization_head": t1["standing"][1:2],
            "propaganda_head": t1["propaganda_head"],
            "mobilization_head": [person()],
            "standing": [*t1["standing"][2:], *(person() for _ in range(2))],
            "office_chief": [person()],
            "wards": [self.rosters[code]["2020"].secretary for code in units_2020[:wards]],
            "committee": [*t1["committee"][:carried], *(person() for _ in range(plain_size - carried))],
            "inspection_deputy": t1["inspection_member"][:1],
            "inspection_member": [*t1["inspection_member"][1:], person()],
        }
        self.city_rosters = {"2015": t1, "2020": t2}
        # The 2015 deputy secretary left in March 2018; a standing member took the seat.
        change = dt.date(2018, 3, 15)
        seats_1 = self._city_seats(t1)
        seats_1 = [s for s in seats_1 if s.role != data.DEPUTY]
        seats_1.append(Seat(data.DEPUTY, t1["deputy"][0], end=change - dt.timedelta(days=1)))
        seats_1.append(Seat(data.DEPUTY, t1["standing"][0], start=change))
        self.history.memberships += _mandate(data.CITY.code, data.CITY_POSTS, first_term.start, first_term.end, seats_1)
        self.history.memberships += _mandate(
            data.CITY.code, data.CITY_POSTS, second_term.start, None, self._city_seats(t2)
        )
        staff = [person("officer") for _ in range(data.CITY_OFFICE_STAFF)]
        self.history.memberships += _mandate(
            data.CITY.code,
            data.CITY_POSTS,
            data.HISTORY_START,
            None,
            [Seat(data.OFFICE_STAFF, card) for card in staff],
        )
        self.anchors["city_secretary"] = t2["secretary"][0]
        self.anchors["city_committee_member"] = t2["committee"][0]
        self.anchors["city_inspector"] = t2["inspection_member"][0]
        self.anchors["city_office_staff"] = staff[0]

    @staticmethod
    def _city_seats(roster: dict[str, list[str]]) -> list[Seat]:
        roles = {
            "secretary": data.SECRETARY,
            "deputy_standing": data.DEPUTY_STANDING,
            "deputy": data.DEPUTY,
            "inspection_chair": data.INSPECTION_CHAIR,
            "organization_head": data.ORGANIZATION_HEAD,
            "propaganda_head": data.PROPAGANDA_HEAD,
            "mobilization_head": data.MOBILIZATION_HEAD,
            "standing": data.STANDING,
            "office_chief": data.OFFICE_CHIEF,
            "wards": data.COMMITTEE,
            "committee": data.COMMITTEE,
            "inspection_deputy": data.INSPECTION_DEPUTY,
            "inspection_member": data.INSPECTION_MEMBER,
        }
        return [Seat(roles[key], card) for key, cards in roster.items() for card in cards]

    # Cells ------------------------------------------------------------------------------------

    def cell_officers(self) -> None:
        """Cell secretaries and deputies, elected in 2015 and 2020. The secretary of each
        unit's first cell is a member of the unit's committee (kiêm nhiệm)."""
        rng = self.people.rng
        before_2020 = data.CELL_CONGRESS_2020 - dt.timedelta(days=1)
        for lineage in self.lineages:
            first = lineage.segments[0]
            if first.number == 1:  # kiêm nhiệm: a member of the unit's committee leads its first cell
                secretary_1 = self.rosters[first.unit]["2015"].committee[-1]
            else:
                secretary_1 = self.people.new(lineage, "officer")
            deputy_1 = self.people.new(lineage, "officer")
            later = lineage.at(data.CELL_CONGRESS_2020)
            if later.number == 1:
                secretary_2 = self.rosters[later.unit]["2020"].committee[-1]
            elif rng.random() < 0.6:
                secretary_2 = secretary_1
            else:
                secretary_2 = self.people.new(lineage, "officer")
            deputy_2 = deputy_1 if rng.random() < 0.7 else self.people.new(lineage, "officer")
            lineage.secretaries = [secretary_1, secretary_2]
            lineage.deputies = [deputy_1, deputy_2]
            for _ in range(data.ORDINARY_MEMBERS_PER_CELL):
                self.people.new(lineage, "member")
            periods = [
                (max(data.CELL_CONGRESS_2015, first.start), before_2020, secretary_1, deputy_1),
                (data.CELL_CONGRESS_2020, None, secretary_2, deputy_2),
            ]
            for segment in lineage.segments:
                for start, end, secretary, deputy in periods:
                    self.history.memberships += self._cell_mandate(segment, start, end, secretary, deputy)
        tran_phu_1 = next(lin for lin in self.lineages if lin.segments[0].cell == "phuong-tran-phu-kdc-1")
        self.anchors["tran_phu_cell_secretary"] = tran_phu_1.secretaries[1]
        self.anchors["tran_phu_office_staff"] = self.office_staff["phuong-tran-phu"]
        # A plain Đảng ủy viên of the 2020–2025 committee: the raiser of the demo's escalations.
        self.anchors["tran_phu_committee_member"] = self.rosters["phuong-tran-phu"]["2020"].committee[0]

    def _cell_mandate(
        self, segment: Segment, start: dt.date, end: dt.date | None, secretary: str, deputy: str
    ) -> list[MembershipPlan]:
        """The part of a cell officer's period that falls within this cell's existence."""
        first = max(start, segment.start)
        last = min(end or _OPEN, segment.end or _OPEN)
        if first > last:
            return []
        seats = [Seat(data.CELL_SECRETARY, secretary), Seat(data.CELL_DEPUTY, deputy)]
        end_or_open = None if last == _OPEN else last
        return _mandate(segment.cell, data.CELL_POSTS, first, end_or_open, seats, cell=self.cell_names[segment.cell])

    # 1/7/2025 ---------------------------------------------------------------------------------

    def reorganisation_2025(self) -> None:
        reorg = self.reorg
        effective = data.EFFECTIVE_2025
        reorg.closed_without_successor.append(data.CITY.code)
        reorg.successions.append(
            SuccessionPlan(
                Succession.Kind.MERGE,
                (data.PROVINCE.code,),
                data.HAI_PHONG.code,
                effective,
                data.PROVINCE_MERGE_DECISION,
            )
        )
        reorg.bodies += _bodies(data.HAI_PHONG.code, data.HAI_PHONG_BODIES)
        reorg.terms.append(TermPlan(data.HAI_PHONG.code, data.TERM_2025.name, data.TERM_2025.start, data.TERM_2025.end))
        city_2020 = self.city_rosters["2020"]
        secretaries = [
            card
            for key in (
                "deputy_standing",
                "deputy",
                "inspection_chair",
                "organization_head",
                "propaganda_head",
                "mobilization_head",
                "standing",
            )
            for card in city_2020[key]
        ]
        transferred: dict[str, set[int]] = {}
        seated: set[str] = set()
        for index, ward in enumerate(data.WARDS_2025):
            self._new_ward(ward, secretaries[index], transferred, seated)
        for unit in data.UNITS:
            if unit.valid_to is None:
                numbers = {lin.at(data.LAST_DAY_BEFORE_2025).number for lin in self.unit_lineages[unit.code]}
                if transferred.get(unit.code) != numbers:
                    raise ValueError(f"WARDS_2025 must hand over every cell of {unit.code} exactly once")

    def _new_ward(self, ward: NewWardSpec, secretary: str, transferred: dict[str, set[int]], seated: set[str]) -> None:
        reorg = self.reorg
        unit = ward.unit
        effective = data.EFFECTIVE_2025
        fmt = {"lp": unit.level_place}
        reorg.organizations.append(
            OrgPlan(ward.code, unit.name, unit.short_name, unit.kind, "ĐU", data.HAI_PHONG.code, effective)
        )
        reorg.bodies += _bodies(ward.code, data.UNIT_BODIES, **fmt)
        reorg.posts += _posts(ward.code, data.UNIT_POSTS, **fmt)
        reorg.terms.append(TermPlan(ward.code, data.TERM_2025.name, data.TERM_2025.start, data.TERM_2025.end))
        whole = tuple(code for code, numbers in ward.sources if numbers is None)
        parts = tuple(code for code, numbers in ward.sources if numbers is not None)
        for kind, predecessors in ((Succession.Kind.MERGE, whole), (Succession.Kind.SPLIT, parts)):
            if predecessors:
                reorg.successions.append(
                    SuccessionPlan(kind, predecessors, ward.code, effective, data.WARDS_2025_DECISION)
                )
        self.unit_lineages[ward.code] = []
        number = 0
        for source, numbers in ward.sources:
            for lineage in self.unit_lineages[source]:
                old = lineage.at(data.LAST_DAY_BEFORE_2025)
                if old.unit != source or (numbers is not None and old.number not in numbers):
                    continue
                number += 1
                transferred.setdefault(source, set()).add(old.number)
                old.end = data.LAST_DAY_BEFORE_2025
                new = Segment(f"{ward.code}-kdc-{number}", ward.code, number, effective, None)
                lineage.segments.append(new)
                cell = _cell_org(unit, number, effective, None, ward.code)
                reorg.organizations.append(cell)
                self.cell_names[cell.code] = cell.name
                reorg.posts += _posts(cell.code, data.CELL_POSTS, cell=cell.name)
                self.unit_lineages[ward.code].append(lineage)
                reorg.successions.append(
                    SuccessionPlan(Succession.Kind.TRANSFER, (old.cell,), new.cell, effective, data.WARDS_2025_DECISION)
                )
                reorg.moves[old.cell] = new.cell
                seats = [
                    Seat(data.CELL_SECRETARY, lineage.secretaries[-1]),
                    Seat(data.CELL_DEPUTY, lineage.deputies[-1]),
                ]
                reorg.memberships += _mandate(new.cell, data.CELL_POSTS, effective, None, seats, cell=cell.name)
        # The appointed committee: a former city leader as secretary, the old units' leaders
        # around them. Nobody sits in two new wards, though a split unit feeds two of them.
        sources = list(dict.fromkeys(code for code, _numbers in ward.sources))
        previous = [self.rosters[code]["2020"] for code in sources]

        def take(pool: Iterable[str], count: int) -> list[str]:
            chosen: list[str] = []
            for card in pool:
                if card not in seated and len(chosen) < count:
                    chosen.append(card)
                    seated.add(card)
            return chosen

        seated.add(secretary)
        deputies = take([*(r.secretary for r in previous), *(d for r in previous for d in r.deputies)], 2)
        chair = take([*(r.inspection_chair for r in previous), *(c for r in previous for c in r.committee)], 1)
        committee = take(
            [
                *(r.secretary for r in previous),
                *(d for r in previous for d in r.deputies),
                *(r.inspection_chair for r in previous),
            ],
            data.UNIT_COMMITTEE_PLAIN + 3,
        )
        roster = Roster(secretary, deputies, chair[0], committee)
        reorg.memberships += _mandate(ward.code, data.UNIT_POSTS, effective, None, _roster_seats(roster), **fmt)
        staff = Seat(data.OFFICE_STAFF, self.office_staff[sources[0]])
        reorg.memberships += _mandate(ward.code, data.UNIT_POSTS, effective, None, [staff], **fmt)
        if ward.code == HAI_DUONG_2025:
            # The accounts that walk reporting on the live structure (data.ACCOUNTS).
            self.anchors["hai_duong_office_staff"] = staff.card
            self.anchors["hai_duong_committee_member"] = roster.committee[0]
            self.anchors["hai_duong_cell_secretary"] = self.unit_lineages[ward.code][0].secretaries[-1]


def build_plan() -> DemoPlan:
    """The whole demo, the same every time."""
    builder = _Builder()
    builder.organizations()
    builder.unit_committees()
    builder.city_committee()
    builder.cell_officers()
    builder.reorganisation_2025()
    return DemoPlan(
        history=builder.history,
        persons=builder.people.plans(),
        reorganisation=builder.reorg,
        anchors=builder.anchors,
    )
