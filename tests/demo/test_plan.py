"""The demo plan is pure data: the same every time, and it refuses an inconsistent merge list."""

from __future__ import annotations

import dataclasses

import pytest

from namro.demo import data, plan
from namro.demo.names import RESERVED_FULL_NAMES, NameGenerator


def test_the_plan_is_the_same_every_time() -> None:
    first, second = plan.build_plan(), plan.build_plan()
    assert first.persons == second.persons
    assert first.history == second.history
    assert first.reorganisation == second.reorganisation
    assert first.anchors == second.anchors


def test_people_are_unique_invented_and_only_officials_hold_posts() -> None:
    demo = plan.build_plan()
    cards = [person.card_number for person in demo.persons]
    names = [person.full_name for person in demo.persons]
    assert len(set(cards)) == len(cards)
    assert len(set(names)) == len(names)
    assert not set(names) & RESERVED_FULL_NAMES
    assert 300 <= len(demo.persons) <= 1000
    holders = {m.card_number for m in demo.history.memberships + demo.reorganisation.memberships}
    by_card = {person.card_number: person for person in demo.persons}
    assert all(by_card[card].status == "official" for card in holders)
    for membership in demo.history.memberships + demo.reorganisation.memberships:
        assert by_card[membership.card_number].joined_on <= membership.start


def test_every_account_names_a_generated_person() -> None:
    demo = plan.build_plan()
    for account in data.ACCOUNTS:
        if account.person:
            assert account.person in demo.anchors


def test_a_merge_list_that_forgets_a_unit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a 2025 list where phường Ái Quốc hands over nothing
    wards = tuple(
        dataclasses.replace(ward, sources=tuple(s for s in ward.sources if s[0] != "phuong-ai-quoc"))
        for ward in data.WARDS_2025
    )
    monkeypatch.setattr(data, "WARDS_2025", wards)
    # then building the plan fails and names the unit
    with pytest.raises(ValueError, match="phuong-ai-quoc"):
        plan.build_plan()


def test_name_generator_is_deterministic_and_skips_reserved_names() -> None:
    first, again = NameGenerator(7), NameGenerator(7)
    assert [first.name(female=i % 2 == 0) for i in range(20)] == [again.name(female=i % 2 == 0) for i in range(20)]
    generator = NameGenerator(7)
    drawn = [generator.name(female=False).full_name for _ in range(500)]
    assert len(set(drawn)) == 500
    assert not set(drawn) & RESERVED_FULL_NAMES
