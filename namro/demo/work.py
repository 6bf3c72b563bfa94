"""Meetings, numbered documents and "5 rõ" tasks of the demo, 2015–2026 (issue 3, item 13).

What this adds to the Hải Dương demo:

- **Meetings.** The city's Ban Chấp hành (the first conference of each term, then quarterly),
  Ban Thường vụ (eight regular meetings a year and extraordinary ones: the 2019 commune merger,
  COVID-19 in 2020 and 2021, typhoon Yagi in 2024, the 2025 reorganisation), and Thường trực
  (working visits to a ward in March and September); a few ward committee meetings (Trần Phú,
  Lê Thanh Nghị, and three Hải Phòng wards after 1/7/2025) and meetings of residential cell
  no. 1 of Trần Phú and its successor cell. Attendance lists every holder of the body's posts
  on the day (for a cell: its members), each present, excused with a reason, or absent.
- **Documents.** The conclusions (KL), resolutions (NQ) and notices (TB) issued after those
  meetings, signed some working days later (most within the kind's limit of 5, some later),
  numbered by ``do_issue_document`` so that numbers restart each term (``01-NQ/TU`` exists in
  2015–2020 and again in 2020–2025); yearly inspection plans (KH), the two term programmes
  (CTr), two confidential conclusions on cadre planning, and one draft left unissued.
- **Tasks.** What each document assigns, with the five "rõ": the lead is whoever held the
  named post on the day, a deadline, a deliverable and acceptance criterion (some with a
  numeric target), a responsibility statement and an acceptor. Their lives cover every status
  (draft, issued, in progress, reported done, accepted, cancelled), returns, approved and
  refused extensions, reassignments, and cascades from the city to wards and from wards to
  cells whose progress rolls up. Reported results carry tiny generated PDFs as evidence.
  The demo accounts' people lead some of them, so "Việc của tôi" is never empty.

**Time.** The story is told as of :data:`AS_OF` (1/11/2026): no event is dated later and no
date comes from the clock, so loads on different days give the same rows. Tasks still open
past their deadline are overdue on any day after that; the Hải Phòng wards' long tasks run
to :data:`WITHIN_UNTIL` and beyond, so "not done, within the deadline" exists until then.
The actions that take no time (accept, return, cancel, start) and the audit log carry the
load time: those rows record no date of their own.

**Plan and load.** :func:`build_work_plan` turns the organisation plan of ``plan.py`` into
plain values — persons as card numbers, resolved from the plan's memberships on each date —
without touching the database. :func:`load_work` applies it through the actions and creates
only what is missing, by natural key: a meeting by (organisation, body, date, title), a
document by (organisation, issuer symbol, kind, title) — a draft has no number yet, so the
number cannot be its key — and a task by (organisation, title), its delegated children with it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from namro.demo import data
from namro.demo.plan import BodyPlan, DemoPlan, MembershipPlan, PersonPlan, TermPlan
from namro.documents.actions import AttendanceLine, do_create_document, do_create_meeting, do_issue_document
from namro.documents.models import Attendance, Document, DocumentKind, Meeting
from namro.lib.text import fold
from namro.lib.vn import format_date
from namro.lib.workdays import WorkCalendar, vietnam_calendar
from namro.organizations.actions import do_create_body
from namro.organizations.models import Body, Person
from namro.tasks.actions import (
    CoOperatorLine,
    Delegation,
    do_accept_task,
    do_cancel_task,
    do_create_task,
    do_decide_extension,
    do_delegate_task,
    do_issue_task,
    do_reassign_task,
    do_report_done,
    do_report_progress,
    do_request_extension,
    do_return_task,
    do_start_task,
)
from namro.tasks.models import ExtensionRequest, Task

if TYPE_CHECKING:
    from namro.demo.loader import Store

# The demo's "now": nothing in it happens later than this day.
AS_OF = dt.date(2026, 11, 1)
# The earliest deadline of the tasks meant to stay "within the deadline" after AS_OF.
WITHIN_UNTIL = dt.date(2027, 12, 31)
WORK_SEED = data.SEED + 3
OLD_END = data.LAST_DAY_BEFORE_2025  # the old city, its wards and cells end on 30/6/2025
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

CITY = data.CITY.code
TRAN_PHU = "phuong-tran-phu"
LE_THANH_NGHI = "phuong-le-thanh-nghi"
NEW_LE_THANH_NGHI = "hp-phuong-le-thanh-nghi"
NEW_TAN_HUNG = "hp-phuong-tan-hung"
NEW_HAI_DUONG = "hp-phuong-hai-duong"

E, S, B, C = Body.Kind.EXECUTIVE, Body.Kind.STANDING, Body.Kind.STANDING_BOARD, Body.Kind.CELL_COMMITTEE
EXTRAORDINARY = Meeting.Kind.EXTRAORDINARY

# --- The plan's records ------------------------------------------------------------------------

MeetingKey = tuple[str, str, dt.date, str]  # organisation code, body name, date, title
DocumentKey = tuple[str, str, str, str]  # organisation code, issuer symbol, kind code, title
TaskKey = tuple[str, str]  # organisation code, title


@dataclass(frozen=True)
class AttendancePlan:
    card_number: str
    status: Attendance.Status
    reason: str = ""


@dataclass(frozen=True)
class MeetingPlan:
    organization: str
    body: str
    kind: Meeting.Kind
    title: str
    held_on: dt.date
    location: str
    chair: str | None
    minutes: str
    agenda: tuple[str, ...]
    attendance: tuple[AttendancePlan, ...]

    @property
    def key(self) -> MeetingKey:
        return (self.organization, self.body, self.held_on, self.title)


@dataclass(frozen=True)
class DocumentPlan:
    organization: str
    issuer_symbol: str
    kind: str
    title: str
    text: str
    meeting: MeetingKey | None
    signed_on: dt.date | None  # None: left a draft
    signer: str | None
    confidential: bool = False
    term: str = ""  # the term of ``signed_on``, whose sequence numbers it
    number: int | None = None  # the number it takes when loaded into an empty database

    @property
    def key(self) -> DocumentKey:
        return (self.organization, self.issuer_symbol, self.kind, self.title)

    @property
    def reference(self) -> str:
        return f"{self.number:02d}-{self.kind}/{self.issuer_symbol}" if self.number else ""


@dataclass(frozen=True)
class CoOperatorPlan:
    role: str
    person: str | None = None
    organization: str | None = None
    name: str = ""


@dataclass(frozen=True)
class Step:
    """One event in a task's life, dated. ``person`` is the reporting lead, or the new lead."""

    # issue, start, progress, report_done, return, accept, cancel, request_extension,
    # decide_extension or reassign: one action of namro.tasks.actions each
    action: str
    on: dt.date
    percent: int = 0
    text: str = ""
    files: tuple[str, ...] = ()
    new_deadline: dt.date | None = None
    approve: bool = False
    person: str | None = None


@dataclass(frozen=True)
class TaskPlan:
    organization: str
    title: str
    description: str
    lead: str
    directing_leader: str | None
    acceptor: str | None
    acceptor_body: str | None
    start: dt.date
    deadline: dt.date
    deliverable: str
    acceptance_criterion: str
    target_value: Decimal | None
    target_unit: str
    responsibility: str
    co_operators: tuple[CoOperatorPlan, ...]
    source: Task.Source
    document: DocumentKey | None
    meeting: MeetingKey | None
    source_phrase: str
    steps: tuple[Step, ...]
    # Delegated to subordinate organisations (do_delegate_task): their directing leader and
    # acceptor are this task's lead.
    children: tuple[TaskPlan, ...] = ()

    @property
    def key(self) -> TaskKey:
        return (self.organization, self.title)

    @property
    def status(self) -> Task.Status:
        """The status the steps leave the task in."""
        status = Task.Status.DRAFT
        for step in self.steps:
            status = _STATUS_AFTER.get(step.action, status)
            if step.action == "progress" and status == Task.Status.ISSUED:
                status = Task.Status.IN_PROGRESS
        return status


_STATUS_AFTER: dict[str, Task.Status] = {
    "issue": Task.Status.ISSUED,
    "start": Task.Status.IN_PROGRESS,
    "report_done": Task.Status.REPORTED_DONE,
    "return": Task.Status.IN_PROGRESS,
    "accept": Task.Status.ACCEPTED,
    "cancel": Task.Status.CANCELLED,
}


@dataclass
class WorkPlan:
    bodies: list[BodyPlan] = field(default_factory=list)  # cells' own bodies, for their meetings
    meetings: list[MeetingPlan] = field(default_factory=list)
    documents: list[DocumentPlan] = field(default_factory=list)  # in the order they are issued
    tasks: list[TaskPlan] = field(default_factory=list)  # delegated ones inside their parent

    def all_tasks(self) -> Iterator[TaskPlan]:
        for task in self.tasks:
            yield task
            yield from task.children


# --- What the content is written in ------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """A person by the post they hold on the day (``role`` of ``data.py`` in ``org``, the
    ``nth`` holder by card number), or ``@name``: a person of ``DemoPlan.anchors``."""

    role: str
    org: str | None = None  # default: the organisation that assigns the task
    nth: int = 0


class Outcome(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    IN_PROGRESS = "in_progress"
    REPORTED = "reported"
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"


class Extension(StrEnum):
    APPROVED = "approved"
    REFUSED = "refused"


@dataclass(frozen=True)
class Story:
    """How a task's life goes; :meth:`_Builder.steps` turns it into dated steps."""

    outcome: Outcome
    late: bool = False  # reported after the (current) deadline
    returned: bool = False  # reported, returned once, reported again
    extension: Extension | None = None
    reassign_to: Who | None = None
    reassign_on: dt.date | None = None
    percent: int | None = None  # the last progress of an open task


DRAFT = Story(Outcome.DRAFT)
ISSUED = Story(Outcome.ISSUED)
IN_PROGRESS = Story(Outcome.IN_PROGRESS)
REPORTED = Story(Outcome.REPORTED)
ON_TIME = Story(Outcome.ACCEPTED)
LATE = Story(Outcome.ACCEPTED, late=True)
RETURNED = Story(Outcome.ACCEPTED, returned=True)
EXTENDED = Story(Outcome.ACCEPTED, extension=Extension.APPROVED)
EXTENDED_OPEN = Story(Outcome.IN_PROGRESS, extension=Extension.APPROVED)
REFUSED = Story(Outcome.ACCEPTED, late=True, extension=Extension.REFUSED)
REFUSED_OPEN = Story(Outcome.IN_PROGRESS, extension=Extension.REFUSED)
CANCELLED = Story(Outcome.CANCELLED)

# Lives of the tasks with no story of their own. The first term is closed; the second is
# mostly done, with some still open (overdue ever since the old city ended).
POOL_2015: tuple[tuple[Story, int], ...] = (
    (ON_TIME, 60),
    (LATE, 18),
    (RETURNED, 7),
    (EXTENDED, 6),
    (REFUSED, 4),
    (CANCELLED, 5),
)
POOL_2020: tuple[tuple[Story, int], ...] = (
    (ON_TIME, 48),
    (LATE, 14),
    (RETURNED, 5),
    (EXTENDED, 5),
    (REFUSED, 4),
    (CANCELLED, 4),
    (IN_PROGRESS, 9),
    (REPORTED, 5),
    (ISSUED, 3),
    (EXTENDED_OPEN, 3),
)

# A deadline: months after signing (to the end of that month), a (month, day) on or after
# signing, or a date.
Due = int | tuple[int, int] | dt.date


@dataclass(frozen=True)
class Co:
    """A co-operator (phối hợp) and what it answers for: a person, an organisation or a name."""

    role: str
    who: Who | None = None
    org: str = ""
    name: str = ""


@dataclass(frozen=True)
class ChildSpec:
    """One subordinate organisation's share of a delegated task."""

    organization: str
    lead: Who
    title: str
    story: Story
    target: tuple[str, str] | None = None
    due: dt.date | None = None  # default: the parent's deadline


@dataclass(frozen=True)
class TaskSpec:
    title: str
    lead: Who
    deliverable: str
    acceptance: str
    due: Due
    agenda: str = ""  # the agenda item it comes from, in recurring meetings
    target: tuple[str, str] | None = None  # (value, unit)
    co: tuple[Co, ...] = ()
    acceptor: Who | None = None  # default: the secretary, or the body when the lead is the secretary
    acceptor_body: Body.Kind | None = None
    directing: Who | None = None  # default: a deputy secretary
    story: Story | None = None  # default: drawn from the period's pool
    children: tuple[ChildSpec, ...] = ()


@dataclass(frozen=True)
class DocSpec:
    kind: str
    title: str
    tasks: tuple[TaskSpec, ...] = ()
    confidential: bool = False
    lag: int | None = None  # working days from the meeting to signing; default drawn
    signer: Who | None = None
    signed_on: dt.date | None = None  # for a document not issued after a meeting
    draft: bool = False


@dataclass(frozen=True)
class MeetingSpec:
    organization: str
    body: Body.Kind
    held_on: dt.date
    title: str
    agenda: tuple[str, ...]
    kind: Meeting.Kind = Meeting.Kind.REGULAR
    documents: tuple[DocSpec, ...] = ()
    tasks: tuple[TaskSpec, ...] = ()  # assigned in the minutes, with no document (cells)
    location: str = ""


# --- The city's recurring agenda ----------------------------------------------------------------
# {y}: the year, {y1}: the next one. One topic per month and year keeps titles unique.

_CITY_OFFICE_STAFF = Who("@city_office_staff")
_CITY_MEMBER = Who("@city_committee_member")
_CITY_INSPECTOR = Who("@city_inspector")

