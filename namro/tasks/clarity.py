"""The clarity gate of "5 rõ": one pure function that says which "rõ" a task lacks.

The rule of the Hải Dương City Party Committee is that no task leaves the meeting room
without a clear person, job, time, result and responsibility (rõ người, rõ việc, rõ thời
gian, rõ kết quả, rõ trách nhiệm). :func:`check_clarity` is the only place that rule is
written down: the task pages, the API, the XLSX import and the extraction of tasks from a
conclusion all build a :class:`TaskDraft` and ask it. A task may not be issued while the
report has failures; warnings (vague wording, no directing leader) are shown but do not
block.

This module knows nothing of the database: people and units are opaque references
(primary keys, or the canonical keys of :mod:`namro.tasks.extraction` before they are
resolved), so it can be tested and reused with plain values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.lib.text import fold
from namro.lib.vn import format_date, format_number

LeadKind = Literal["person", "unit"]
Ref = int | str


class Aspect(StrEnum):
    """The five "rõ"; the values are the machine names the API returns."""

    PERSON = "nguoi"
    JOB = "viec"
    TIME = "thoi_gian"
    RESULT = "ket_qua"
    RESPONSIBILITY = "trach_nhiem"


class Recurrence(StrEnum):
    """How often a recurring task comes due. ``CONTINUOUS`` is "thường xuyên": ongoing,
    with no cycle of its own (the gate warns that it needs a reporting checkpoint)."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    CONTINUOUS = "continuous"


RECURRENCE_LABELS = {
    Recurrence.WEEKLY: gettext_lazy("Hằng tuần"),
    Recurrence.MONTHLY: gettext_lazy("Hằng tháng"),
    Recurrence.QUARTERLY: gettext_lazy("Hằng quý"),
    Recurrence.HALF_YEARLY: gettext_lazy("6 tháng một lần"),
    Recurrence.YEARLY: gettext_lazy("Hằng năm"),
    Recurrence.CONTINUOUS: gettext_lazy("Thường xuyên"),
}


def describe_time(deadline: dt.date | None, working_days: int | None, recurrence: str) -> str:
    """A task's "rõ thời gian" as a person reads it: a date, working days from issuance, or a
    cycle; "—" when none is set."""
    if deadline is not None:
        return format_date(deadline)
    if working_days is not None:
        return _("%(n)s ngày làm việc kể từ khi giao") % {"n": working_days}
    if recurrence:
        return str(RECURRENCE_LABELS.get(Recurrence(recurrence), recurrence))
    return "—"


@dataclass(frozen=True)
class CoOperator:
    """A person or unit that co-operates (phối hợp), and what it answers for (``role``)."""

    kind: LeadKind
    ref: Ref | None
    name: str = ""
    role: str = ""


@dataclass(frozen=True)
class TaskDraft:
    """Everything the gate looks at. All fields optional: the gate says what is missing.

    ``lead_ids`` is a tuple so that a draft naming several leads (two units in one
    "Giao … chủ trì" phrase, or a pasted list) can be refused as such; ``lead_is_group``
    marks one reference that stands for many ("các cấp ủy", "các đồng chí Ủy viên BCH").
    The time is one of ``deadline`` (a date), ``deadline_working_days`` (counted from
    issuance) or ``recurrence``.
    """

    title: str = ""
    description: str = ""
    lead_kind: LeadKind | None = None
    lead_ids: tuple[Ref, ...] = ()
    lead_name: str = ""
    lead_is_group: bool = False
    co_operators: tuple[CoOperator, ...] = ()
    directing_leader: Ref | None = None
    start: dt.date | None = None
    deadline: dt.date | None = None
    deadline_working_days: int | None = None
    recurrence: Recurrence | None = None
    deliverable: str = ""
    acceptance_criterion: str = ""
    target_value: Decimal | None = None
    target_unit: str = ""
    responsibility: str = ""
    acceptor: Ref | None = None
    acceptor_name: str = ""


@dataclass(frozen=True)
class ClarityIssue:
    """One failed check or warning: a stable ``code``, its "rõ", a Vietnamese message,
    the draft field to point at, and for vague wording the phrase found."""

    code: str
    aspect: Aspect
    message: str
    field: str | None = None
    phrase: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "aspect": self.aspect.value,
            "message": self.message,
            "field": self.field,
            "phrase": self.phrase,
        }


