"""The clarity gate: every missing "rõ" is named with its code, aspect and a Vietnamese reason."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from namro.tasks.clarity import (
    Aspect,
    ClarityReport,
    CoOperator,
    Recurrence,
    TaskDraft,
    check_clarity,
)

LEAD, DEPUTY, LEADER, STANDING_BOARD = 11, 12, 2, "thuong-truc@thanh-pho"


def complete(**changes: Any) -> TaskDraft:
    """A draft where all five "rõ" hold; tests change one thing at a time."""
    draft = TaskDraft(
        title="Xây dựng Đề án phát triển du lịch thành phố giai đoạn 2021 - 2025",
        description="Khảo sát, đánh giá thực trạng, đề xuất giải pháp và lộ trình thực hiện.",
        lead_kind="person",
        lead_ids=(LEAD,),
        lead_name="Trưởng Ban Tuyên giáo Thành ủy",
        co_operators=(CoOperator("unit", 31, "UBND thành phố", "Cung cấp số liệu về du lịch"),),
        directing_leader=LEADER,
        start=dt.date(2020, 3, 10),
        deadline=dt.date(2020, 6, 30),
        deliverable="Đề án trình Ban Thường vụ Thành ủy",
        acceptance_criterion="Được Ban Thường vụ Thành ủy thông qua",
        target_value=Decimal("5"),
        target_unit="giải pháp",
        responsibility="Chịu trách nhiệm trước Ban Thường vụ Thành ủy về chất lượng, tiến độ Đề án",
        acceptor=STANDING_BOARD,
        acceptor_name="Thường trực Thành ủy",
    )
    return dataclasses.replace(draft, **changes)


def codes(report: ClarityReport) -> list[str]:
    return report.codes


def test_a_complete_draft_passes_with_no_warning() -> None:
    report = check_clarity(complete())
    assert report.ok
    assert report.failures == ()
    assert report.warnings == ()
    assert report.failed_aspects() == []


def test_an_empty_draft_fails_every_rule_in_order() -> None:
    # given nothing filled in / when checked
    report = check_clarity(TaskDraft())
    # then each of the five "rõ" fails, listed in the canonical order
    assert not report.ok
    assert report.failed_aspects() == [Aspect.PERSON, Aspect.JOB, Aspect.TIME, Aspect.RESULT, Aspect.RESPONSIBILITY]
    assert codes(report) == [
        "missing_lead",
        "missing_title",
        "missing_deadline",
        "missing_result",
        "missing_acceptance",
        "missing_responsibility",
        "missing_acceptor",
    ]


# --- rõ người ------------------------------------------------------------------------------


def test_missing_lead() -> None:
    report = check_clarity(complete(lead_ids=(), lead_kind=None))
    assert codes(report) == ["missing_lead"]
    issue = report.failures[0]
    assert issue.aspect is Aspect.PERSON
    assert issue.field == "lead"
    assert issue.message == "Chưa rõ người: nhiệm vụ chưa có người chủ trì."


def test_a_reference_without_a_kind_is_not_a_lead() -> None:
    assert codes(check_clarity(complete(lead_kind=None))) == ["missing_lead"]


def test_lead_is_unit() -> None:
    report = check_clarity(complete(lead_kind="unit", lead_ids=("ban-tuyen-giao@thanh-pho",)))
    assert codes(report) == ["lead_is_unit"]
    assert "cá nhân" in report.failures[0].message


def test_several_leads() -> None:
    report = check_clarity(complete(lead_ids=(LEAD, DEPUTY)))
    assert codes(report) == ["several_leads"]
    assert report.failures[0].aspect is Aspect.PERSON


def test_the_same_lead_twice_is_one_lead() -> None:
    assert check_clarity(complete(lead_ids=(LEAD, LEAD))).ok


def test_a_group_of_people_is_several_leads() -> None:
    report = check_clarity(complete(lead_ids=("uy-vien-bch@thanh-pho",), lead_is_group=True))
    assert codes(report) == ["several_leads"]


def test_a_group_of_units_is_a_unit_and_several_leads() -> None:
    report = check_clarity(complete(lead_kind="unit", lead_ids=("cap-uy-to-chuc-dang",), lead_is_group=True))
    assert codes(report) == ["lead_is_unit", "several_leads"]


def test_lead_also_co_operator() -> None:
    report = check_clarity(complete(co_operators=(CoOperator("person", LEAD, "Trưởng ban", "Tổng hợp"),)))
    assert codes(report) == ["lead_also_co_operator"]


def test_a_unit_co_operator_with_the_same_number_as_the_lead_person_is_not_the_lead() -> None:
    assert check_clarity(complete(co_operators=(CoOperator("unit", LEAD, "Phòng Văn hóa", "Tổng hợp"),))).ok


def test_missing_directing_leader_is_only_a_warning() -> None:
    report = check_clarity(complete(directing_leader=None))
    assert report.ok
    assert report.warning_codes == ["missing_directing_leader"]
    assert report.warnings[0].aspect is Aspect.PERSON


# --- rõ việc -------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["", "   "])
def test_missing_title(title: str) -> None:
    report = check_clarity(complete(title=title))
    assert codes(report) == ["missing_title"]
    assert report.failures[0].aspect is Aspect.JOB


@pytest.mark.parametrize("title", ["Đề án", "Nhiệm vụ", "Triển khai thực hiện", "TRIEN KHAI THUC HIEN.", "Báo cáo"])
def test_vague_title(title: str) -> None:
    report = check_clarity(complete(title=title))
    assert codes(report) == ["vague_title"]
    assert title in report.failures[0].message


def test_a_title_listing_several_jobs_is_warned() -> None:
    report = check_clarity(complete(title="Rà soát quy hoạch cán bộ; xây dựng kế hoạch luân chuyển cán bộ"))
    assert report.ok
    assert report.warning_codes == ["several_jobs"]


# --- rõ thời gian --------------------------------------------------------------------------


def test_missing_deadline() -> None:
    report = check_clarity(complete(deadline=None))
    assert codes(report) == ["missing_deadline"]
    assert report.failures[0].aspect is Aspect.TIME


def test_working_days_from_issuance_are_a_deadline() -> None:
    assert check_clarity(complete(deadline=None, deadline_working_days=15)).ok


def test_a_periodic_recurrence_is_a_deadline() -> None:
    assert check_clarity(complete(deadline=None, recurrence=Recurrence.QUARTERLY)).ok


def test_continuous_recurrence_is_warned_to_need_a_checkpoint() -> None:
    report = check_clarity(complete(deadline=None, recurrence=Recurrence.CONTINUOUS))
    assert report.ok
    assert report.warning_codes == ["recurrence_without_checkpoint"]


def test_several_deadlines() -> None:
    report = check_clarity(complete(deadline_working_days=10))
    assert codes(report) == ["several_deadlines"]


@pytest.mark.parametrize("days", [0, -3])
def test_invalid_working_days(days: int) -> None:
    assert codes(check_clarity(complete(deadline=None, deadline_working_days=days))) == ["invalid_working_days"]


def test_deadline_before_start() -> None:
    report = check_clarity(complete(start=dt.date(2020, 7, 1)))
    assert codes(report) == ["deadline_before_start"]
    assert report.failures[0].message == "Hạn hoàn thành (30/06/2020) phải sau ngày bắt đầu (01/07/2020)."


def test_a_deadline_on_the_start_day_is_allowed() -> None:
    assert check_clarity(complete(start=dt.date(2020, 6, 30))).ok


def test_deadline_in_past_only_when_the_issuing_day_is_given() -> None:
    draft = complete()
    assert check_clarity(draft).ok
    assert codes(check_clarity(draft, on=dt.date(2020, 7, 1))) == ["deadline_in_past"]
    assert check_clarity(draft, on=dt.date(2020, 6, 30)).ok


# --- rõ kết quả ----------------------------------------------------------------------------


def test_missing_result() -> None:
    report = check_clarity(complete(deliverable=""))
    assert codes(report) == ["missing_result"]
    assert report.failures[0].field == "deliverable"


@pytest.mark.parametrize(
    "deliverable", ["Kết quả", "hoàn thành tốt", "Có chuyển biến tích cực", "Tăng cường, đẩy mạnh"]
)
def test_vague_result(deliverable: str) -> None:
    report = check_clarity(complete(deliverable=deliverable))
    assert codes(report) == ["vague_result"]
    assert report.failures[0].aspect is Aspect.RESULT


def test_missing_acceptance() -> None:
    assert codes(check_clarity(complete(acceptance_criterion=" "))) == ["missing_acceptance"]


def test_target_without_unit() -> None:
    report = check_clarity(complete(target_value=Decimal("1626"), target_unit=""))
    assert codes(report) == ["target_without_unit"]
    assert report.failures[0].message == "Chỉ tiêu 1.626 chưa có đơn vị tính."


def test_target_with_decimals_is_written_the_vietnamese_way() -> None:
    report = check_clarity(complete(target_value=Decimal("12.5"), target_unit=""))
    assert report.failures[0].message == "Chỉ tiêu 12,5 chưa có đơn vị tính."


def test_unit_without_target() -> None:
    assert codes(check_clarity(complete(target_value=None, target_unit="%"))) == ["unit_without_target"]


def test_no_numeric_target_at_all_is_fine() -> None:
    assert check_clarity(complete(target_value=None, target_unit="")).ok


# --- rõ trách nhiệm ------------------------------------------------------------------------


def test_missing_responsibility() -> None:
    report = check_clarity(complete(responsibility=""))
    assert codes(report) == ["missing_responsibility"]
    assert report.failures[0].aspect is Aspect.RESPONSIBILITY


def test_missing_co_operator_role_names_the_co_operator() -> None:
    report = check_clarity(complete(co_operators=(CoOperator("unit", 31, "UBND thành phố", ""),)))
    assert codes(report) == ["missing_co_operator_role"]
    assert "UBND thành phố" in report.failures[0].message


def test_missing_acceptor() -> None:
    assert codes(check_clarity(complete(acceptor=None, acceptor_name=""))) == ["missing_acceptor"]


def test_an_acceptor_named_but_not_yet_resolved_is_enough() -> None:
    assert check_clarity(complete(acceptor=None, acceptor_name="Thường trực Thành ủy")).ok


def test_acceptor_is_lead() -> None:
    assert codes(check_clarity(complete(acceptor=LEAD))) == ["acceptor_is_lead"]


# --- vague wording -------------------------------------------------------------------------


def test_vague_phrases_warn_when_there_is_no_measurable_target() -> None:
    # given a title with "tăng cường" and a description with "đẩy mạnh", but no target
    draft = complete(
        title="Tăng cường công tác kiểm tra, giám sát ở cơ sở",
        description="Đẩy mạnh việc tự kiểm tra của chi bộ.",
        target_value=None,
        target_unit="",
    )
    # when checked
    report = check_clarity(draft)
    # then the draft may still be issued but both phrases are named
    assert report.ok
    assert report.warning_codes == ["vague_phrase", "vague_phrase"]
    assert [(w.phrase, w.field) for w in report.warnings] == [
        ("tăng cường", "title"),
        ("đẩy mạnh", "description"),
    ]
    assert "tăng cường" in report.warnings[0].message


def test_vague_phrases_are_found_without_accents_and_in_capitals() -> None:
    report = check_clarity(complete(title="tiep tuc quan tam CHÚ TRỌNG cong tac dan van", target_value=None))
    assert [w.phrase for w in report.warnings] == ["tiếp tục quan tâm", "chú trọng"]


def test_vague_phrases_warn_when_there_is_no_date() -> None:
    draft = complete(title="Nâng cao chất lượng sinh hoạt chi bộ", deadline=None, recurrence=Recurrence.QUARTERLY)
    assert [w.phrase for w in check_clarity(draft).warnings] == ["nâng cao chất lượng"]


def test_vague_phrases_are_tolerated_with_a_target_and_a_date() -> None:
    draft = complete(title="Đẩy mạnh kết nạp đảng viên mới", target_value=Decimal("120"), target_unit="đảng viên")
    assert check_clarity(draft).warnings == ()


def test_a_phrase_inside_a_longer_word_is_not_vague() -> None:
    # "chú trọng" must not match inside "chú trọngđiểm" nor "tích cực" inside "tíchcực"
    draft = complete(title="Kiểm tra công trình trọng điểm và tích cựcx", target_value=None)
    assert check_clarity(draft).warnings == ()


def test_issues_serialise_for_the_api() -> None:
    issue = check_clarity(complete(lead_ids=(), lead_kind=None)).failures[0]
    assert issue.as_dict() == {
        "code": "missing_lead",
        "aspect": "nguoi",
        "message": "Chưa rõ người: nhiệm vụ chưa có người chủ trì.",
        "field": "lead",
        "phrase": None,
    }