BTV_TOPICS: dict[int, tuple[TaskSpec, ...]] = {
    2: (
        TaskSpec(
            agenda="Chỉ tiêu kết nạp đảng viên mới năm {y}",
            title="Kết nạp đảng viên mới năm {y} theo chỉ tiêu của Ban Thường vụ Thành ủy",
            lead=Who(data.ORGANIZATION_HEAD),
            deliverable="Báo cáo kết quả kết nạp đảng viên năm {y}, kèm danh sách theo từng tổ chức cơ sở đảng",
            acceptance="Kết nạp đủ chỉ tiêu; 100% hồ sơ được Ban Tổ chức Thành ủy thẩm định",
            due=(12, 15),
            target=("250", "đảng viên"),
            co=(Co("Giới thiệu quần chúng ưu tú, hoàn thiện hồ sơ kết nạp", name="Các đảng ủy phường, xã"),),
        ),
        TaskSpec(
            agenda="Học tập, quán triệt các nghị quyết mới của Trung ương và Tỉnh ủy năm {y}",
            title="Tổ chức hội nghị quán triệt các nghị quyết mới của Trung ương, Tỉnh ủy cho cán bộ chủ chốt năm {y}",
            lead=Who(data.PROPAGANDA_HEAD),
            deliverable="Hội nghị quán triệt và báo cáo kết quả, kèm danh sách đại biểu dự và bài thu hoạch",
            acceptance="Ít nhất 95% đại biểu được triệu tập tham dự, mỗi đại biểu có bài thu hoạch",
            due=2,
            target=("600", "đại biểu"),
        ),
    ),
    3: (
        TaskSpec(
            agenda="Chuẩn bị hội nghị đối thoại của Bí thư Thành ủy với nhân dân năm {y}",
            title="Chủ trì hội nghị đối thoại giữa Bí thư Thành ủy với nhân dân về trật tự đô thị năm {y}",
            lead=Who(data.SECRETARY),
            deliverable="Thông báo kết luận hội nghị đối thoại, kèm danh sách kiến nghị và cơ quan giải quyết",
            acceptance="Thông báo ban hành trong 10 ngày làm việc sau hội nghị; mọi kiến nghị có cơ quan chủ trì",
            due=3,
            co=(
                Co("Chuẩn bị nội dung, mời đại biểu, tổng hợp kiến nghị", who=Who(data.MOBILIZATION_HEAD)),
                Co("Phối hợp tổ chức, giám sát việc trả lời kiến nghị", name="Ủy ban MTTQ Việt Nam thành phố"),
            ),
            acceptor_body=S,
        ),
    ),
    5: (
        TaskSpec(
            agenda="Kế hoạch kiểm tra việc thực hiện Quy chế làm việc tại cơ sở năm {y}",
            title="Kiểm tra việc thực hiện Quy chế làm việc tại 5 đảng ủy phường, xã năm {y}",
            lead=Who(data.INSPECTION_CHAIR),
            deliverable="Báo cáo kết quả kiểm tra tại 5 đảng ủy và dự thảo thông báo kết luận kiểm tra",
            acceptance="Ban Thường vụ cho ý kiến và ban hành thông báo kết luận kiểm tra",
            due=4,
            target=("5", "cuộc kiểm tra"),
        ),
    ),
    6: (
        TaskSpec(
            agenda="Dự thảo báo cáo sơ kết công tác 6 tháng đầu năm {y}",
            title="Xây dựng dự thảo báo cáo sơ kết công tác 6 tháng đầu năm {y} của Ban Chấp hành Đảng bộ thành phố",
            lead=Who(data.OFFICE_CHIEF),
            deliverable="Dự thảo báo cáo sơ kết 6 tháng trình Hội nghị Ban Chấp hành tháng 7/{y}",
            acceptance="Ban Thường vụ thông qua dự thảo trước phiên họp Ban Chấp hành",
            due=(7, 10),
            co=(Co("Cung cấp số liệu công tác tổ chức, kiểm tra, dân vận", name="Các ban xây dựng Đảng của Thành ủy"),),
        ),
    ),
    8: (
        TaskSpec(
            agenda="Kết quả phong trào “Sáng, xanh, sạch, đẹp” 6 tháng đầu năm {y}",
            title="Chỉnh trang vỉa hè và chiếu sáng các tuyến phố của phong trào “Sáng, xanh, sạch, đẹp” năm {y}",
            lead=_CITY_MEMBER,
            deliverable="Danh mục tuyến phố đã chỉnh trang, kèm biên bản nghiệm thu của UBND thành phố",
            acceptance="Đủ chiều dài vỉa hè theo chỉ tiêu, được UBND thành phố nghiệm thu",
            due=4,
            target=("3.5", "km vỉa hè"),
            co=(
                Co("Bố trí kinh phí, tổ chức thi công", name="UBND thành phố Hải Dương"),
                Co("Vận động nhân dân, giải phóng mặt bằng", name="Các đảng ủy phường có tuyến phố"),
            ),
        ),
    ),
    9: (
        TaskSpec(
            agenda="Việc cấp ủy viên dự sinh hoạt chi bộ khu dân cư năm {y}",
            title="Theo dõi việc Ủy viên Ban Thường vụ, Thành ủy viên dự sinh hoạt chi bộ khu dân cư năm {y}",
            lead=Who(data.OFFICE_CHIEF),
            deliverable="Bảng tổng hợp số lần dự sinh hoạt chi bộ của từng cấp ủy viên năm {y}",
            acceptance="Mỗi cấp ủy viên dự ít nhất 2 lần sinh hoạt chi bộ khu dân cư trong năm",
            due=(12, 31),
            target=("2", "lần/cấp ủy viên"),
            co=(Co("Cập nhật số liệu dự sinh hoạt hằng tháng", who=_CITY_OFFICE_STAFF),),
        ),
    ),
    11: (
        TaskSpec(
            agenda="Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng năm {y}",
            title="Hướng dẫn và tổng hợp kết quả kiểm điểm, xếp loại chất lượng tổ chức đảng, đảng viên năm {y}",
            lead=Who(data.ORGANIZATION_HEAD),
            deliverable="Hướng dẫn của Ban Thường vụ và báo cáo tổng hợp kết quả xếp loại của các tổ chức cơ sở đảng",
            acceptance="Báo cáo tổng hợp có kết quả xếp loại của 100% tổ chức cơ sở đảng",
            due=2,
            target=("100", "% tổ chức cơ sở đảng"),
        ),
        TaskSpec(
            agenda="Gợi ý kiểm điểm đối với tập thể, cá nhân năm {y}",
            title="Xây dựng văn bản gợi ý kiểm điểm tập thể, cá nhân diện Ban Thường vụ Thành ủy quản lý năm {y}",
            lead=Who(data.DEPUTY_STANDING),
            deliverable="Văn bản gợi ý kiểm điểm gửi từng tập thể, cá nhân được gợi ý",
            acceptance="Văn bản được ký, gửi trước khi các tập thể tổ chức kiểm điểm",
            due=(12, 15),
            co=(Co("Tổng hợp ý kiến phản ánh, kết quả kiểm tra liên quan", who=Who(data.INSPECTION_CHAIR)),),
        ),
    ),
    12: (
        TaskSpec(
            agenda="Dự thảo báo cáo tổng kết công tác xây dựng Đảng năm {y}",
            title="Xây dựng báo cáo tổng kết công tác xây dựng Đảng năm {y} của Đảng bộ thành phố",
            lead=Who(data.OFFICE_CHIEF),
            deliverable="Báo cáo tổng kết năm {y} trình Hội nghị Ban Chấp hành tháng 1/{y1}",
            acceptance="Ban Thường vụ thông qua; số liệu khớp báo cáo của các tổ chức cơ sở đảng",
            due=(1, 15),
        ),
        TaskSpec(
            agenda="Sửa đổi Quy chế làm việc của Ban Chấp hành cho năm {y1}",
            title="Rà soát, sửa đổi Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố áp dụng năm {y1}",
            lead=Who(data.DEPUTY),
            deliverable="Dự thảo Quy chế làm việc sửa đổi, kèm bảng so sánh các điểm thay đổi",
            acceptance="Ban Chấp hành thông qua và ban hành Quy chế làm việc sửa đổi",
            due=(2, 28),
            co=(Co("Tổng hợp ý kiến góp ý của cấp ủy viên", who=Who(data.OFFICE_CHIEF)),),
        ),
    ),
}

BCH_TOPICS: dict[int, tuple[str, str, TaskSpec]] = {
    # month: (document kind, what the conference is about, its task)
    1: (
        "NQ",
        "nhiệm vụ trọng tâm năm {y}",
        TaskSpec(
            title="Xây dựng chương trình công tác năm {y} của Ban Thường vụ Thành ủy",
            lead=Who(data.DEPUTY_STANDING),
            deliverable="Chương trình công tác năm {y} của Ban Thường vụ, mỗi nội dung có tháng và người chuẩn bị",
            acceptance="Ban Thường vụ thông qua và ban hành chương trình trong tháng 2/{y}",
            due=(2, 28),
            co=(Co("Dự thảo chương trình, tổng hợp đề xuất của các ban", who=Who(data.OFFICE_CHIEF)),),
        ),
    ),
    4: (
        "KL",
        "kết quả quý I/{y}",
        TaskSpec(
            title="Rà soát tiến độ thực hiện các kết luận của Ban Thường vụ Thành ủy ban hành trong quý I/{y}",
            lead=_CITY_OFFICE_STAFF,
            deliverable="Bảng theo dõi tiến độ các kết luận, đánh dấu việc quá hạn và đề xuất xử lý",
            acceptance="Chánh Văn phòng Thành ủy xác nhận và trình Thường trực Thành ủy",
            due=1,
            acceptor=Who(data.OFFICE_CHIEF),
        ),
    ),
    7: (
        "NQ",
        "nhiệm vụ 6 tháng cuối năm {y}",
        TaskSpec(
            title="Giám sát chuyên đề việc thực hiện Quy chế dân chủ ở cơ sở tại 3 đảng ủy phường năm {y}",
            lead=_CITY_INSPECTOR,
            deliverable="Báo cáo kết quả giám sát tại 3 đảng ủy phường, kèm kiến nghị",
            acceptance="Chủ nhiệm Ủy ban Kiểm tra thẩm định và trình Ban Thường vụ",
            due=(11, 30),
            target=("3", "cuộc giám sát"),
            acceptor=Who(data.INSPECTION_CHAIR),
        ),
    ),
    10: (
        "KL",
        "kết quả 9 tháng năm {y}",
        TaskSpec(
            title="Chuẩn bị tài liệu Hội nghị Ban Chấp hành Đảng bộ thành phố tổng kết năm {y}",
            lead=Who(data.OFFICE_CHIEF),
            deliverable="Bộ tài liệu hội nghị gồm báo cáo tổng kết năm {y} và dự thảo nghị quyết năm {y1}",
            acceptance="Ban Thường vụ thông qua tài liệu trước hội nghị 7 ngày",
            due=(12, 20),
        ),
    ),
}

TT_TOPIC = TaskSpec(
    title="Giải quyết dứt điểm kiến nghị của nhân dân về trật tự đô thị tại {ward} năm {y}",
    lead=Who(data.SECRETARY),  # of the ward visited: its ``org`` is set when the visit is planned
    deliverable="Báo cáo kết quả giải quyết, kèm danh sách kiến nghị đã trả lời bằng văn bản",
    acceptance="100% kiến nghị được trả lời bằng văn bản; Thường trực Thành ủy xác nhận",
    due=3,
    acceptor=Who(data.DEPUTY_STANDING),
    directing=Who(data.DEPUTY),
)

# Tasks added to a generated city meeting: (body, year, month) -> tasks of its first document.
_FOUR_WARDS_2017 = ("phuong-tran-phu", "phuong-le-thanh-nghi", "phuong-binh-han", "phuong-quang-trung")
CITY_EXTRAS: dict[tuple[Body.Kind, int, int], tuple[TaskSpec, ...]] = {
    (E, 2017, 1): (
        TaskSpec(
            title="Xây dựng chương trình hành động thực hiện Nghị quyết năm 2017 tại các đảng ủy phường",
            lead=Who(data.DEPUTY_STANDING),
            deliverable="Chương trình hành động của từng đảng ủy phường, gửi Ban Thường vụ Thành ủy",
            acceptance="Chương trình của mỗi phường có nội dung, thời hạn và người chủ trì cụ thể",
            due=dt.date(2017, 4, 28),
            target=("4", "chương trình"),
            story=ON_TIME,
            children=tuple(
                ChildSpec(
                    code,
                    Who(data.SECRETARY, code),
                    "Xây dựng chương trình hành động thực hiện Nghị quyết năm 2017 của Đảng ủy phường",
                    story,
                    target=("1", "chương trình"),
                )
                for code, story in zip(_FOUR_WARDS_2017, (ON_TIME, RETURNED, LATE, ON_TIME), strict=True)
            ),
        ),
    ),
    (S, 2018, 2): (
        TaskSpec(
            title="Sơ kết 2 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị trên địa bàn thành phố",
            lead=Who(data.DEPUTY),
            deliverable="Báo cáo sơ kết 2 năm, kèm danh sách tập thể, cá nhân đề nghị khen thưởng",
            acceptance="Ban Thường vụ thông qua báo cáo; có số liệu của 100% tổ chức cơ sở đảng",
            due=dt.date(2018, 6, 29),
            co=(Co("Tổng hợp số liệu, dự thảo báo cáo", who=Who(data.PROPAGANDA_HEAD)),),
            # The deputy secretary left on 15/3/2018 (plan.py); the successor took the task over.
            story=Story(Outcome.ACCEPTED, reassign_to=Who(data.DEPUTY), reassign_on=dt.date(2018, 3, 19)),
        ),
    ),
    (S, 2022, 8): (
        TaskSpec(
            title="Vận động nhân dân hiến đất mở rộng ngõ phố thuộc các phường nội thành năm 2022",
            lead=Who(data.MOBILIZATION_HEAD),
            deliverable="Báo cáo kết quả vận động, kèm biên bản hiến đất của từng hộ",
            acceptance="Đạt diện tích đất hiến theo chỉ tiêu; 100% biên bản có xác nhận của phường",
            due=dt.date(2022, 12, 30),
            target=("2000", "m² đất"),
            co=(Co("Vận động hộ gia đình, lập biên bản", name="Các đảng ủy phường nội thành"),),
            story=Story(Outcome.ACCEPTED, reassign_to=_CITY_MEMBER, reassign_on=dt.date(2022, 9, 20)),
        ),
    ),
    (E, 2024, 1): (
        TaskSpec(
            title="Số hóa hồ sơ đảng viên tại các đảng ủy phường năm 2024",
            lead=Who(data.ORGANIZATION_HEAD),
            deliverable="Cơ sở dữ liệu hồ sơ đảng viên đã số hóa của các phường, kèm báo cáo rà soát",
            acceptance="100% hồ sơ đảng viên của phường được quét, đối chiếu và cập nhật",
            due=dt.date(2024, 12, 31),
            target=("100", "% hồ sơ"),
            story=IN_PROGRESS,
            children=(
                ChildSpec(
                    TRAN_PHU,
                    Who(data.SECRETARY, TRAN_PHU),
                    "Số hóa hồ sơ đảng viên của Đảng bộ phường Trần Phú",
                    Story(Outcome.IN_PROGRESS, percent=60),
                ),
                ChildSpec(
                    LE_THANH_NGHI,
                    Who(data.SECRETARY, LE_THANH_NGHI),
                    "Số hóa hồ sơ đảng viên của Đảng bộ phường Lê Thanh Nghị",
                    ON_TIME,
                ),
                ChildSpec(
                    "phuong-tu-minh",
                    Who(data.SECRETARY, "phuong-tu-minh"),
                    "Số hóa hồ sơ đảng viên của Đảng bộ phường Tứ Minh",
                    REPORTED,
                ),
                ChildSpec(
                    "phuong-hai-tan",
                    Who(data.SECRETARY, "phuong-hai-tan"),
                    "Số hóa hồ sơ đảng viên của Đảng bộ phường Hải Tân",
                    LATE,
                ),
                ChildSpec(
                    "phuong-thanh-binh",
                    Who(data.SECRETARY, "phuong-thanh-binh"),
                    "Số hóa hồ sơ đảng viên của Đảng bộ phường Thanh Bình",
                    ISSUED,
                ),
            ),
        ),
    ),
}