@dataclass(frozen=True)
class ClarityReport:
    failures: tuple[ClarityIssue, ...] = ()
    warnings: tuple[ClarityIssue, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every "rõ" holds; warnings do not count."""
        return not self.failures

    @property
    def codes(self) -> list[str]:
        return [issue.code for issue in self.failures]

    @property
    def warning_codes(self) -> list[str]:
        return [issue.code for issue in self.warnings]

    def failed_aspects(self) -> list[Aspect]:
        """The "rõ" that fail, in the canonical order người, việc, thời gian, kết quả, trách nhiệm."""
        failed = {issue.aspect for issue in self.failures}
        return [aspect for aspect in Aspect if aspect in failed]


# Wording that promises nothing measurable. Data, not logic: the office may ask to extend it.
VAGUE_PHRASES: tuple[str, ...] = (
    "tiếp tục quan tâm",
    "quan tâm chỉ đạo",
    "quan tâm hơn nữa",
    "tăng cường",
    "đẩy mạnh",
    "chú trọng",
    "nâng cao chất lượng",
    "nâng cao hiệu quả",
    "tập trung chỉ đạo",
    "tích cực",
    "sâu sát",
    "quyết liệt",
    "tạo chuyển biến",
    "từng bước",
    "làm tốt",
    "góp phần",
    "hơn nữa",
)

# Titles that name no job on their own (compared folded, whole title).
GENERIC_TITLES: frozenset[str] = frozenset(
    fold(text)
    for text in (
        "nhiệm vụ",
        "công việc",
        "việc khác",
        "khác",
        "triển khai",
        "thực hiện",
        "triển khai thực hiện",
        "tổ chức thực hiện",
        "theo dõi",
        "chỉ đạo",
        "đôn đốc",
        "báo cáo",
        "kế hoạch",
        "giao nhiệm vụ",
        "thực hiện kết luận",
        "thực hiện nghị quyết",
        "thực hiện nhiệm vụ được giao",
    )
)
MIN_TITLE_WORDS = 3

# Words that say how well, not what: a deliverable made only of these (and of vague
# phrases) names no product one could hand over and check ("Có chuyển biến tích cực").
RESULT_FILLER_WORDS: tuple[str, ...] = (
    "kết quả",
    "hoàn thành",
    "nhiệm vụ",
    "chuyển biến",
    "tiến bộ",
    "đảm bảo",
    "bảo đảm",
    "theo quy định",
    "đúng quy định",
    "yêu cầu",
    "hiệu quả",
    "thiết thực",
    "rõ nét",
    "mạnh mẽ",
    "tích cực",
    "tốt",
    "đạt",
    "có",
    "được",
    "công tác",
    "việc",
    "và",
    "của",
    "các",
    "những",
    "hơn",
)

_LIST_IN_TITLE = re.compile(r";|(?:^|\s)(?:\d+|[a-z])[.)]\s")


def _vague_phrases(text: str) -> list[str]:
    folded = fold(text)
    found = []
    for phrase in VAGUE_PHRASES:
        if re.search(rf"(?<![a-z0-9]){re.escape(fold(phrase))}(?![a-z0-9])", folded):
            found.append(phrase)
    # "tiếp tục quan tâm" already says what "quan tâm hơn nữa"/"hơn nữa" would add.
    return [p for p in found if not any(p != other and fold(p) in fold(other) for other in found)]


def _words(text: str) -> list[str]:
    return fold(text).replace("-", " ").split()


class _Collector:
    def __init__(self) -> None:
        self.failures: list[ClarityIssue] = []
        self.warnings: list[ClarityIssue] = []

    def fail(self, code: str, aspect: Aspect, message: str, field_name: str | None) -> None:
        self.failures.append(ClarityIssue(code, aspect, message, field_name))

    def warn(self, code: str, aspect: Aspect, message: str, field_name: str | None, phrase: str | None = None) -> None:
        self.warnings.append(ClarityIssue(code, aspect, message, field_name, phrase))


def check_clarity(draft: TaskDraft, *, on: dt.date | None = None) -> ClarityReport:
    """Check the five "rõ" of ``draft``; with ``on`` (the issuing day) a past deadline fails too."""
    out = _Collector()
    _check_person(draft, out)
    _check_job(draft, out)
    _check_time(draft, out, on)
    _check_result(draft, out)
    _check_responsibility(draft, out)
    _check_vague_wording(draft, out)
    return ClarityReport(tuple(out.failures), tuple(out.warnings))


def _check_person(draft: TaskDraft, out: _Collector) -> None:
    leads = set(draft.lead_ids)
    if not leads or draft.lead_kind is None:
        out.fail("missing_lead", Aspect.PERSON, _("Chưa rõ người: nhiệm vụ chưa có người chủ trì."), "lead")
        return
    if draft.lead_kind == "unit":
        out.fail(
            "lead_is_unit",
            Aspect.PERSON,
            _(
                "Người chủ trì phải là một cá nhân, không phải cơ quan, đơn vị; "
                "hãy chọn người đứng đầu hoặc người được phân công."
            ),
            "lead",
        )
    if len(leads) > 1 or draft.lead_is_group:
        out.fail(
            "several_leads",
            Aspect.PERSON,
            _(
                "Mỗi nhiệm vụ chỉ có một người chủ trì; nhiệm vụ đang giao cho nhiều người hoặc đơn vị. "
                "Hãy chọn một người chủ trì, đưa những người khác vào phối hợp, hoặc giao thành nhiệm vụ con."
            ),
            "lead",
        )
    if any(co.ref is not None and co.kind == draft.lead_kind and co.ref in leads for co in draft.co_operators):
        out.fail(
            "lead_also_co_operator",
            Aspect.PERSON,
            _("Người chủ trì không được đồng thời là người phối hợp."),
            "co_operators",
        )
    if draft.directing_leader is None:
        out.warn(
            "missing_directing_leader",
            Aspect.PERSON,
            _("Chưa có đồng chí lãnh đạo theo dõi, chỉ đạo nhiệm vụ."),
            "directing_leader",
        )


def _check_job(draft: TaskDraft, out: _Collector) -> None:
    title = draft.title.strip()
    if not title:
        out.fail("missing_title", Aspect.JOB, _("Chưa rõ việc: nhiệm vụ chưa có tên."), "title")
        return
    if len(_words(title)) < MIN_TITLE_WORDS or fold(title).rstrip(".") in GENERIC_TITLES:
        out.fail(
            "vague_title",
            Aspect.JOB,
            _("Tên nhiệm vụ “%(title)s” quá ngắn hoặc chung chung; hãy nêu cụ thể việc phải làm.") % {"title": title},
            "title",
        )
    if _LIST_IN_TITLE.search(title):
        out.warn(
            "several_jobs",
            Aspect.JOB,
            _("Tên nhiệm vụ có vẻ gồm nhiều việc; mỗi nhiệm vụ chỉ nên là một việc."),
            "title",
        )


def _check_time(draft: TaskDraft, out: _Collector, on: dt.date | None) -> None:
    given = [
        draft.deadline is not None,
        draft.deadline_working_days is not None,
        draft.recurrence is not None,
    ]
    if not any(given):
        out.fail(
            "missing_deadline",
            Aspect.TIME,
            _(
                "Chưa rõ thời gian: cần hạn hoàn thành (một ngày cụ thể, số ngày làm việc "
                "kể từ khi ban hành, hoặc định kỳ)."
            ),
            "deadline",
        )
        return
    if sum(given) > 1:
        out.fail(
            "several_deadlines",
            Aspect.TIME,
            _("Chỉ chọn một cách ghi thời hạn: ngày cụ thể, số ngày làm việc, hoặc định kỳ."),
            "deadline",
        )
    if draft.deadline_working_days is not None and draft.deadline_working_days <= 0:
        out.fail(
            "invalid_working_days",
            Aspect.TIME,
            _("Số ngày làm việc để hoàn thành phải lớn hơn 0."),
            "deadline_working_days",
        )
    if draft.deadline is not None and draft.start is not None and draft.deadline < draft.start:
        out.fail(
            "deadline_before_start",
            Aspect.TIME,
            _("Hạn hoàn thành (%(deadline)s) phải sau ngày bắt đầu (%(start)s).")
            % {"deadline": format_date(draft.deadline), "start": format_date(draft.start)},
            "deadline",
        )
    if draft.deadline is not None and on is not None and draft.deadline < on:
        out.fail(
            "deadline_in_past",
            Aspect.TIME,
            _("Hạn hoàn thành (%(deadline)s) đã qua.") % {"deadline": format_date(draft.deadline)},
            "deadline",
        )
    if draft.recurrence == Recurrence.CONTINUOUS and draft.deadline is None:
        out.warn(
            "recurrence_without_checkpoint",
            Aspect.TIME,
            _(
                "Nhiệm vụ “thường xuyên” cần mốc báo cáo định kỳ (hằng tháng, hằng quý, 6 tháng, "
                "hằng năm) để theo dõi được."
            ),
            "recurrence",
        )


def _check_result(draft: TaskDraft, out: _Collector) -> None:
    deliverable = draft.deliverable.strip()
    if not deliverable:
        out.fail(
            "missing_result",
            Aspect.RESULT,
            _("Chưa rõ kết quả: cần nêu sản phẩm đầu ra (báo cáo, đề án, kế hoạch, số liệu…)."),
            "deliverable",
        )
    elif _only_filler(deliverable):
        out.fail(
            "vague_result",
            Aspect.RESULT,
            _("Sản phẩm đầu ra “%(result)s” chung chung; hãy nêu sản phẩm cụ thể, đo đếm được.")
            % {"result": deliverable},
            "deliverable",
        )
    if not draft.acceptance_criterion.strip():
        out.fail(
            "missing_acceptance",
            Aspect.RESULT,
            _("Cần tiêu chí nghiệm thu: thế nào thì được coi là hoàn thành."),
            "acceptance_criterion",
        )
    unit = draft.target_unit.strip()
    if draft.target_value is not None and not unit:
        out.fail(
            "target_without_unit",
            Aspect.RESULT,
            _("Chỉ tiêu %(value)s chưa có đơn vị tính.") % {"value": _format_decimal(draft.target_value)},
            "target_unit",
        )
    if draft.target_value is None and unit:
        out.fail(
            "unit_without_target",
            Aspect.RESULT,
            _("Có đơn vị tính “%(unit)s” nhưng chưa có giá trị chỉ tiêu.") % {"unit": unit},
            "target_value",
        )


def _check_responsibility(draft: TaskDraft, out: _Collector) -> None:
    if not draft.responsibility.strip():
        out.fail(
            "missing_responsibility",
            Aspect.RESPONSIBILITY,
            _("Chưa rõ trách nhiệm: cần nêu ai chịu trách nhiệm và chịu trách nhiệm trước ai về kết quả."),
            "responsibility",
        )
    for co in draft.co_operators:
        if not co.role.strip():
            out.fail(
                "missing_co_operator_role",
                Aspect.RESPONSIBILITY,
                _("Chưa nêu trách nhiệm của người/đơn vị phối hợp “%(name)s”.")
                % {"name": co.name or str(co.ref or "")},
                "co_operators",
            )
    if draft.acceptor is None and not draft.acceptor_name.strip():
        out.fail(
            "missing_acceptor",
            Aspect.RESPONSIBILITY,
            _("Chưa rõ ai nghiệm thu, đánh giá kết quả."),
            "acceptor",
        )
    elif draft.acceptor is not None and draft.lead_kind == "person" and draft.acceptor in set(draft.lead_ids):
        out.fail(
            "acceptor_is_lead",
            Aspect.RESPONSIBILITY,
            _("Người chủ trì không thể tự nghiệm thu kết quả của mình."),
            "acceptor",
        )


def _check_vague_wording(draft: TaskDraft, out: _Collector) -> None:
    """Vague phrases are tolerable only next to a measurable target and a definite time."""
    measurable = draft.target_value is not None and bool(draft.target_unit.strip())
    timed = draft.deadline is not None or draft.deadline_working_days is not None
    if measurable and timed:
        return
    seen: set[str] = set()
    for field_name in ("title", "description", "deliverable", "acceptance_criterion"):
        for phrase in _vague_phrases(getattr(draft, field_name)):
            if phrase in seen:
                continue
            seen.add(phrase)
            out.warn(
                "vague_phrase",
                Aspect.RESULT if field_name in ("deliverable", "acceptance_criterion") else Aspect.JOB,
                _("Cụm từ “%(phrase)s” chung chung: cần chỉ tiêu đo đếm được (giá trị và đơn vị) và thời hạn cụ thể.")
                % {"phrase": phrase},
                field_name,
                phrase,
            )


def _only_filler(text: str) -> bool:
    """True when nothing is left of ``text`` once vague phrases and filler words are removed."""
    rest = fold(text)
    for phrase in sorted((*VAGUE_PHRASES, *RESULT_FILLER_WORDS), key=len, reverse=True):
        rest = re.sub(rf"(?<![a-z0-9]){re.escape(fold(phrase))}(?![a-z0-9])", " ", rest)
    return not re.sub(r"[\s,.;:!-]+", "", rest)


def _format_decimal(value: Decimal) -> str:
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, decimals)