# Lives chosen for some recurring tasks (organisation, title): the demo accounts' own work.
STORY_OVERRIDES: dict[TaskKey, Story] = {
    (CITY, "Chủ trì hội nghị đối thoại giữa Bí thư Thành ủy với nhân dân về trật tự đô thị năm 2021"): ON_TIME,
    (CITY, "Chủ trì hội nghị đối thoại giữa Bí thư Thành ủy với nhân dân về trật tự đô thị năm 2023"): LATE,
    (CITY, "Chủ trì hội nghị đối thoại giữa Bí thư Thành ủy với nhân dân về trật tự đô thị năm 2024"): RETURNED,
    (CITY, "Chủ trì hội nghị đối thoại giữa Bí thư Thành ủy với nhân dân về trật tự đô thị năm 2025"): Story(
        Outcome.IN_PROGRESS, percent=70
    ),
    (CITY, "Chỉnh trang vỉa hè và chiếu sáng các tuyến phố của phong trào “Sáng, xanh, sạch, đẹp” năm 2016"): LATE,
    (CITY, "Chỉnh trang vỉa hè và chiếu sáng các tuyến phố của phong trào “Sáng, xanh, sạch, đẹp” năm 2021"): ON_TIME,
    (CITY, "Chỉnh trang vỉa hè và chiếu sáng các tuyến phố của phong trào “Sáng, xanh, sạch, đẹp” năm 2023"): EXTENDED,
    (CITY, "Chỉnh trang vỉa hè và chiếu sáng các tuyến phố của phong trào “Sáng, xanh, sạch, đẹp” năm 2024"): REPORTED,
    (CITY, "Rà soát tiến độ thực hiện các kết luận của Ban Thường vụ Thành ủy ban hành trong quý I/2025"): REPORTED,
}


def _city_extraordinary() -> list[MeetingSpec]:
    """Meetings the city called outside its programme, and the cadre-planning conclusions."""
    return [
        MeetingSpec(
            CITY,
            S,
            dt.date(2019, 5, 28),
            "Hội nghị Ban Thường vụ Thành ủy về công tác cán bộ",
            ("Rà soát, bổ sung quy hoạch cán bộ diện Ban Thường vụ Thành ủy quản lý nhiệm kỳ 2020–2025",),
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Thành ủy về rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2020–2025",
                    confidential=True,
                    tasks=(
                        TaskSpec(
                            title=(
                                "Hoàn thiện hồ sơ bổ sung quy hoạch cán bộ "
                                "diện Ban Thường vụ quản lý nhiệm kỳ 2020–2025"
                            ),
                            lead=Who(data.ORGANIZATION_HEAD),
                            deliverable="Hồ sơ quy hoạch bổ sung trình Ban Thường vụ Tỉnh ủy",
                            acceptance="Hồ sơ đủ thành phần theo hướng dẫn của Ban Tổ chức Tỉnh ủy",
                            due=2,
                            story=ON_TIME,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            CITY,
            S,
            dt.date(2019, 8, 26),
            "Hội nghị Ban Thường vụ Thành ủy (bất thường) về sắp xếp đơn vị hành chính cấp xã",
            ("Phương án hợp nhất xã An Châu và xã Thượng Đạt",),
            kind=EXTRAORDINARY,
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Thành ủy về sắp xếp đơn vị hành chính cấp xã năm 2019",
                    tasks=(
                        TaskSpec(
                            title="Xây dựng phương án kiện toàn tổ chức đảng của xã An Thượng sau khi hợp nhất",
                            lead=Who(data.ORGANIZATION_HEAD),
                            deliverable="Phương án nhân sự Ban Chấp hành, Ban Thường vụ Đảng ủy xã An Thượng",
                            acceptance="Ban Thường vụ thông qua trước ngày xã mới hoạt động (01/12/2019)",
                            due=dt.date(2019, 11, 15),
                            co=(
                                Co("Chuẩn bị nhân sự của xã", org="xa-an-chau"),
                                Co("Chuẩn bị nhân sự của xã", org="xa-thuong-dat"),
                            ),
                            story=ON_TIME,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            CITY,
            S,
            dt.date(2020, 2, 3),
            "Hội nghị Ban Thường vụ Thành ủy (bất thường) về phòng, chống dịch bệnh do vi rút Corona",
            ("Triển khai các biện pháp phòng, chống dịch bệnh viêm đường hô hấp cấp do chủng mới vi rút Corona",),
            kind=EXTRAORDINARY,
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Thành ủy về phòng, chống dịch bệnh do vi rút Corona",
                    lag=1,
                    tasks=(
                        TaskSpec(
                            title="Lập danh sách, theo dõi sức khỏe người từ vùng có dịch trở về tại các khu dân cư",
                            lead=Who(data.DEPUTY),
                            deliverable="Danh sách người về từ vùng dịch của 100% khu dân cư, cập nhật hằng ngày",
                            acceptance="Mọi khu dân cư có danh sách, có người theo dõi và báo cáo hằng ngày",
                            due=dt.date(2020, 3, 15),
                            target=("100", "% khu dân cư"),
                            co=(Co("Hướng dẫn chuyên môn, tiếp nhận báo cáo", name="Trung tâm Y tế thành phố"),),
                            story=ON_TIME,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            CITY,
            S,
            dt.date(2021, 1, 28),
            "Hội nghị Ban Thường vụ Thành ủy (bất thường) về phòng, chống dịch COVID-19",
            ("Các biện pháp cấp bách khi dịch COVID-19 bùng phát trên địa bàn",),
            kind=EXTRAORDINARY,
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Thành ủy về các biện pháp cấp bách phòng, chống dịch COVID-19",
                    lag=0,
                    tasks=(
                        TaskSpec(
                            title="Tổ chức xét nghiệm sàng lọc SARS-CoV-2 cho người dân các khu dân cư có nguy cơ cao",
                            lead=Who(data.DEPUTY),
                            deliverable=(
                                "Báo cáo kết quả xét nghiệm sàng lọc của từng phường, kèm danh sách ca nghi nhiễm"
                            ),
                            acceptance=(
                                "Xét nghiệm đủ số mẫu giao cho từng phường; ca dương tính được cách ly trong ngày"
                            ),
                            due=dt.date(2021, 2, 26),
                            target=("6000", "mẫu xét nghiệm"),
                            co=(Co("Lấy mẫu, xét nghiệm", name="Trung tâm Y tế thành phố"),),
                            story=ON_TIME,
                            children=tuple(
                                ChildSpec(
                                    code,
                                    Who(data.SECRETARY, code),
                                    "Tổ chức xét nghiệm sàng lọc SARS-CoV-2 cho người dân trên địa bàn phường",
                                    story,
                                    target=("1500", "mẫu xét nghiệm"),
                                )
                                for code, story in (
                                    (TRAN_PHU, ON_TIME),
                                    ("phuong-cam-thuong", ON_TIME),
                                    ("phuong-ngoc-chau", ON_TIME),
                                    ("phuong-viet-hoa", CANCELLED),
                                )
                            ),
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            CITY,
            S,
            dt.date(2023, 5, 30),
            "Hội nghị Ban Thường vụ Thành ủy về công tác cán bộ",
            ("Rà soát, bổ sung quy hoạch cán bộ diện Ban Thường vụ Thành ủy quản lý nhiệm kỳ 2025–2030",),
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Thành ủy về rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025–2030",
                    confidential=True,
                    tasks=(
                        TaskSpec(
                            title=(
                                "Hoàn thiện hồ sơ bổ sung quy hoạch cán bộ "
                                "diện Ban Thường vụ quản lý nhiệm kỳ 2025–2030"
                            ),
                            lead=Who(data.ORGANIZATION_HEAD),
                            deliverable="Hồ sơ quy hoạch bổ sung trình Ban Thường vụ Tỉnh ủy",
                            acceptance="Hồ sơ đủ thành phần theo hướng dẫn của Ban Tổ chức Tỉnh ủy",
                            due=2,
                            story=LATE,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            CITY,
            S,
            dt.date(2024, 9, 9),
            "Hội nghị Ban Thường vụ Thành ủy (bất thường) về khắc phục hậu quả bão số 3",
            ("Khắc phục hậu quả bão số 3 (Yagi), ổn định đời sống nhân dân",),
            kind=EXTRAORDINARY,
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Thành ủy về khắc phục hậu quả bão số 3",
                    lag=1,
                    tasks=(
                        TaskSpec(
                            title=(
                                "Thu dọn cây xanh gãy đổ và khôi phục chiếu sáng trên các tuyến phố chính sau bão số 3"
                            ),
                            lead=Who(data.DEPUTY_STANDING),
                            deliverable="Báo cáo kết quả thu dọn, trồng lại cây xanh và khôi phục chiếu sáng",
                            acceptance="Các tuyến phố chính thông thoáng, hệ thống chiếu sáng hoạt động lại",
                            due=dt.date(2024, 10, 31),
                            target=("1200", "cây xanh"),
                            co=(Co("Huy động lực lượng, phương tiện", name="UBND thành phố Hải Dương"),),
                            story=EXTENDED,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            CITY,
            S,
            dt.date(2025, 3, 12),
            "Hội nghị Ban Thường vụ Thành ủy (bất thường) về sắp xếp tổ chức khi kết thúc hoạt động cấp huyện",
            (
                "Phương án sắp xếp tổ chức đảng của các phường, xã khi kết thúc hoạt động cấp huyện",
                "Bàn giao hồ sơ, tài liệu của Thành ủy",
            ),
            kind=EXTRAORDINARY,
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Thành ủy về sắp xếp tổ chức khi kết thúc hoạt động cấp huyện",
                    lag=2,
                    tasks=(
                        TaskSpec(
                            title=(
                                "Xây dựng phương án sắp xếp tổ chức đảng của "
                                "các phường, xã khi kết thúc hoạt động cấp huyện"
                            ),
                            lead=Who(data.ORGANIZATION_HEAD),
                            deliverable="Phương án sắp xếp, kèm danh sách chi bộ chuyển về từng phường mới",
                            acceptance="Ban Thường vụ Tỉnh ủy chấp thuận phương án",
                            due=dt.date(2025, 5, 30),
                            story=ON_TIME,
                        ),
                        TaskSpec(
                            title=(
                                "Bàn giao hồ sơ, tài liệu lưu trữ của Thành ủy cho cơ quan lưu trữ thành phố Hải Phòng"
                            ),
                            lead=Who(data.OFFICE_CHIEF),
                            deliverable="Biên bản bàn giao, kèm mục lục hồ sơ lưu trữ 2015–2025",
                            acceptance="100% hồ sơ có trong mục lục được bàn giao, có chữ ký hai bên",
                            due=dt.date(2025, 6, 27),
                            target=("100", "% hồ sơ"),
                            story=Story(Outcome.IN_PROGRESS, percent=80),
                        ),
                    ),
                ),
            ),
        ),
    ]


def _city_papers() -> list[DocSpec]:
    """City documents not issued after a meeting: the term programmes and yearly plans."""
    papers = [
        DocSpec(
            "CTr",
            "Chương trình làm việc toàn khóa của Ban Chấp hành Đảng bộ thành phố nhiệm kỳ 2015–2020",
            signed_on=dt.date(2015, 9, 15),
        ),
        DocSpec(
            "CTr",
            "Chương trình làm việc toàn khóa của Ban Chấp hành Đảng bộ thành phố nhiệm kỳ 2020–2025",
            signed_on=dt.date(2020, 9, 18),
            tasks=(
                TaskSpec(
                    title="Xây dựng Đề án thực hiện nhiệm vụ đột phá về vai trò gương mẫu của người đứng đầu cấp ủy, "
                    "chính quyền nhiệm kỳ 2020–2025",
                    lead=Who(data.DEPUTY_STANDING),
                    deliverable="Đề án trình Ban Chấp hành Đảng bộ thành phố, kèm dự thảo nghị quyết",
                    acceptance="Ban Chấp hành thông qua đề án tại hội nghị quý I/2021",
                    due=dt.date(2021, 3, 31),
                    co=(Co("Xây dựng tiêu chí đánh giá người đứng đầu", who=Who(data.ORGANIZATION_HEAD)),),
                    story=RETURNED,
                ),
            ),
        ),
    ]
    for year in range(2016, 2026):
        papers.append(
            DocSpec(
                "KH",
                f"Kế hoạch kiểm tra, giám sát năm {year} của Ban Chấp hành Đảng bộ thành phố",
                signed_on=dt.date(year, 1, 20),
                signer=Who(data.DEPUTY_STANDING),
            )
        )
    return papers


# --- Ward Trần Phú (the ward office's account) and Lê Thanh Nghị --------------------------------

_TP_OFFICE = Who("@tran_phu_office_staff")
_CHIBO = Who("@tran_phu_cell_secretary")


def _tp_cell(number: int) -> str:
    return f"{TRAN_PHU}-kdc-{number}"


def _ward_meetings() -> list[MeetingSpec]:
    tp = "phường Trần Phú"
    return [
        MeetingSpec(
            TRAN_PHU,
            E,
            dt.date(2016, 1, 19),
            f"Hội nghị Ban Chấp hành Đảng bộ {tp} tổng kết năm 2015",
            ("Tổng kết công tác năm 2015, nhiệm vụ năm 2016", "Phương án mở rộng ngõ 12 phố Trần Phú"),
            documents=(
                DocSpec(
                    "NQ",
                    f"Nghị quyết của Ban Chấp hành Đảng bộ {tp} về nhiệm vụ năm 2016",
                    tasks=(
                        TaskSpec(
                            title="Vận động nhân dân hiến đất mở rộng ngõ 12 phố Trần Phú",
                            lead=Who(data.DEPUTY),
                            deliverable="Biên bản hiến đất của các hộ và bản vẽ mặt bằng ngõ sau mở rộng",
                            acceptance="Đủ diện tích đất hiến theo chỉ tiêu, ngõ rộng tối thiểu 4 m",
                            due=dt.date(2016, 9, 30),
                            target=("180", "m² đất"),
                            co=(Co("Vận động hộ gia đình trong ngõ", org=_tp_cell(2)),),
                            story=LATE,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            TRAN_PHU,
            S,
            dt.date(2018, 7, 17),
            f"Hội nghị Ban Thường vụ Đảng ủy {tp} tháng 7/2018",
            ("Chiếu sáng ngõ xóm khu dân cư số 3",),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {tp} tại hội nghị ngày 17/07/2018",
                    tasks=(
                        TaskSpec(
                            title="Lắp đặt hệ thống chiếu sáng ngõ xóm khu dân cư số 3",
                            lead=Who(data.CELL_SECRETARY, _tp_cell(3)),
                            deliverable="Hệ thống đèn chiếu sáng ngõ xóm hoạt động, kèm biên bản nghiệm thu",
                            acceptance="Đủ số bóng đèn theo chỉ tiêu, sáng toàn bộ các ngõ của khu dân cư",
                            due=dt.date(2018, 10, 31),
                            target=("45", "bóng đèn"),
                            story=ON_TIME,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            TRAN_PHU,
            S,
            dt.date(2019, 10, 15),
            f"Hội nghị Ban Thường vụ Đảng ủy {tp} tháng 10/2019",
            ("Chuẩn bị Đại hội Đảng bộ phường nhiệm kỳ 2020–2025",),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {tp} tại hội nghị ngày 15/10/2019",
                    tasks=(
                        TaskSpec(
                            title="Chuẩn bị dự thảo văn kiện Đại hội Đảng bộ phường Trần Phú nhiệm kỳ 2020–2025",
                            lead=Who(data.DEPUTY),
                            deliverable="Dự thảo báo cáo chính trị và báo cáo kiểm điểm của Ban Chấp hành",
                            acceptance="Ban Thường vụ Thành ủy cho ý kiến, Ban Chấp hành phường thông qua",
                            due=dt.date(2020, 2, 28),
                            co=(Co("Tổng hợp số liệu nhiệm kỳ", who=_TP_OFFICE),),
                            story=RETURNED,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            TRAN_PHU,
            E,
            dt.date(2021, 1, 20),
            f"Hội nghị Ban Chấp hành Đảng bộ {tp} tổng kết năm 2020",
            ("Tổng kết công tác năm 2020, nhiệm vụ năm 2021", "Cam kết giữ gìn vệ sinh môi trường khu dân cư"),
            documents=(
                DocSpec(
                    "NQ",
                    f"Nghị quyết của Ban Chấp hành Đảng bộ {tp} về nhiệm vụ năm 2021",
                    tasks=(
                        TaskSpec(
                            title="Vận động hộ gia đình ký cam kết giữ gìn vệ sinh môi trường khu dân cư năm 2021",
                            lead=Who(data.DEPUTY),
                            deliverable="Bản cam kết của các hộ gia đình, tổng hợp theo từng khu dân cư",
                            acceptance="100% hộ gia đình của mỗi khu dân cư ký cam kết",
                            due=dt.date(2021, 6, 30),
                            target=("100", "% hộ gia đình"),
                            story=ON_TIME,
                            children=tuple(
                                ChildSpec(
                                    _tp_cell(number),
                                    Who(data.CELL_SECRETARY, _tp_cell(number)),
                                    f"Vận động hộ gia đình khu dân cư số {number} "
                                    f"ký cam kết giữ gìn vệ sinh môi trường",
                                    story,
                                    target=("100", "% hộ gia đình"),
                                )
                                for number, story in ((1, ON_TIME), (2, ON_TIME), (3, LATE), (4, CANCELLED))
                            ),
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            TRAN_PHU,
            S,
            dt.date(2021, 9, 14),
            f"Hội nghị Ban Thường vụ Đảng ủy {tp} tháng 9/2021",
            ("Rà soát đảng viên cao tuổi đề nghị miễn sinh hoạt",),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {tp} tại hội nghị ngày 14/09/2021",
                    tasks=(
                        TaskSpec(
                            title="Tổng hợp danh sách đảng viên cao tuổi đề nghị miễn sinh hoạt năm 2021",
                            lead=_TP_OFFICE,
                            deliverable="Danh sách đảng viên đề nghị miễn sinh hoạt, kèm đơn và ý kiến chi bộ",
                            acceptance="Đủ hồ sơ của từng đảng viên; Ban Thường vụ xét trong tháng 11/2021",
                            due=dt.date(2021, 11, 15),
                            story=Story(
                                Outcome.ACCEPTED, reassign_to=Who(data.DEPUTY, nth=1), reassign_on=dt.date(2021, 9, 27)
                            ),
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            TRAN_PHU,
            S,
            dt.date(2022, 4, 12),
            f"Hội nghị Ban Thường vụ Đảng ủy {tp} tháng 4/2022",
            ("Sơ kết 2 năm thực hiện Nghị quyết Đại hội", "Kiến nghị của nhân dân khu dân cư số 1 về thoát nước"),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {tp} tại hội nghị ngày 12/04/2022",
                    tasks=(
                        TaskSpec(
                            title="Xây dựng báo cáo sơ kết 2 năm thực hiện Nghị quyết Đại hội Đảng bộ phường",
                            lead=_TP_OFFICE,
                            deliverable="Báo cáo sơ kết 2 năm, kèm bảng chỉ tiêu đạt được theo từng năm",
                            acceptance="Ban Thường vụ thông qua; số liệu khớp báo cáo của các chi bộ",
                            due=dt.date(2022, 5, 31),
                            story=REFUSED,
                        ),
                        TaskSpec(
                            title="Giải quyết kiến nghị của nhân dân khu dân cư số 1 về thoát nước ngõ 5",
                            lead=_CHIBO,
                            deliverable="Văn bản trả lời kiến nghị và biên bản nghiệm thu rãnh thoát nước ngõ 5",
                            acceptance="Ngõ 5 không còn ngập khi mưa; các hộ kiến nghị nhận được văn bản trả lời",
                            due=dt.date(2022, 8, 31),
                            co=(Co("Khảo sát, lập dự toán", name="UBND phường Trần Phú"),),
                            story=EXTENDED,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            TRAN_PHU,
            S,
            dt.date(2023, 3, 14),
            f"Hội nghị Ban Thường vụ Đảng ủy {tp} tháng 3/2023",
            ("Kế hoạch kiểm tra năm 2023",),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {tp} tại hội nghị ngày 14/03/2023",
                    tasks=(
                        TaskSpec(
                            title="Kiểm tra việc thực hiện nhiệm vụ đảng viên tại Chi bộ khu dân cư số 5",
                            lead=Who(data.INSPECTION_CHAIR),
                            deliverable="Báo cáo kết quả kiểm tra và dự thảo thông báo kết luận",
                            acceptance="Ban Thường vụ thông qua thông báo kết luận kiểm tra",
                            due=dt.date(2023, 6, 30),
                            target=("1", "cuộc kiểm tra"),
                            story=RETURNED,
                        ),
                        TaskSpec(
                            title="Phụ trách, dự sinh hoạt Chi bộ khu dân cư số 2 năm 2023",
                            lead=_CHIBO,
                            deliverable="Sổ theo dõi dự sinh hoạt, kèm biên bản các buổi sinh hoạt đã dự",
                            acceptance="Dự ít nhất 6 buổi sinh hoạt của chi bộ trong năm",
                            due=dt.date(2023, 12, 31),
                            target=("6", "buổi sinh hoạt"),
                            story=ON_TIME,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            TRAN_PHU,
            E,
            dt.date(2024, 7, 16),
            f"Hội nghị Ban Chấp hành Đảng bộ {tp} sơ kết 6 tháng đầu năm 2024",
            ("Sơ kết 6 tháng đầu năm 2024", "Lắp đặt camera an ninh tại các khu dân cư"),
            documents=(
                DocSpec(
                    "NQ",
                    f"Nghị quyết của Ban Chấp hành Đảng bộ {tp} về nhiệm vụ 6 tháng cuối năm 2024",
                    tasks=(
                        TaskSpec(
                            title="Lắp đặt camera an ninh tại các ngõ, xóm của khu dân cư",
                            lead=Who(data.DEPUTY),
                            deliverable=(
                                "Hệ thống camera hoạt động, kết nối với Công an phường, kèm biên bản nghiệm thu"
                            ),
                            acceptance=(
                                "Mỗi khu dân cư có đủ số camera theo chỉ tiêu, hình ảnh truyền về Công an phường"
                            ),
                            due=dt.date(2025, 3, 31),
                            target=("40", "camera"),
                            co=(Co("Hướng dẫn kỹ thuật, tiếp nhận hình ảnh", name="Công an phường Trần Phú"),),
                            story=IN_PROGRESS,
                            children=(
                                ChildSpec(
                                    _tp_cell(1),
                                    Who(data.CELL_SECRETARY, _tp_cell(1)),
                                    "Lắp đặt camera an ninh tại các ngõ của khu dân cư số 1",
                                    Story(Outcome.IN_PROGRESS, percent=70),
                                    target=("10", "camera"),
                                ),
                                ChildSpec(
                                    _tp_cell(2),
                                    Who(data.CELL_SECRETARY, _tp_cell(2)),
                                    "Lắp đặt camera an ninh tại các ngõ của khu dân cư số 2",
                                    ON_TIME,
                                    target=("10", "camera"),
                                ),
                                ChildSpec(
                                    _tp_cell(4),
                                    Who(data.CELL_SECRETARY, _tp_cell(4)),
                                    "Lắp đặt camera an ninh tại các ngõ của khu dân cư số 4",
                                    REPORTED,
                                    target=("10", "camera"),
                                ),
                                ChildSpec(
                                    _tp_cell(5),
                                    Who(data.CELL_SECRETARY, _tp_cell(5)),
                                    "Lắp đặt camera an ninh tại các ngõ của khu dân cư số 5",
                                    ISSUED,
                                    target=("10", "camera"),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            TRAN_PHU,
            S,
            dt.date(2025, 5, 13),
            f"Hội nghị Ban Thường vụ Đảng ủy {tp} tháng 5/2025",
            ("Chuẩn bị bàn giao khi sắp xếp đơn vị hành chính", "Hội nghị tổng kết hoạt động của Đảng bộ phường"),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {tp} tại hội nghị ngày 13/05/2025",
                    tasks=(
                        TaskSpec(
                            title="Chuẩn bị hồ sơ bàn giao đảng viên của Đảng bộ phường Trần Phú cho hai phường mới",
                            lead=_TP_OFFICE,
                            deliverable="Danh sách và hồ sơ đảng viên của từng chi bộ, chia theo phường tiếp nhận",
                            acceptance="100% hồ sơ đảng viên có trong danh sách bàn giao, có xác nhận của chi bộ",
                            due=dt.date(2025, 6, 25),
                            target=("100", "% hồ sơ"),
                            story=REPORTED,
                        ),
                        TaskSpec(
                            title="Tổ chức hội nghị tổng kết hoạt động của Đảng bộ phường Trần Phú trước khi sắp xếp",
                            lead=Who(data.SECRETARY),
                            deliverable="Báo cáo tổng kết 2015–2025 và hội nghị tổng kết có biên bản",
                            acceptance="Ban Chấp hành thông qua báo cáo tổng kết",
                            due=dt.date(2025, 6, 20),
                            acceptor_body=E,
                            story=ON_TIME,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            LE_THANH_NGHI,
            S,
            dt.date(2017, 6, 13),
            "Hội nghị Ban Thường vụ Đảng ủy phường Lê Thanh Nghị tháng 6/2017",
            ("Xây dựng khu dân cư văn minh, sạch đẹp",),
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Đảng ủy phường Lê Thanh Nghị tại hội nghị ngày 13/06/2017",
                    tasks=(
                        TaskSpec(
                            title="Xây dựng mô hình “Khu dân cư văn minh, sạch đẹp” tại khu dân cư số 2",
                            lead=Who(data.DEPUTY),
                            deliverable="Báo cáo kết quả mô hình, kèm bộ tiêu chí và kết quả chấm điểm",
                            acceptance="Khu dân cư số 2 đạt ít nhất 90 điểm theo bộ tiêu chí của phường",
                            due=dt.date(2017, 12, 15),
                            target=("90", "điểm"),
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            LE_THANH_NGHI,
            E,
            dt.date(2022, 10, 11),
            "Hội nghị Ban Chấp hành Đảng bộ phường Lê Thanh Nghị quý III/2022",
            ("Kết quả 9 tháng năm 2022", "Phát triển đảng viên tại các chi bộ khu dân cư"),
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Chấp hành Đảng bộ phường Lê Thanh Nghị tại hội nghị ngày 11/10/2022",
                    tasks=(
                        TaskSpec(
                            title="Phát triển đảng viên mới tại các chi bộ khu dân cư năm 2022",
                            lead=Who(data.DEPUTY, nth=1),
                            deliverable="Hồ sơ kết nạp đảng viên trình Ban Thường vụ Thành ủy",
                            acceptance="Đủ hồ sơ kết nạp theo chỉ tiêu, được Ban Tổ chức Thành ủy thẩm định",
                            due=dt.date(2022, 12, 30),
                            target=("6", "đảng viên"),
                        ),
                    ),
                ),
            ),
        ),
    ]


def _cell_meetings(successor: str) -> list[MeetingSpec]:
    """Residential cell no. 1 of Trần Phú (the cell secretary's account) and, from 1/7/2025,
    the cell of phường Lê Thanh Nghị it became (``successor``)."""
    cell = _tp_cell(1)
    return [
        MeetingSpec(
            cell,
            C,
            dt.date(2021, 3, 21),
            "Sinh hoạt chi bộ thường kỳ tháng 3/2021",
            ("Kết quả tháng 2, nhiệm vụ tháng 3/2021", "Lắp đèn chiếu sáng ngõ 5"),
            tasks=(
                TaskSpec(
                    title="Vận động các hộ ngõ 5 đóng góp lắp đèn chiếu sáng ngõ năm 2021",
                    lead=Who(data.CELL_DEPUTY),
                    deliverable="Danh sách hộ đóng góp và biên bản nghiệm thu đèn chiếu sáng",
                    acceptance="Đủ số đèn theo chỉ tiêu, sáng toàn bộ ngõ 5",
                    due=dt.date(2021, 5, 31),
                    target=("12", "bóng đèn"),
                    acceptor=Who(data.CELL_SECRETARY),
                    directing=Who(data.CELL_SECRETARY),
                    story=ON_TIME,
                ),
            ),
        ),
        MeetingSpec(
            cell,
            C,
            dt.date(2023, 9, 17),
            "Sinh hoạt chuyên đề quý III/2023 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            ("Đăng ký việc làm theo gương Bác của từng đảng viên",),
            tasks=(
                TaskSpec(
                    title="Tổng hợp bản đăng ký việc làm theo gương Bác của đảng viên chi bộ năm 2023",
                    lead=Who(data.CELL_DEPUTY),
                    deliverable="Bản đăng ký của từng đảng viên và bảng tổng hợp của chi bộ",
                    acceptance="100% đảng viên của chi bộ có bản đăng ký",
                    due=dt.date(2023, 10, 31),
                    target=("100", "% đảng viên"),
                    acceptor=Who(data.CELL_SECRETARY),
                    directing=Who(data.CELL_SECRETARY),
                    story=LATE,
                ),
            ),
        ),
        MeetingSpec(
            successor,
            C,
            dt.date(2025, 9, 14),
            "Sinh hoạt chi bộ thường kỳ tháng 9/2025, lần đầu sau sắp xếp",
            ("Ổn định tổ chức chi bộ sau sắp xếp", "Cập nhật danh sách đảng viên, hộ gia đình"),
            tasks=(
                TaskSpec(
                    title="Cập nhật danh sách đảng viên, hộ gia đình của chi bộ sau sắp xếp",
                    lead=Who(data.CELL_DEPUTY),
                    deliverable="Danh sách đảng viên và hộ gia đình của chi bộ gửi Văn phòng Đảng ủy phường",
                    acceptance="Danh sách khớp hồ sơ bàn giao của phường Trần Phú",
                    due=dt.date(2025, 10, 31),
                    acceptor=Who(data.CELL_SECRETARY),
                    directing=Who(data.CELL_SECRETARY),
                    story=ON_TIME,
                ),
            ),
        ),
        MeetingSpec(
            successor,
            C,
            dt.date(2026, 3, 15),
            "Sinh hoạt chi bộ thường kỳ tháng 3/2026",
            ("Mô hình “Ngõ xanh, sạch, đẹp”",),
            tasks=(
                TaskSpec(
                    title="Vận động nhân dân tham gia mô hình “Ngõ xanh, sạch, đẹp” của khu dân cư",
                    lead=Who(data.CELL_DEPUTY),
                    deliverable="Danh sách ngõ đạt mô hình, kèm biên bản chấm điểm của chi bộ",
                    acceptance="Ít nhất 5 ngõ đạt tiêu chí “Ngõ xanh, sạch, đẹp” của phường",
                    due=dt.date(2027, 12, 31),
                    target=("5", "ngõ"),
                    acceptor=Who(data.CELL_SECRETARY),
                    directing=Who(data.CELL_SECRETARY),
                    story=Story(Outcome.IN_PROGRESS, percent=40),
                ),
            ),
        ),
    ]


def _new_ward_meetings(moves: dict[str, str]) -> list[MeetingSpec]:
    """Three Hải Phòng wards from 1/7/2025: their first months, and work that runs to 2027–2029."""
    ltn = "phường Lê Thanh Nghị"
    chibo_cell, second_cell = moves[_tp_cell(1)], moves[_tp_cell(2)]
    first_cell = f"{NEW_LE_THANH_NGHI}-kdc-1"
    return [
        MeetingSpec(
            NEW_LE_THANH_NGHI,
            E,
            dt.date(2025, 7, 3),
            f"Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ {ltn} (chỉ định) nhiệm kỳ 2025–2030",
            (
                "Công bố quyết định thành lập Đảng bộ phường, chỉ định Ban Chấp hành",
                "Chương trình công tác 6 tháng cuối năm 2025",
            ),
            documents=(
                DocSpec(
                    "NQ",
                    f"Nghị quyết của Ban Chấp hành Đảng bộ {ltn} về chương trình công tác 6 tháng cuối năm 2025",
                    tasks=(
                        TaskSpec(
                            title="Kiện toàn tổ chức các chi bộ khu dân cư sau sắp xếp đơn vị hành chính",
                            lead=Who(data.DEPUTY),
                            deliverable="Quyết định kiện toàn chi ủy, bí thư, phó bí thư của các chi bộ khu dân cư",
                            acceptance="100% chi bộ có bí thư, phó bí thư được chuẩn y",
                            due=dt.date(2025, 8, 29),
                            target=("100", "% chi bộ"),
                            story=ON_TIME,
                        ),
                        TaskSpec(
                            title="Tiếp nhận hồ sơ đảng viên từ các đảng bộ phường cũ",
                            lead=Who(data.OFFICE_STAFF),
                            deliverable="Sổ tiếp nhận hồ sơ đảng viên, kèm biên bản giao nhận với từng phường cũ",
                            acceptance="Đủ hồ sơ của mọi đảng viên trong danh sách bàn giao",
                            due=dt.date(2025, 9, 30),
                            story=LATE,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            NEW_LE_THANH_NGHI,
            S,
            dt.date(2025, 9, 16),
            f"Hội nghị Ban Thường vụ Đảng ủy {ltn} tháng 9/2025",
            ("Số hóa hồ sơ đảng viên", "Định hướng chỉnh trang đô thị giai đoạn 2026–2030"),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {ltn} tại hội nghị ngày 16/09/2025",
                    tasks=(
                        TaskSpec(
                            title="Số hóa hồ sơ đảng viên của Đảng bộ phường Lê Thanh Nghị",
                            lead=Who(data.OFFICE_STAFF),
                            deliverable="Cơ sở dữ liệu hồ sơ đảng viên đã số hóa, kèm báo cáo đối chiếu",
                            acceptance="100% hồ sơ được quét, đối chiếu và cập nhật",
                            due=WITHIN_UNTIL,
                            target=("100", "% hồ sơ"),
                            story=Story(Outcome.IN_PROGRESS, percent=45),
                        ),
                        TaskSpec(
                            title="Xây dựng Đề án chỉnh trang đô thị phường Lê Thanh Nghị giai đoạn 2026–2030",
                            lead=Who(data.DEPUTY, nth=1),
                            deliverable="Đề án trình Ban Chấp hành Đảng bộ phường, kèm danh mục công trình",
                            acceptance="Ban Chấp hành thông qua đề án",
                            due=dt.date(2028, 6, 30),
                            co=(Co("Lập danh mục công trình, khái toán kinh phí", name="UBND phường Lê Thanh Nghị"),),
                            story=ISSUED,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            NEW_LE_THANH_NGHI,
            E,
            dt.date(2025, 10, 14),
            f"Hội nghị Ban Chấp hành Đảng bộ {ltn} triển khai Nghị quyết Đại hội",
            ("Triển khai Nghị quyết Đại hội Đảng bộ phường lần thứ nhất, nhiệm kỳ 2025–2030",),
            documents=(
                DocSpec(
                    "NQ",
                    f"Nghị quyết của Ban Chấp hành Đảng bộ {ltn} về triển khai Nghị quyết Đại hội nhiệm kỳ 2025–2030",
                    tasks=(
                        TaskSpec(
                            title=(
                                "Triển khai Nghị quyết Đại hội Đảng bộ phường nhiệm kỳ 2025–2030 đến toàn thể đảng viên"
                            ),
                            lead=Who(data.DEPUTY),
                            deliverable="Báo cáo kết quả học tập nghị quyết của các chi bộ, kèm chương trình hành động",
                            acceptance="100% chi bộ tổ chức học tập và có chương trình hành động",
                            due=dt.date(2027, 6, 30),
                            target=("100", "% chi bộ"),
                            story=IN_PROGRESS,
                            children=(
                                ChildSpec(
                                    chibo_cell,
                                    Who(data.CELL_SECRETARY, chibo_cell),
                                    "Tổ chức học tập Nghị quyết Đại hội Đảng bộ "
                                    "phường và xây dựng chương trình hành động "
                                    "của chi bộ",
                                    Story(Outcome.IN_PROGRESS, percent=50),
                                ),
                                ChildSpec(
                                    second_cell,
                                    Who(data.CELL_SECRETARY, second_cell),
                                    "Tổ chức học tập Nghị quyết Đại hội Đảng bộ "
                                    "phường và xây dựng chương trình hành động "
                                    "của chi bộ",
                                    REPORTED,
                                ),
                                ChildSpec(
                                    first_cell,
                                    Who(data.CELL_SECRETARY, first_cell),
                                    "Tổ chức học tập Nghị quyết Đại hội Đảng bộ "
                                    "phường và xây dựng chương trình hành động "
                                    "của chi bộ",
                                    ON_TIME,
                                    due=dt.date(2026, 3, 31),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            NEW_LE_THANH_NGHI,
            S,
            dt.date(2026, 1, 13),
            f"Hội nghị Ban Thường vụ Đảng ủy {ltn} tháng 1/2026",
            ("Bàn giao hồ sơ lưu trữ của các phường cũ", "Đối thoại của Bí thư Đảng ủy phường với nhân dân"),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {ltn} tại hội nghị ngày 13/01/2026",
                    tasks=(
                        TaskSpec(
                            title="Hoàn thành tiếp nhận hồ sơ lưu trữ của các đảng bộ phường cũ về Văn phòng Đảng ủy",
                            lead=Who(data.OFFICE_STAFF),
                            deliverable="Mục lục hồ sơ lưu trữ đã tiếp nhận, kèm biên bản giao nhận",
                            acceptance="100% hồ sơ trong danh mục bàn giao được tiếp nhận và sắp xếp",
                            due=dt.date(2026, 3, 31),
                            target=("100", "% hồ sơ"),
                            story=Story(Outcome.IN_PROGRESS, extension=Extension.REFUSED, percent=70),
                        ),
                        TaskSpec(
                            title="Tổ chức hội nghị đối thoại giữa Bí thư Đảng ủy phường với nhân dân năm 2026",
                            lead=Who(data.SECRETARY),
                            deliverable=(
                                "Thông báo kết luận hội nghị đối thoại, kèm danh sách kiến nghị và nơi giải quyết"
                            ),
                            acceptance="Thông báo ban hành trong 10 ngày làm việc sau hội nghị",
                            due=dt.date(2026, 6, 30),
                            acceptor_body=S,
                            story=ON_TIME,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            NEW_LE_THANH_NGHI,
            S,
            dt.date(2026, 4, 14),
            f"Hội nghị Ban Thường vụ Đảng ủy {ltn} tháng 4/2026",
            ("Đặt tên đường, phố mới", "Rà soát đảng viên miễn sinh hoạt", "Quy chế phối hợp với Ủy ban MTTQ phường"),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {ltn} tại hội nghị ngày 14/04/2026",
                    tasks=(
                        TaskSpec(
                            title="Lấy ý kiến nhân dân về phương án đặt tên đường, phố mới của phường",
                            lead=Who(data.DEPUTY, nth=1),
                            deliverable="Báo cáo tổng hợp ý kiến nhân dân và phương án đặt tên trình Ban Thường vụ",
                            acceptance="Lấy ý kiến tại 100% khu dân cư, có biên bản của từng khu",
                            due=WITHIN_UNTIL,
                            target=("100", "% khu dân cư"),
                            story=REPORTED,
                        ),
                        TaskSpec(
                            title="Rà soát đảng viên đề nghị miễn sinh hoạt, miễn công tác năm 2026",
                            lead=Who(data.OFFICE_STAFF),
                            deliverable="Danh sách đảng viên đề nghị miễn, kèm ý kiến của chi bộ",
                            acceptance="Đủ hồ sơ từng trường hợp; Ban Thường vụ xét trong quý III/2026",
                            due=dt.date(2026, 7, 31),
                            story=CANCELLED,
                        ),
                        TaskSpec(
                            # Left a draft: the office has not yet written how acceptance is judged.
                            title="Xây dựng quy chế phối hợp giữa Đảng ủy phường với Ủy ban MTTQ phường",
                            lead=Who(data.DEPUTY),
                            deliverable="Dự thảo quy chế phối hợp trình Ban Thường vụ",
                            acceptance="",
                            due=dt.date(2026, 12, 31),
                            story=DRAFT,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            NEW_LE_THANH_NGHI,
            S,
            dt.date(2026, 7, 14),
            f"Hội nghị Ban Thường vụ Đảng ủy {ltn} tháng 7/2026",
            ("Kiểm tra việc thực hiện nhiệm vụ đảng viên giai đoạn 2026–2027",),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Đảng ủy {ltn} tại hội nghị ngày 14/07/2026",
                    tasks=(
                        TaskSpec(
                            title=(
                                "Kiểm tra việc thực hiện nhiệm vụ đảng viên "
                                "tại 10 chi bộ khu dân cư giai đoạn 2026–2027"
                            ),
                            lead=Who(data.INSPECTION_CHAIR),
                            deliverable="Thông báo kết luận kiểm tra tại từng chi bộ và báo cáo tổng hợp",
                            acceptance="Đủ 10 cuộc kiểm tra, mỗi cuộc có thông báo kết luận",
                            due=dt.date(2027, 6, 30),
                            target=("10", "chi bộ"),
                            story=Story(Outcome.IN_PROGRESS, extension=Extension.APPROVED, percent=20),
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            NEW_TAN_HUNG,
            S,
            dt.date(2025, 8, 12),
            "Hội nghị Ban Thường vụ Đảng ủy phường Tân Hưng tháng 8/2025",
            ("Kiện toàn các chi bộ tiếp nhận từ phường Trần Phú", "Định hướng phát triển đô thị đến năm 2030"),
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Đảng ủy phường Tân Hưng tại hội nghị ngày 12/08/2025",
                    tasks=(
                        TaskSpec(
                            title="Kiện toàn chi ủy các chi bộ khu dân cư tiếp nhận từ phường Trần Phú",
                            lead=Who(data.DEPUTY),
                            deliverable="Quyết định chuẩn y bí thư, phó bí thư của các chi bộ tiếp nhận",
                            acceptance="Mọi chi bộ tiếp nhận có bí thư, phó bí thư được chuẩn y",
                            due=dt.date(2025, 10, 31),
                            story=ON_TIME,
                        ),
                        TaskSpec(
                            title="Xây dựng Đề án phát triển đô thị phường Tân Hưng đến năm 2030",
                            lead=Who(data.DEPUTY, nth=1),
                            deliverable="Đề án trình Ban Chấp hành Đảng bộ phường, kèm danh mục dự án ưu tiên",
                            acceptance="Ban Chấp hành thông qua đề án",
                            due=dt.date(2028, 12, 29),
                            story=Story(
                                Outcome.IN_PROGRESS,
                                reassign_to=Who(data.INSPECTION_CHAIR),
                                reassign_on=dt.date(2026, 2, 9),
                                percent=35,
                            ),
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            NEW_TAN_HUNG,
            S,
            dt.date(2026, 2, 10),
            "Hội nghị Ban Thường vụ Đảng ủy phường Tân Hưng tháng 2/2026",
            ("Học tập Nghị quyết Đại hội Đảng bộ thành phố Hải Phòng",),
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Đảng ủy phường Tân Hưng tại hội nghị ngày 10/02/2026",
                    tasks=(
                        TaskSpec(
                            title="Tổ chức cho đảng viên học tập Nghị quyết Đại hội Đảng bộ thành phố Hải Phòng",
                            lead=Who(data.DEPUTY),
                            deliverable="Báo cáo kết quả học tập, kèm danh sách đảng viên dự của từng chi bộ",
                            acceptance="Ít nhất 95% đảng viên được học tập",
                            due=dt.date(2026, 5, 29),
                            target=("95", "% đảng viên"),
                            story=LATE,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            NEW_HAI_DUONG,
            E,
            dt.date(2025, 7, 8),
            "Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ phường Hải Dương (chỉ định) nhiệm kỳ 2025–2030",
            ("Công bố quyết định thành lập Đảng bộ phường", "Ổn định tổ chức, trụ sở làm việc"),
            documents=(
                DocSpec(
                    "NQ",
                    "Nghị quyết của Ban Chấp hành Đảng bộ phường Hải Dương về nhiệm vụ 6 tháng cuối năm 2025",
                    tasks=(
                        TaskSpec(
                            title="Bố trí trụ sở làm việc, kho lưu trữ của Đảng ủy phường Hải Dương",
                            lead=Who(data.OFFICE_STAFF),
                            deliverable="Phương án bố trí phòng làm việc và kho lưu trữ, kèm biên bản bàn giao tài sản",
                            acceptance="Các ban, văn phòng có nơi làm việc; kho lưu trữ đủ chỗ cho hồ sơ tiếp nhận",
                            due=dt.date(2025, 8, 29),
                            story=ON_TIME,
                        ),
                    ),
                ),
            ),
        ),
        MeetingSpec(
            NEW_HAI_DUONG,
            S,
            dt.date(2026, 5, 12),
            "Hội nghị Ban Thường vụ Đảng ủy phường Hải Dương tháng 5/2026",
            ("Chỉnh trang khu vực công viên, hồ nước trung tâm phường",),
            documents=(
                DocSpec(
                    "KL",
                    "Kết luận của Ban Thường vụ Đảng ủy phường Hải Dương tại hội nghị ngày 12/05/2026",
                    tasks=(
                        TaskSpec(
                            title="Vận động nhân dân tham gia chỉnh trang khu vực công viên, hồ nước trung tâm phường",
                            lead=Who(data.DEPUTY),
                            deliverable=(
                                "Báo cáo kết quả vận động, kèm danh sách đóng góp và biên bản nghiệm thu hạng mục"
                            ),
                            acceptance="Hoàn thành các hạng mục do nhân dân đóng góp theo kế hoạch của phường",
                            due=dt.date(2029, 6, 29),
                            co=(Co("Lập dự án, bố trí vốn đối ứng", name="UBND phường Hải Dương"),),
                            story=ISSUED,
                        ),
                    ),
                ),
            ),
        ),
    ]


def _new_ward_papers() -> list[tuple[str, DocSpec]]:
    """A draft never issued: the ward's first working regulations, still being discussed."""
    return [
        (
            NEW_LE_THANH_NGHI,
            DocSpec(
                "QC",
                "Dự thảo Quy chế làm việc của Ban Chấp hành Đảng bộ phường Lê Thanh Nghị nhiệm kỳ 2025–2030",
                draft=True,
            ),
        )
    ]


# --- Texts of the lives of tasks ------------------------------------------------------------------

PROGRESS_TEXTS: tuple[tuple[str, ...], ...] = (
    (
        "Đã xây dựng kế hoạch thực hiện, phân công người theo dõi từng phần việc.",
        "Đã họp triển khai với các cơ quan phối hợp, thống nhất lịch thực hiện.",
    ),
    (
        "Đã thu thập, tổng hợp số liệu; đang hoàn thiện dự thảo sản phẩm.",
        "Đã hoàn thành khoảng một nửa khối lượng công việc theo kế hoạch.",
    ),
    (
        "Đã có dự thảo, đang lấy ý kiến các cơ quan liên quan để hoàn thiện.",
        "Cơ bản hoàn thành; đang chỉnh sửa theo góp ý của lãnh đạo.",
    ),
)
RETURN_REASONS = (
    "Báo cáo chưa có số liệu của từng đơn vị; đề nghị bổ sung trước khi nghiệm thu.",
    "Sản phẩm chưa đáp ứng tiêu chí nghiệm thu đã giao; đề nghị hoàn thiện và báo cáo lại.",
    "Thiếu biên bản, tài liệu minh chứng kết quả; đề nghị bổ sung.",
)
CANCEL_REASONS = (
    "Nội dung đã được thay thế bằng chỉ đạo mới của cấp trên; dừng thực hiện.",
    "Điều chỉnh chương trình công tác: nội dung được ghép vào nhiệm vụ khác.",
    "Việc liên quan tạm dừng theo quyết định của cơ quan có thẩm quyền; không tiếp tục thực hiện.",
)
EXTENSION_REASONS = (
    "Chờ ý kiến thẩm định của cơ quan cấp trên, chưa thể hoàn thành đúng hạn.",
    "Khối lượng công việc phát sinh lớn, cần thêm thời gian khảo sát ở cơ sở.",
    "Trùng thời gian cao điểm của nhiệm vụ đột xuất; đề nghị lùi thời hạn.",
)
APPROVE_NOTES = ("Đồng ý gia hạn; không gia hạn thêm lần nữa.", "Đồng ý; đề nghị báo cáo tiến độ hằng tuần.")
REFUSE_NOTES = (
    "Không đồng ý gia hạn: nội dung cấp bách, đề nghị bổ sung nhân lực để hoàn thành.",
    "Không đồng ý: thời hạn đã được tính đủ khi giao việc.",
)
REASSIGN_REASON = "Đồng chí chủ trì nhận nhiệm vụ khác; phân công lại người chủ trì theo Quy chế làm việc."
ABSENCE_REASONS = (
    "Đi công tác theo phân công",
    "Ốm, điều trị tại bệnh viện",
    "Dự lớp bồi dưỡng tại Trường Chính trị tỉnh",
    "Việc gia đình, đã báo cáo chủ trì",
    "Dự hội nghị của cấp trên cùng thời gian",
)
KIND_NAMES = {
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "TB": "Thông báo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "QC": "Quy chế",
}


# --- Building the plan ----------------------------------------------------------------------------


class _Holders:
    """Who held which post when, and who belonged to which cell, from the organisation plan."""

    def __init__(self, demo: DemoPlan) -> None:
        self.persons: dict[str, PersonPlan] = {p.card_number: p for p in demo.persons}
        self.anchors = demo.anchors
        self._by_post: dict[tuple[str, str], list[MembershipPlan]] = defaultdict(list)
        self._by_person: dict[str, list[MembershipPlan]] = defaultdict(list)
        for membership in [*demo.history.memberships, *demo.reorganisation.memberships]:
            self._by_post[(membership.organization, membership.title)].append(membership)
            self._by_person[membership.card_number].append(membership)
        posts = [*demo.history.posts, *demo.reorganisation.posts]
        self._rank = {(post.organization, post.title): post.rank for post in posts}
        self._body_posts: dict[tuple[str, str], list[str]] = defaultdict(list)
        for post in posts:
            if post.body:
                self._body_posts[(post.organization, post.body)].append(post.title)
        self.bodies: dict[tuple[str, Body.Kind], str] = {}
        for body in [*demo.history.bodies, *demo.reorganisation.bodies]:
            self.bodies.setdefault((body.organization, body.kind), body.name)
        self.orgs = {org.code: org for org in [*demo.history.organizations, *demo.reorganisation.organizations]}
        self.old = {org.code for org in demo.history.organizations if org.code != data.HAI_PHONG.code}
        self.terms: dict[str, list[TermPlan]] = defaultdict(list)
        for term in [*demo.history.terms, *demo.reorganisation.terms]:
            self.terms[term.organization].append(term)
        self.level_place = {unit.code: unit.level_place for unit in data.UNITS}
        self.level_place |= {ward.code: ward.unit.level_place for ward in data.WARDS_2025}
        self.moves = demo.reorganisation.moves

    def post_title(self, org: str, role: str) -> str:
        if org == CITY:
            return data.CITY_POSTS[role].title
        if org in self.level_place:
            return data.UNIT_POSTS[role].title.format(lp=self.level_place[org])
        return data.CELL_POSTS[role].title.format(cell=self.orgs[org].name)

    def _held(self, membership: MembershipPlan, on: dt.date) -> bool:
        if on > OLD_END and membership.organization in self.old:
            return False  # the reorganisation ended every post of the old units on 30/6/2025
        return membership.start <= on and (membership.end is None or on <= membership.end)

    def holders(self, org: str, title: str, on: dt.date) -> list[str]:
        return sorted({m.card_number for m in self._by_post[(org, title)] if self._held(m, on)})

    def resolve(self, who: Who, org: str, on: dt.date) -> tuple[str, str]:
        """(card number, the post to name them by) of ``who`` on ``on``."""
        if who.role.startswith("@"):
            card = self.anchors[who.role[1:]]
            title = self.title_of(card, who.org or org, on)
            if title is None:
                raise ValueError(f"{who.role} holds no post in {who.org or org} on {on}")
            return card, title
        where = who.org or org
        title = self.post_title(where, who.role)
        cards = self.holders(where, title, on)
        if not cards:
            raise ValueError(f"nobody holds “{title}” ({where}) on {on}")
        return cards[who.nth % len(cards)], title

    def title_of(self, card: str, org: str, on: dt.date) -> str | None:
        """The highest post ``card`` holds in ``org`` on ``on``."""
        held = [m for m in self._by_person[card] if m.organization == org and self._held(m, on)]
        if not held:
            return None
        return min(held, key=lambda m: self._rank[(m.organization, m.title)]).title

    def body_members(self, org: str, body: str, on: dt.date) -> list[str]:
        return sorted({card for title in self._body_posts[(org, body)] for card in self.holders(org, title, on)})

    def cell_members(self, cell: str, on: dt.date) -> list[str]:
        """The cell's members on ``on``: those living in it (or in the cell it continues) who had
        joined by then, and its officers."""
        homes = {old for old, new in self.moves.items() if new == cell} if cell not in self.old else {cell}
        members = {p.card_number for p in self.persons.values() if p.home in homes and p.joined_on <= on}
        for role in data.CELL_POSTS:
            members.update(self.holders(cell, self.post_title(cell, role), on))
        return sorted(members)

    def term_on(self, org: str, day: dt.date) -> TermPlan | None:
        return next((t for t in self.terms[org] if t.start <= day <= t.end), None)

    def units_on(self, day: dt.date) -> list[data.UnitSpec]:
        return [u for u in data.UNITS if u.valid_from <= day and (u.valid_to is None or day <= u.valid_to)]


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _in_sentence(name: str) -> str:
    """A co-operator's name inside a sentence: "Các đảng ủy phường" reads "các đảng ủy phường"."""
    return _lower_first(name) if name.startswith("Các ") else name


def _fill(spec: TaskSpec, **values: str) -> TaskSpec:
    return replace(
        spec,
        title=spec.title.format(**values),
        deliverable=spec.deliverable.format(**values),
        acceptance=spec.acceptance.format(**values),
        agenda=spec.agenda.format(**values),
    )


class _Builder:
    def __init__(self, demo: DemoPlan) -> None:
        self.rng = random.Random(WORK_SEED)
        self.calendar: WorkCalendar = vietnam_calendar(range(2015, 2031))
        self.people = _Holders(demo)
        self.plan = WorkPlan()
        self._task_keys: set[TaskKey] = set()
        self._meeting_keys: set[MeetingKey] = set()
        self._visits = 0
        self._cell_bodies: dict[str, str] = {}
        self._overridden = set(STORY_OVERRIDES)
        self._extras_left = set(CITY_EXTRAS)

    # Dates -------------------------------------------------------------------------------------

    def meeting_day(self, year: int, month: int, low: int, high: int) -> dt.date:
        return self.calendar.working_day_on_or_after(dt.date(year, month, self.rng.randint(low, high)))

    def lag(self) -> int:
        """Working days from a meeting to the signed document: mostly within 5, some later."""
        return self.rng.choices((0, 1, 2, 3, 4, 5, 7, 9, 12), weights=(6, 20, 24, 18, 10, 8, 7, 4, 3))[0]

    def due(self, due: Due, signed: dt.date) -> dt.date:
        if isinstance(due, dt.date):
            return due
        if isinstance(due, int):
            month = signed.month + due
            return _month_end(signed.year + (month - 1) // 12, (month - 1) % 12 + 1)
        month, day = due
        target = dt.date(signed.year, month, day)
        return target if target > signed + dt.timedelta(days=14) else dt.date(signed.year + 1, month, day)

    # Meetings ----------------------------------------------------------------------------------

    def body_name(self, org: str, kind: Body.Kind) -> str:
        if kind != C:
            return self.people.bodies[(org, kind)]
        # Cells have no bodies in plan.py; their meetings need one, named as the cell.
        if org not in self._cell_bodies:
            self._cell_bodies[org] = self.people.orgs[org].name
            self.plan.bodies.append(BodyPlan(org, kind, self._cell_bodies[org], ""))
        return self._cell_bodies[org]

    def location(self, org: str, kind: Body.Kind) -> str:
        if org == CITY:
            return {E: "Hội trường Thành ủy", S: "Phòng họp Ban Thường vụ Thành ủy"}.get(
                kind, "Phòng họp Thường trực Thành ủy"
            )
        if org in self.people.level_place:
            return f"Hội trường Đảng ủy {self.people.level_place[org]}"
        return "Nhà văn hóa " + self.people.orgs[org].short_name.split(" – ")[0].replace("KDC", "khu dân cư")

    def meeting(self, spec: MeetingSpec) -> None:
        org, day = spec.organization, spec.held_on
        body = self.body_name(org, spec.body)
        members = self.people.cell_members(org, day) if spec.body == C else self.people.body_members(org, body, day)
        if not members:
            raise ValueError(f"{body} has no members on {day}")
        chair_role = data.CELL_SECRETARY if spec.body == C else data.SECRETARY
        chair, _title = self.people.resolve(Who(chair_role), org, day)
        attendance = []
        for card in members:
            roll = self.rng.random()
            if card == chair or roll < 0.88:
                attendance.append(AttendancePlan(card, Attendance.Status.PRESENT))
            elif roll < 0.97:
                attendance.append(AttendancePlan(card, Attendance.Status.EXCUSED, self.rng.choice(ABSENCE_REASONS)))
            else:
                attendance.append(AttendancePlan(card, Attendance.Status.ABSENT))
        present = sum(1 for line in attendance if line.status == Attendance.Status.PRESENT)
        minutes = (
            f"Có mặt {present}/{len(attendance)} đồng chí. Hội nghị thảo luận {len(spec.agenda)} nội dung "
            "và thống nhất giao nhiệm vụ cụ thể cho từng đồng chí, ghi trong văn bản kết luận."
        )
        meeting = MeetingPlan(
            organization=org,
            body=body,
            kind=spec.kind,
            title=spec.title,
            held_on=day,
            location=spec.location or self.location(org, spec.body),
            chair=chair,
            minutes=minutes,
            agenda=spec.agenda,
            attendance=tuple(attendance),
        )
        if meeting.key in self._meeting_keys:
            raise ValueError(f"two meetings with the key {meeting.key}")
        self._meeting_keys.add(meeting.key)
        self.plan.meetings.append(meeting)
        for doc in spec.documents:
            self.document(doc, org, meeting)
        for task in spec.tasks:
            self.plan.tasks.append(
                self.task(task, org, day, body, source_meeting=meeting.key, document=None, phrase_prefix="")
            )

    # Documents ---------------------------------------------------------------------------------

    def document(self, spec: DocSpec, org: str, meeting: MeetingPlan | None) -> None:
        symbol = self.people.orgs[org].symbol
        signed: dt.date | None
        if spec.draft:
            signed = None
        elif meeting is not None:
            term = self.people.term_on(org, meeting.held_on)
            if term is None:
                raise ValueError(f"{spec.title}: {org} has no term on {meeting.held_on}")
            lag = spec.lag if spec.lag is not None else self.lag()
            signed = self.calendar.add_working_days(meeting.held_on, lag)
            while signed > min(term.end, AS_OF):  # signed within the meeting's term, whatever the draw
                lag -= 1
                signed = self.calendar.add_working_days(meeting.held_on, lag)
        else:
            signed = spec.signed_on
        issuing_body = meeting.body if meeting else self.body_name(org, S)
        day = signed or (meeting.held_on if meeting else AS_OF)
        signer = None
        if signed is not None:
            default = Who(data.SECRETARY) if self.rng.random() < 0.7 else Who(data.DEPUTY)
            if spec.kind == "TB" and org == CITY:
                default = Who(data.OFFICE_CHIEF)
            signer, _title = self.people.resolve(spec.signer or default, org, signed)
        key: DocumentKey = (org, symbol, spec.kind, spec.title)
        tasks = [
            self.task(
                task,
                org,
                day,
                issuing_body,
                source_meeting=meeting.key if meeting else None,
                document=key,
                phrase_prefix=f"{index}. ",
            )
            for index, task in enumerate(spec.tasks, start=1)
        ]
        intro = (
            f"Ngày {format_date(meeting.held_on)}, {meeting.body} họp, thảo luận: "
            + "; ".join(_lower_first(item) for item in meeting.agenda)
            + "."
            if meeting
            else f"{spec.title}."
        )
        text = intro
        if tasks:
            text += "\n" + f"{issuing_body} kết luận và giao nhiệm vụ như sau:\n"
            text += "\n".join(task.source_phrase for task in tasks)
        term = self.people.term_on(org, signed) if signed else None
        self.plan.documents.append(
            DocumentPlan(
                organization=org,
                issuer_symbol=symbol,
                kind=spec.kind,
                title=spec.title,
                text=text,
                meeting=meeting.key if meeting else None,
                signed_on=signed,
                signer=signer,
                confidential=spec.confidential,
                term=term.name if term else "",
            )
        )
        self.plan.tasks += tasks

    # Tasks -------------------------------------------------------------------------------------

    def _horizon(self, org: str) -> dt.date:
        return OLD_END if org in self.people.old else AS_OF

    def _phrase(
        self,
        lead: tuple[str, str],
        co: Sequence[CoOperatorPlan],
        title: str,
        deadline: dt.date,
        accepted_by: str,
    ) -> str:
        card, post = lead
        who = f"đồng chí {self.people.persons[card].full_name}, {post}"
        names = [
            f"đồng chí {self.people.persons[c.person].full_name}"
            if c.person
            else (self.people.orgs[c.organization].name if c.organization else _in_sentence(c.name))
            for c in co
        ]
        together = ", phối hợp với " + ", ".join(names) if names else ""
        return (
            f"Giao {who} chủ trì{together}, {_lower_first(title)}; hoàn thành trước ngày {format_date(deadline)}; "
            f"báo cáo kết quả về {accepted_by}."
        )

    def task(
        self,
        spec: TaskSpec,
        org: str,
        day: dt.date,
        issuing_body: str,
        *,
        source_meeting: MeetingKey | None,
        document: DocumentKey | None,
        phrase_prefix: str,
    ) -> TaskPlan:
        """The task as assigned on ``day`` (the document's signing, or the meeting), and its life."""
        people = self.people
        lead = people.resolve(spec.lead, org, day)
        is_cell = spec.lead.role in data.CELL_POSTS and (spec.lead.org or org) == org
        head = data.CELL_SECRETARY if is_cell else data.SECRETARY
        deputy = data.CELL_SECRETARY if is_cell else (data.DEPUTY_STANDING if org == CITY else data.DEPUTY)
        acceptor_body = people.bodies[(org, spec.acceptor_body)] if spec.acceptor_body else None
        acceptor: tuple[str, str] | None = None
        if acceptor_body is None:
            acceptor = people.resolve(spec.acceptor or Who(head), org, day)
        directing = people.resolve(spec.directing or Who(deputy), org, day)
        if directing[0] == lead[0]:
            directing = people.resolve(Who(head), org, day)
        if acceptor is not None and acceptor[0] == lead[0]:
            raise ValueError(f"{spec.title}: the lead would accept their own result")
        co = tuple(self._co(c, org, day) for c in spec.co)
        deadline = self.due(spec.due, day)
        accepted_by = f"đồng chí {acceptor[1]}" if acceptor else str(acceptor_body)
        phrase = phrase_prefix + self._phrase(lead, co, spec.title, deadline, accepted_by)
        accountable = acceptor_body or issuing_body
        responsibility = (
            f"Đồng chí {lead[1]} chịu trách nhiệm trước {accountable} về tiến độ và chất lượng kết quả; "
            "người, đơn vị phối hợp chịu trách nhiệm về phần việc được phân công."
        )
        key = (org, spec.title)
        if key in self._task_keys:
            raise ValueError(f"two tasks with the key {key}")
        self._task_keys.add(key)
        story = STORY_OVERRIDES.get(key) or spec.story or self._draw(day)
        self._overridden.discard(key)
        if document is not None:
            description = f"Nhiệm vụ giao tại văn bản “{document[3]}”."
        else:
            assert source_meeting is not None
            description = f"Nhiệm vụ giao tại cuộc họp “{source_meeting[3]}” ngày {format_date(source_meeting[2])}."
        horizon = self._horizon(org)
        children = tuple(self._child(child, spec, org, day, deadline, lead, description) for child in spec.children)
        if children:
            steps = self._parent_steps(story, day, children, horizon)
        else:
            steps = self.steps(
                story,
                issued=day,
                deadline=deadline,
                horizon=horizon,
                lead=lead[0],
                org=org,
                deliverable=spec.deliverable,
            )
        target_value = Decimal(spec.target[0]) if spec.target else None
        return TaskPlan(
            organization=org,
            title=spec.title,
            description=description,
            lead=lead[0],
            directing_leader=directing[0],
            acceptor=acceptor[0] if acceptor else None,
            acceptor_body=acceptor_body,
            start=day,
            deadline=deadline,
            deliverable=spec.deliverable,
            acceptance_criterion=spec.acceptance,
            target_value=target_value,
            target_unit=spec.target[1] if spec.target else "",
            responsibility=responsibility,
            co_operators=co,
            source=Task.Source.DOCUMENT if document else Task.Source.MEETING,
            document=document,
            meeting=source_meeting,
            source_phrase=phrase,
            steps=steps,
            children=children,
        )

    def _co(self, co: Co, org: str, day: dt.date) -> CoOperatorPlan:
        if co.who:
            return CoOperatorPlan(co.role, person=self.people.resolve(co.who, org, day)[0])
        if co.org:
            return CoOperatorPlan(co.role, organization=co.org)
        return CoOperatorPlan(co.role, name=co.name)

    def _child(
        self,
        child: ChildSpec,
        parent: TaskSpec,
        org: str,
        day: dt.date,
        deadline: dt.date,
        lead: tuple[str, str],
        description: str,
    ) -> TaskPlan:
        """One share of a delegated task, as ``do_delegate_task`` makes it: the parent's
        description, result and lead (as directing leader and acceptor), its own lead and title."""
        child_lead = self.people.resolve(child.lead, child.organization, day)
        if child_lead[0] == lead[0]:
            raise ValueError(f"{child.title}: delegated to the parent's own lead")
        child_deadline = child.due or deadline
        key = (child.organization, child.title)
        if key in self._task_keys:
            raise ValueError(f"two tasks with the key {key}")
        self._task_keys.add(key)
        steps = self.steps(
            child.story,
            issued=day,
            deadline=child_deadline,
            horizon=self._horizon(child.organization),
            lead=child_lead[0],
            org=child.organization,
            deliverable=parent.deliverable,
        )
        target = child.target or parent.target
        return TaskPlan(
            organization=child.organization,
            title=child.title,
            description=description,
            lead=child_lead[0],
            directing_leader=lead[0],
            acceptor=lead[0],
            acceptor_body=None,
            start=day,
            deadline=child_deadline,
            deliverable=parent.deliverable,
            acceptance_criterion=parent.acceptance,
            target_value=Decimal(target[0]) if target else None,
            target_unit=target[1] if target else "",
            responsibility=f"Đồng chí {child_lead[1]} chịu trách nhiệm trước {self.people.orgs[org].name} "
            "về phần việc được giao.",
            co_operators=(),
            source=Task.Source.DELEGATION,
            document=None,
            meeting=None,
            source_phrase="",
            steps=steps,
        )

    def _draw(self, day: dt.date) -> Story:
        pool = POOL_2015 if day <= data.CITY_TERMS[0].end else POOL_2020
        return self.rng.choices([story for story, _w in pool], weights=[w for _s, w in pool])[0]

    def _parent_steps(
        self, story: Story, issued: dt.date, children: tuple[TaskPlan, ...], horizon: dt.date
    ) -> tuple[Step, ...]:
        """A delegating task: issued and started at once; its percent rolls up from the children;
        reported and accepted after every child is closed."""
        steps = [Step("issue", issued), Step("start", issued)]
        if story.outcome is Outcome.ACCEPTED:
            if any(child.status in Task.OPEN_STATUSES for child in children):
                raise ValueError("a delegating task cannot be accepted while a child is open")
            last = max(step.on for child in children for step in child.steps)
            done = last + dt.timedelta(days=2)
            steps += [
                Step("report_done", done, text="Các đơn vị đã hoàn thành phần việc được giao.", files=_REPORT),
                Step("accept", done + dt.timedelta(days=2)),
            ]
        elif story.outcome is not Outcome.IN_PROGRESS:
            raise ValueError("a delegating task is either in progress or accepted")
        if any(step.on > horizon for step in steps):
            raise ValueError("a delegating task's life runs past its horizon")
        return tuple(steps)

    def steps(
        self,
        story: Story,
        *,
        issued: dt.date,
        deadline: dt.date,
        horizon: dt.date,
        lead: str,
        org: str,
        deliverable: str,
    ) -> tuple[Step, ...]:
        """Dated steps for ``story``, none after ``horizon``. A result that would come after the
        horizon never came: the task stays in progress (and overdue, once past its deadline)."""
        if story.outcome is Outcome.DRAFT:
            return ()
        rng = self.rng
        one = dt.timedelta(days=1)
        span = max((deadline - issued).days, 8)

        def at(fraction: float) -> dt.date:
            return issued + dt.timedelta(days=max(1, round(span * fraction)))

        steps = [Step("issue", issued)]
        author = lead
        if story.reassign_to:
            when = story.reassign_on or at(0.2)
            author = self.people.resolve(story.reassign_to, org, when)[0]
            if author == lead:
                raise ValueError(f"reassigned on {when} to the same lead")
            steps.append(Step("reassign", when, text=REASSIGN_REASON, person=author))
        due = deadline
        if story.extension:
            # Asked late in the task's time, but early enough to be decided before the horizon.
            asked = min(max(at(0.75), steps[-1].on + one), horizon - 5 * one)
            if asked > steps[-1].on:
                new = deadline + dt.timedelta(days=rng.choice((31, 45, 61, 92)))
                approve = story.extension is Extension.APPROVED
                note = rng.choice(APPROVE_NOTES if approve else REFUSE_NOTES)
                steps += [
                    Step("request_extension", asked, new_deadline=new, text=rng.choice(EXTENSION_REASONS)),
                    Step("decide_extension", asked + 3 * one, approve=approve, text=note),
                ]
                if approve:
                    due = new
        outcome = story.outcome
        finish: dt.date | None = None
        room = (14 if story.returned else 3) * one  # days needed after the last step
        if outcome in (Outcome.ACCEPTED, Outcome.REPORTED):
            if story.late:
                finish = due + dt.timedelta(days=rng.randint(6, 50))
            else:
                finish = due - dt.timedelta(days=rng.randint(0, min(20, span // 4)))
                if finish + 5 * one > horizon:  # a long task reported early, before the horizon
                    finish = horizon - dt.timedelta(days=rng.randint(10, 40))
            finish = max(finish, steps[-1].on + room)
            if finish + 5 * one > horizon:
                outcome = Outcome.IN_PROGRESS
        if outcome is Outcome.CANCELLED:
            if rng.random() < 0.5:
                steps.append(self._progress(min(max(at(0.3), steps[-1].on), horizon), 30, author))
            steps.append(
                Step("cancel", min(max(at(0.5), steps[-1].on + one), horizon), text=rng.choice(CANCEL_REASONS))
            )
        elif outcome is Outcome.IN_PROGRESS:
            final = story.percent or rng.choice((20, 30, 40, 50, 60, 70, 80))
            base = steps[-1].on
            end = max(base, min(horizon - one, max(at(1.1), base + one)))
            count = rng.randint(1, 3)
            for index in range(count):
                steps.append(
                    self._progress(base + (end - base) * (index + 1) // count, final * (index + 1) // count, author)
                )
        elif outcome in (Outcome.ACCEPTED, Outcome.REPORTED):
            assert finish is not None
            first_report = finish - dt.timedelta(days=rng.randint(8, 12)) if story.returned else None
            until = first_report or finish
            base = steps[-1].on
            for fraction in (0.35, 0.7)[: rng.randint(1, 2)]:
                steps.append(self._progress(base + (until - base) * fraction, round(fraction * 100), author))
            done = f"Đã hoàn thành: {_lower_first(deliverable)}."
            if first_report is not None:
                steps += [
                    Step("report_done", first_report, text=done, files=_REPORT, person=author),
                    Step("return", first_report + 2 * one, text=rng.choice(RETURN_REASONS)),
                    self._progress(first_report + 5 * one, 90, author, text="Đã bổ sung theo ý kiến khi trả lại."),
                ]
            files = _REPORT_AGAIN if first_report else _REPORT
            steps.append(Step("report_done", finish, text=done, files=files, person=author))
            if outcome is Outcome.ACCEPTED:
                steps.append(Step("accept", finish + dt.timedelta(days=rng.randint(1, 5))))
        for earlier, later in itertools.pairwise(steps):
            if later.on < earlier.on:
                raise ValueError(f"steps out of order: {earlier} then {later}")
        if steps[-1].on > horizon:
            raise ValueError(f"a step after the horizon {horizon}: {steps[-1]}")
        return tuple(steps)

    def _progress(self, on: dt.date, percent: int, author: str, text: str = "") -> Step:
        bucket = 0 if percent < 40 else 1 if percent < 70 else 2
        files = (f"tien-do-{on:%m-%Y}.pdf",) if self.rng.random() < 0.3 else ()
        return Step(
            "progress",
            on,
            percent=percent,
            text=text or self.rng.choice(PROGRESS_TEXTS[bucket]),
            files=files,
            person=author,
        )

    # The city's programme ------------------------------------------------------------------------

    def city(self) -> list[MeetingSpec]:
        specs: list[MeetingSpec] = []
        for term in data.CITY_TERMS:
            specs.append(
                MeetingSpec(
                    CITY,
                    E,
                    term.start,
                    f"Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ thành phố nhiệm kỳ {term.name}",
                    (
                        "Bầu Ban Thường vụ, Bí thư, các Phó Bí thư Thành ủy",
                        "Bầu Ủy ban Kiểm tra và Chủ nhiệm Ủy ban Kiểm tra Thành ủy",
                    ),
                )
            )
            conference = 1
            earliest, latest = term.start + dt.timedelta(days=7), term.end - dt.timedelta(days=20)
            year, month = term.start.year, term.start.month
            while (year, month) <= (latest.year, latest.month):
                for body, low, high in ((E, 8, 20), (S, 5, 25), (B, 12, 26)):
                    if month not in {E: (1, 4, 7, 10), S: (2, 3, 5, 6, 8, 9, 11, 12), B: (3, 9)}[body]:
                        continue
                    if (year, month) == (latest.year, latest.month):
                        high = min(high, latest.day - 3)
                    if (year, month) == (earliest.year, earliest.month):
                        low = max(low, earliest.day)
                    if low > high:
                        continue
                    day = self.meeting_day(year, month, low, high)
                    if not earliest <= day <= latest:
                        continue
                    if body == E:
                        conference += 1
                        specs.append(self._conference(day, conference, term.name))
                    elif body == S:
                        specs.append(self._standing(day))
                    else:
                        specs.append(self._visit(day))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        specs += _city_extraordinary()
        return sorted(specs, key=lambda spec: spec.held_on)

    def _extras(self, body: Body.Kind, day: dt.date) -> tuple[TaskSpec, ...]:
        self._extras_left.discard((body, day.year, day.month))
        return CITY_EXTRAS.get((body, day.year, day.month), ())

    def _conference(self, day: dt.date, number: int, term: str) -> MeetingSpec:
        kind, about, topic = BCH_TOPICS[day.month]
        values = {"y": str(day.year), "y1": str(day.year + 1)}
        about = about.format(**values)
        title = f"Hội nghị lần thứ {number} Ban Chấp hành Đảng bộ thành phố nhiệm kỳ {term}"
        doc_title = (
            f"{KIND_NAMES[kind]} Hội nghị lần thứ {number} Ban Chấp hành Đảng bộ thành phố nhiệm kỳ {term} về {about}"
        )
        return MeetingSpec(
            CITY,
            E,
            day,
            title,
            (f"Đánh giá {about}" if kind == "KL" else f"Thảo luận, quyết định {about}", "Các nội dung khác"),
            documents=(DocSpec(kind, doc_title, tasks=(_fill(topic, **values), *self._extras(E, day))),),
        )

    def _standing(self, day: dt.date) -> MeetingSpec:
        values = {"y": str(day.year), "y1": str(day.year + 1)}
        topics = tuple(_fill(topic, **values) for topic in BTV_TOPICS[day.month])
        return MeetingSpec(
            CITY,
            S,
            day,
            f"Hội nghị Ban Thường vụ Thành ủy tháng {day.month}/{day.year}",
            (*(topic.agenda for topic in topics), "Cho ý kiến một số nội dung khác"),
            documents=(
                DocSpec(
                    "KL",
                    f"Kết luận của Ban Thường vụ Thành ủy tại hội nghị ngày {format_date(day)}",
                    tasks=(*topics, *self._extras(S, day)),
                ),
            ),
        )

    def _visit(self, day: dt.date) -> MeetingSpec:
        units = [unit for unit in self.people.units_on(day) if unit.valid_from <= day - dt.timedelta(days=90)]
        unit = units[self._visits * 7 % len(units)]
        self._visits += 1
        topic = _fill(TT_TOPIC, y=str(day.year), ward=unit.level_place)
        topic = replace(topic, lead=Who(data.SECRETARY, unit.code))
        return MeetingSpec(
            CITY,
            B,
            day,
            f"Thường trực Thành ủy làm việc với Đảng ủy {unit.level_place}",
            (f"Nghe Đảng ủy {unit.level_place} báo cáo kết quả thực hiện nhiệm vụ", "Kiến nghị của nhân dân"),
            documents=(
                DocSpec(
                    "TB",
                    f"Thông báo kết luận của Thường trực Thành ủy tại buổi làm việc với Đảng ủy {unit.level_place} "
                    f"ngày {format_date(day)}",
                    tasks=(topic,),
                ),
            ),
        )

    # All of it ---------------------------------------------------------------------------------

    def build(self, demo: DemoPlan) -> WorkPlan:
        moves = demo.reorganisation.moves
        meetings = [*self.city(), *_ward_meetings(), *_cell_meetings(moves[_tp_cell(1)]), *_new_ward_meetings(moves)]
        for spec in meetings:
            self.meeting(spec)
        for paper in _city_papers():
            self.document(paper, CITY, None)
        for org, paper in _new_ward_papers():
            self.document(paper, org, None)
        if self._overridden or self._extras_left:
            raise ValueError(f"no meeting for {self._extras_left or ''}, no task for {self._overridden or ''}")
        self._number_documents()
        return self.plan

    def _number_documents(self) -> None:
        """Issue in the order of signing, so numbers follow the dates; drafts last, unnumbered."""
        issued = sorted(
            (d for d in self.plan.documents if d.signed_on),
            key=lambda d: (d.signed_on or AS_OF, d.meeting[2] if d.meeting else AS_OF, d.organization, d.title),
        )
        counters: dict[tuple[str, str, str, str], int] = defaultdict(int)
        numbered = []
        for document in issued:
            sequence = (document.organization, document.issuer_symbol, document.kind, document.term)
            counters[sequence] += 1
            numbered.append(replace(document, number=counters[sequence]))
        self.plan.documents = numbered + [d for d in self.plan.documents if not d.signed_on]


_REPORT = ("bao-cao-ket-qua.pdf",)
_REPORT_AGAIN = ("bao-cao-ket-qua-bo-sung.pdf",)


def build_work_plan(demo: DemoPlan) -> WorkPlan:
    """The demo's meetings, documents and tasks, the same every time."""
    return _Builder(demo).build(demo)


# --- Evidence ---------------------------------------------------------------------------------------


def evidence_pdf(*lines: str) -> bytes:
    """A one-page PDF with ``lines`` (accents folded: the standard PDF fonts lack them)."""
    text = " Tj 0 -16 Td ".join(
        "(" + fold(line).replace("\\", "").replace("(", "").replace(")", "")[:95] + ")" for line in lines
    )
    stream = f"BT /F1 11 Tf 56 780 Td {text} Tj ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- Loading ----------------------------------------------------------------------------------------


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VIETNAM)


class _Loader:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.persons = store.persons
        self.orgs = store.orgs

    def person(self, card: str | None) -> Person | None:
        return self.persons[card] if card else None

    def bodies(self, plans: Iterable[BodyPlan]) -> None:
        for plan in plans:
            org = self.orgs[plan.organization]
            if (org.pk, plan.name) in self.store.bodies:
                self.store.count("body", False)
                continue
            self.store.bodies[(org.pk, plan.name)] = do_create_body(
                organization=org, kind=plan.kind, name=plan.name, symbol=plan.symbol, acting_user=None
            )
            self.store.count("body", True)

    def meetings(self, plans: Iterable[MeetingPlan]) -> dict[MeetingKey, Meeting]:
        existing = {
            (m.organization.code, m.body.name, m.held_on, m.title): m
            for m in Meeting.objects.select_related("organization", "body")
        }
        for plan in plans:
            if plan.key in existing:
                self.store.count("meeting", False)
                continue
            org = self.orgs[plan.organization]
            existing[plan.key] = do_create_meeting(
                organization=org,
                body=self.store.bodies[(org.pk, plan.body)],
                title=plan.title,
                held_on=plan.held_on,
                kind=plan.kind,
                chair=self.person(plan.chair),
                location=plan.location,
                minutes=plan.minutes,
                agenda=list(plan.agenda),
                attendance=[
                    AttendanceLine(self.persons[line.card_number], line.status, line.reason) for line in plan.attendance
                ],
                acting_user=None,
            )
            self.store.count("meeting", True)
        return existing

    def documents(
        self, plans: Iterable[DocumentPlan], meetings: dict[MeetingKey, Meeting]
    ) -> dict[DocumentKey, Document]:
        existing = {
            (d.organization.code, d.issuer_symbol, d.kind.code, d.title): d
            for d in Document.objects.select_related("organization", "kind")
        }
        kinds = {kind.code: kind for kind in DocumentKind.objects.all()}
        for plan in plans:
            if plan.key in existing:
                self.store.count("document", False)
                continue
            document = do_create_document(
                organization=self.orgs[plan.organization],
                kind=kinds[plan.kind],
                title=plan.title,
                issuer_symbol=plan.issuer_symbol,
                text=plan.text,
                meeting=meetings[plan.meeting] if plan.meeting else None,
                confidential=plan.confidential,
                acting_user=None,
            )
            if plan.signed_on:
                document = do_issue_document(
                    document, signed_on=plan.signed_on, signer=self.person(plan.signer), acting_user=None
                )
            existing[plan.key] = document
            self.store.count("document", True)
        return existing

    def tasks(
        self, plans: Iterable[TaskPlan], meetings: dict[MeetingKey, Meeting], documents: dict[DocumentKey, Document]
    ) -> None:
        existing = set(Task.objects.values_list("organization__code", "title"))
        for plan in plans:
            family = [plan, *plan.children]
            created = plan.key not in existing
            if created:
                self._family(plan, meetings, documents)
            for member in family:
                existing.add(member.key)
                self.store.count("task", created)

    def _family(
        self, plan: TaskPlan, meetings: dict[MeetingKey, Meeting], documents: dict[DocumentKey, Document]
    ) -> None:
        org = self.orgs[plan.organization]
        task = do_create_task(
            organization=org,
            title=plan.title,
            description=plan.description,
            lead=self.person(plan.lead),
            directing_leader=self.person(plan.directing_leader),
            start=plan.start,
            deadline=plan.deadline,
            deliverable=plan.deliverable,
            acceptance_criterion=plan.acceptance_criterion,
            target_value=plan.target_value,
            target_unit=plan.target_unit,
            responsibility=plan.responsibility,
            acceptor=self.person(plan.acceptor),
            acceptor_body=self.store.bodies[(org.pk, plan.acceptor_body)] if plan.acceptor_body else None,
            source=plan.source,
            source_document=documents[plan.document] if plan.document else None,
            source_meeting=meetings[plan.meeting] if plan.meeting else None,
            source_phrase=plan.source_phrase,
            co_operators=[
                CoOperatorLine(
                    role=co.role,
                    person=self.person(co.person),
                    organization=self.orgs[co.organization] if co.organization else None,
                    name=co.name,
                )
                for co in plan.co_operators
            ],
            acting_user=None,
        )
        tasks = [task]
        if plan.children:
            # Delegated while still a draft: do_delegate_task issues the children of a live task
            # on today's date, and the demo needs them issued on the document's date.
            tasks += do_delegate_task(
                task,
                [
                    Delegation(
                        organization=self.orgs[child.organization],
                        lead=self.persons[child.lead],
                        title=child.title,
                        deadline=child.deadline,
                        deliverable=child.deliverable,
                        acceptance_criterion=child.acceptance_criterion,
                        target_value=child.target_value,
                        target_unit=child.target_unit,
                        responsibility=child.responsibility,
                    )
                    for child in plan.children
                ],
                acting_user=None,
            )
        # One timeline for the family, in date order; on one day the children go first, so a
        # parent is accepted only after its children.
        timeline = sorted(
            (
                (step.on, 0 if index else 1, order, index, step)
                for index, member in enumerate([plan, *plan.children])
                for order, step in enumerate(member.steps)
            ),
            key=lambda row: row[:3],
        )
        pending: dict[int, ExtensionRequest] = {}
        for _on, _rank, _order, index, step in timeline:
            self._step(tasks[index], [plan, *plan.children][index], step, pending)

    def _step(self, task: Task, plan: TaskPlan, step: Step, pending: dict[int, ExtensionRequest]) -> None:
        action, on = step.action, step.on
        files = [(name, evidence_pdf(plan.title, step.text, format_date(on))) for name in step.files]
        if action == "issue":
            do_issue_task(task, on=on, at=_at(on, 8), acting_user=None)
        elif action == "start":
            do_start_task(task, acting_user=None)
        elif action == "progress":
            do_report_progress(
                task,
                percent=step.percent,
                text=step.text,
                files=files,
                author=self.person(step.person),
                at=_at(on, 16),
                acting_user=None,
            )
        elif action == "report_done":
            do_report_done(
                task,
                text=step.text,
                files=files,
                author=self.person(step.person),
                on=on,
                at=_at(on, 16),
                acting_user=None,
            )
        elif action == "return":
            do_return_task(task, reason=step.text, acting_user=None)
        elif action == "accept":
            do_accept_task(task, acting_user=None)
        elif action == "cancel":
            do_cancel_task(task, reason=step.text, acting_user=None)
        elif action == "request_extension":
            assert step.new_deadline is not None
            pending[task.pk] = do_request_extension(
                task, new_deadline=step.new_deadline, reason=step.text, at=_at(on, 10), acting_user=None
            )
        elif action == "decide_extension":
            do_decide_extension(
                pending.pop(task.pk), approve=step.approve, note=step.text, at=_at(on, 15), acting_user=None
            )
        elif action == "reassign":
            assert step.person is not None
            do_reassign_task(task, to=self.persons[step.person], reason=step.text, at=_at(on, 9), acting_user=None)
        else:
            raise ValueError(f"unknown step {action}")


def load_work(plan: DemoPlan, store: Store) -> None:
    """Meetings with attendance, numbered documents, and tasks through their lives (2015–2026)."""
    work = build_work_plan(plan)
    loader = _Loader(store)
    loader.bodies(work.bodies)
    meetings = loader.meetings(work.meetings)
    documents = loader.documents(work.documents, meetings)
    loader.tasks(work.tasks, meetings, documents)
