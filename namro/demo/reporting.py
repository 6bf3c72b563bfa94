"""Working regulations, report obligations, reports and escalations of the demo (issue 4, item 8).

What this adds to the Hải Dương demo: for the city committee (Đảng bộ thành phố Hải Dương) and
the wards and communes directly under it until 30/6/2025, and — so that reporting can be walked on
live data — for the new phường Hải Dương of Hải Phòng and its residential cells from 1/7/2025
(the last part of this list):

- **Fields** (ngành, lĩnh vực) the city assigns its standing members to: :data:`FIELDS`.
- **Working regulations.** 2015–2020: the 2016 version and the 2018 revision (the deputy
  secretary who left in March 2018 hands his areas and field to his successor). 2020–2025:
  2021, then yearly revisions 2022 (one ward moved to another member, one field's duties
  reworded, the weekly deadline moved from 17:00 to 16:00), 2023 and 2024, each adopted by a
  numbered QC document (``01-QC/TU``… restarting each term); the 2024 version — the latest
  adopted — leaves :data:`GAP_AREA_2024` without a responsible member and gives
  :data:`OVERLAP_FIELD_2024` two, so the regulation page shows the coverage check; the 2025
  version is still under discussion, with comments, when the city ends on 30/6/2025.
  Every other version covers each area and field exactly once. Members are whoever held the
  post on the day (the organisation plan, as in ``work.py``): fields go to the leaders,
  areas in turn to the plain Thành ủy viên and Ủy viên Ban Thường vụ who are not themselves
  a ward's secretary.
- **Report obligations** from 1/1/2024 to the city's last day (30/6/2025): each standing
  member's weekly report (Friday 16:00; its title names the member's highest city post when it
  is the same on the obligation's first and last day, else no post), each ward's monthly report
  by its standing committee (data 15th to 14th, due on the 20th at 17:00 of the month the data
  window ends), the quarterly reports of the city's office, departments and inspection
  commission, and the 6-month, 9-month and annual reports of each ward's executive committee;
  all to the Ban Thường vụ Thành ủy.
- **Reports.** Mostly on time, some late (many by exactly one minute: 16:01 on a 16:00
  deadline), some missing, chosen by a hash of (obligation, period) so every load draws the
  same; :data:`FORCED` pins a few cases the demo walk shows. A few ad-hoc reports with their
  urgency and topic (typhoon Yagi, a land dispute, the 2025 merger).
- **Escalations** from wards to the city in every state: raised and overdue, raised and still
  within its reply-by (from a Hải Phòng ward after 1/7/2025: the old city can no longer be
  within any deadline), answered, resolved, and turned into city tasks with the five "rõ",
  issued through the task actions. The demo account ``uyvien.phuong`` (a Đảng ủy viên of
  phường Trần Phú) raised two: one answered, one answered and turned into a task that was
  done and accepted.
- **Phường Hải Dương (from 1/7/2025)**, where the accounts ``vanphong.hd`` (its office),
  ``bithu.kdc1`` (secretary of cell no. 1) and ``uyvien.hd`` (a Đảng ủy viên) work: five fields
  (:data:`WARD_FIELDS`); the 2026 working regulation of the 2025–2030 term, discussed (two
  comments) and adopted by the ward's ``01-QC/ĐU`` of 15/1/2026, assigning the cells in turn to
  the plain Đảng ủy viên (``uyvien.hd`` follows cell no. 1) and the fields to the leaders,
  complete except :data:`GAP_AREA_2026`; open-ended obligations from 7/7/2025 — each standing
  member's weekly report (Friday 16:00) and each cell's monthly report by its secretary (due
  on the 5th of the next month at 16:00; the cells have no committee body in the plan), both
  to the ward's Ban Thường vụ — with reports filed up to ``AS_OF`` by the same hash
  (:data:`WARD_FORCED`: ``bithu.kdc1``'s July 2026 report a day early, August late, September
  missing; October is not yet due on ``AS_OF``); and four escalations from the cells to the
  ward (:data:`WARD_ESCALATIONS`): two by ``bithu.kdc1``'s person, one answered and one turned
  into a ward task (issued, led by ``uyvien.hd``'s person, in progress), one overdue and one
  raised on 26/10/2026 still within its reply-by (8/12/2026).

**Time.** Nothing is dated after ``work.AS_OF`` and no date comes from the clock, except what
the actions stamp without a date of their own (accepting a task, the audit log). The escalations
within their reply-by stay so until their ``respond_by`` (8/12/2026 for phường Hải Dương's,
January 2027 for phường Tân Hưng's). The ward's obligations run on: on a day after ``AS_OF`` the
periods that fell due since then show as missing, as they would in an office that stopped filing.

**Load.** :func:`load_reporting` runs after ``load_work`` and creates only what is missing,
by natural key: a field by (organisation, name), a regulation version by (organisation, term,
year) — its assignments, comments and QC document with it —, an obligation by (organisation,
title) or, for a person's, by (organisation, reporter, frequency) — so a database loaded when
weekly titles were worded otherwise keeps its obligations rather than gaining twins —, a report
by (obligation, period end) or, ad hoc, by (organisation, topic), an escalation by (raising
organisation, subject).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count

from namro.accounts.models import User
from namro.demo import data
from namro.demo.plan import DemoPlan

# _Holders answers "who held which post on that day" from the organisation plan; the demo's
# parts share it rather than each walking the memberships again.
from namro.demo.work import AS_OF, OLD_END, VIETNAM, Who, _Holders, evidence_pdf
from namro.documents.actions import do_create_document, do_issue_document
from namro.documents.models import DocumentKind
from namro.organizations.actions import do_create_body
from namro.organizations.models import Body, Organization, Person, Term
from namro.reporting.actions import (
    do_adopt_regulation,
    do_answer_escalation,
    do_assign_responsibility,
    do_comment_regulation,
    do_create_field,
    do_create_obligation,
    do_create_regulation,
    do_open_discussion,
    do_raise_escalation,
    do_remove_responsibility,
    do_start_next_version,
    do_submit_adhoc_report,
    do_submit_report,
    do_turn_escalation_into_task,
    do_update_regulation,
    rule_of,
)
from namro.reporting.models import (
    Escalation,
    Field,
    ReportObligation,
    Responsibility,
    Submission,
    WorkingRegulation,
)
from namro.reporting.periods import Frequency, periods_between
from namro.tasks.actions import (
    CoOperatorLine,
    do_accept_task,
    do_issue_task,
    do_report_done,
    do_report_progress,
)

if TYPE_CHECKING:
    from namro.demo.loader import Store

CITY = data.CITY.code
TRAN_PHU = "phuong-tran-phu"

FIELDS: tuple[str, ...] = (
    "Kinh tế",
    "Văn hóa - xã hội",
    "Quốc phòng - an ninh",
    "Xây dựng Đảng",
    "Dân vận",
    "Nội chính",
)
# Who leads each field: the post (data.py's roles) of the city committee.
FIELD_LEADS: dict[str, str] = {
    "Kinh tế": data.DEPUTY,
    "Văn hóa - xã hội": data.PROPAGANDA_HEAD,
    "Quốc phòng - an ninh": data.SECRETARY,
    "Xây dựng Đảng": data.DEPUTY_STANDING,
    "Dân vận": data.MOBILIZATION_HEAD,
    "Nội chính": data.INSPECTION_CHAIR,
}
FIELD_DUTIES: dict[str, str] = {
    "Kinh tế": "Chỉ đạo phát triển kinh tế, thu chi ngân sách, quy hoạch và quản lý đô thị.",
    "Văn hóa - xã hội": "Chỉ đạo giáo dục, y tế, văn hóa, thông tin, an sinh xã hội.",
    "Quốc phòng - an ninh": "Trực tiếp chỉ đạo công tác quân sự địa phương, quốc phòng, an ninh, trật tự.",
    "Xây dựng Đảng": "Chỉ đạo công tác tổ chức, cán bộ, đảng viên; thường trực giải quyết công việc hằng ngày.",
    "Dân vận": "Chỉ đạo công tác dân vận, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội.",
    "Nội chính": "Chỉ đạo công tác kiểm tra, giám sát, nội chính, phòng chống tham nhũng, lãng phí.",
}
AREA_DUTIES = (
    "Theo dõi, chỉ đạo Đảng bộ {lp}; dự hội nghị, sinh hoạt của cấp ủy; nắm tình hình, báo cáo Ban Thường vụ Thành ủy."
)
# Who may be given an area: a member whose highest city post is one of these (not a leader).
AREA_TITLES = frozenset(
    {
        data.CITY_POSTS[data.STANDING].title,
        data.CITY_POSTS[data.COMMITTEE].title,
        data.CITY_POSTS[data.OFFICE_CHIEF].title,
    }
)

# The deliberate changes the demo's pages show.
MOVED_AREA_2022 = "phuong-viet-hoa"  # moved to another member in 2022
REWORDED_FIELD_2022 = "Dân vận"
REWORDED_DUTIES_2022 = (
    "Chỉ đạo công tác dân vận, Mặt trận Tổ quốc và các đoàn thể; trực tiếp theo dõi việc thực hiện "
    "quy chế dân chủ ở cơ sở."
)
GAP_AREA_2024 = "phuong-tan-binh"  # nobody follows it in the 2024 version
OVERLAP_FIELD_2024 = "Kinh tế"  # two members in the 2024 version
OVERLAP_DUTIES_2024 = "Theo dõi thu chi ngân sách, đầu tư công và giải phóng mặt bằng."

REGULATION_TITLE = "Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố Hải Dương nhiệm kỳ {term}"
QC_TITLE = "Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố Hải Dương nhiệm kỳ {term}, áp dụng năm {year}"

OBLIGATIONS_FROM = dt.date(2024, 1, 1)
SECTIONS_WEEKLY = ["Công việc đã thực hiện trong tuần", "Công việc trọng tâm tuần tới", "Đề xuất, kiến nghị"]
SECTIONS_CELL = [
    "Tình hình khu dân cư, tư tưởng đảng viên và nhân dân",
    "Kết quả sinh hoạt chi bộ, thực hiện nhiệm vụ trong tháng",
    "Nhiệm vụ tháng tới",
    "Đề xuất, kiến nghị",
]
SECTIONS_PERIOD = [
    "Tình hình chung",
    "Kết quả lãnh đạo, chỉ đạo thực hiện nhiệm vụ",
    "Hạn chế, nguyên nhân",
    "Nhiệm vụ trọng tâm kỳ tới",
    "Đề xuất, kiến nghị",
]


# --- Regulation versions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    term: str
    year: int
    adopted_on: dt.date | None  # None: left under discussion
    weekly_deadline: str  # the hour in Điều 5, changed in 2022


VERSIONS: tuple[Version, ...] = (
    Version("2015–2020", 2016, dt.date(2016, 1, 18), "17 giờ"),
    Version("2015–2020", 2018, dt.date(2018, 4, 2), "17 giờ"),
    Version("2020–2025", 2021, dt.date(2021, 1, 15), "17 giờ"),
    Version("2020–2025", 2022, dt.date(2022, 1, 14), "16 giờ"),
    Version("2020–2025", 2023, dt.date(2023, 1, 13), "16 giờ"),
    Version("2020–2025", 2024, dt.date(2024, 1, 12), "16 giờ"),
    Version("2020–2025", 2025, None, "16 giờ"),
)
DEPUTY_CHANGE_2018 = dt.date(2018, 3, 15)  # plan.py: the 2015 deputy secretary left then


def regulation_text(version: Version) -> str:
    """The articles of a version; consecutive versions differ by the year line, and 2022 also
    by the weekly deadline."""
    return "\n".join(
        (
            "Chương I. NHỮNG QUY ĐỊNH CHUNG",
            "Điều 1. Quy chế này quy định trách nhiệm, quyền hạn, chế độ làm việc của Ban Chấp hành, "
            f"Ban Thường vụ, Thường trực Thành ủy nhiệm kỳ {version.term}.",
            "Điều 2. Làm việc theo nguyên tắc tập trung dân chủ, tập thể lãnh đạo, cá nhân phụ trách; "
            "mỗi việc chỉ giao một người chủ trì.",
            "Điều 3. Mỗi Thành ủy viên phụ trách địa bàn, ngành, lĩnh vực theo danh sách phân công kèm theo: "
            "rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ kết quả.",
            "Điều 4. Ban Thường vụ họp thường kỳ mỗi tháng một lần; Ban Chấp hành họp ba tháng một lần.",
            f"Điều 5. Ủy viên Ban Thường vụ báo cáo công việc tuần trước {version.weekly_deadline} thứ Sáu; "
            "đảng ủy phường, xã báo cáo tháng trước ngày 20, số liệu từ ngày 15 tháng trước đến ngày 14.",
            "Điều 6. Vấn đề vượt thẩm quyền, đảng ủy phường, xã kiến nghị Ban Thường vụ Thành ủy; "
            "Thường trực Thành ủy trả lời trong thời hạn đã nêu.",
            f"Điều 7. Quy chế áp dụng từ ngày 01/01/{version.year}; hằng năm Ban Thường vụ rà soát, sửa đổi, bổ sung.",
        )
    )


# Comments on the 2025 draft: (username, when, text).
COMMENTS_2025: tuple[tuple[str, dt.datetime, str], ...] = (
    (
        "uyvien",
        dt.datetime(2025, 2, 20, 9, 30, tzinfo=VIETNAM),
        "Đề nghị phân công đồng chí phụ trách phường Tân Bình; từ năm 2024 phường chưa có Thành ủy viên theo dõi.",
    ),
    (
        "bithu",
        dt.datetime(2025, 2, 25, 14, 10, tzinfo=VIETNAM),
        "Lĩnh vực Kinh tế đang giao hai đồng chí; đề nghị xác định một đồng chí chủ trì, đồng chí kia phối hợp.",
    ),
    (
        "vanphong",
        dt.datetime(2025, 3, 3, 10, 0, tzinfo=VIETNAM),
        "Văn phòng đề nghị bổ sung quy định báo cáo đột xuất trong 24 giờ khi có vụ việc phức tạp.",
    ),
)


# --- Reports: on time, late, missing --------------------------------------------------------------


def _unit(key: str, salt: str) -> float:
    """A number in [0, 1) fixed by ``key``: the same on every load and every machine."""
    digest = hashlib.sha256(f"{salt}|{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


@dataclass(frozen=True)
class Fate:
    """What happened to one period's report: ``at`` is None when it is missing."""

    at: dt.datetime | None


# Cases the demo walk shows, whatever the hash says: (anchor, period end) -> minutes after the
# due time (0 or less: on time; None: missing). The 2020–2025 city secretary ("bithu").
FORCED: dict[tuple[str, dt.date], int | None] = {
    ("city_secretary", dt.date(2025, 6, 6)): 1,  # 16:01 on a 16:00 deadline: late
    ("city_secretary", dt.date(2025, 5, 30)): 0,  # 16:00 exactly: on time
    ("city_secretary", dt.date(2025, 5, 16)): None,  # missing
}


def fate(key: str, due: dt.datetime, earliest: dt.datetime, last: dt.datetime) -> Fate:
    """Mostly on time, about one in ten late (four in ten of those by exactly one minute), about
    one in twenty missing. ``earliest``: when the report can first be written; ``last``: no
    report is filed after it (the organisation's end)."""
    draw, spread = _unit(key, "fate"), _unit(key, "when")
    if draw < 0.05:
        return Fate(None)
    if draw < 0.15:
        minutes = 1 if spread < 0.4 else 60 + int(spread * 70 * 60)
        at = due + dt.timedelta(minutes=minutes)
        return Fate(at if at <= last else due + dt.timedelta(minutes=1))
    if spread < 0.05:
        return Fate(due)  # at the due minute: still on time
    window = int((due - earliest).total_seconds() // 60)
    return Fate(earliest + dt.timedelta(minutes=int(spread * window)))


# --- Ad-hoc reports and escalations -----------------------------------------------------------------


@dataclass(frozen=True)
class AdhocSpec:
    organization: str
    topic: str
    content: str
    urgency: Submission.Urgency
    at: dt.datetime
    author: Who
    data_from: dt.date | None = None
    data_to: dt.date | None = None


def _vn(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


ADHOC: tuple[AdhocSpec, ...] = (
    AdhocSpec(
        TRAN_PHU,
        "Báo cáo nhanh thiệt hại do cơn bão số 3 (Yagi) trên địa bàn phường Trần Phú",
        "Bão gây đổ 46 cây xanh, tốc mái 12 nhà dân, ngập cục bộ khu dân cư số 5; không có thiệt hại về người. "
        "Đảng ủy đã huy động đảng viên, đoàn viên khắc phục ngay trong đêm.",
        Submission.Urgency.VERY_URGENT,
        _vn(2024, 9, 7, 21, 15),
        Who(data.SECRETARY),
        dt.date(2024, 9, 7),
        dt.date(2024, 9, 7),
    ),
    AdhocSpec(
        "phuong-hai-tan",
        "Báo cáo tình hình khắc phục hậu quả cơn bão số 3 tại phường Hải Tân",
        "Đã dọn xong cây đổ trên các tuyến phố chính; còn 3 hộ cần hỗ trợ sửa nhà. Đề nghị Thành ủy chỉ đạo "
        "các phòng chuyên môn hỗ trợ.",
        Submission.Urgency.URGENT,
        _vn(2024, 9, 9, 8, 40),
        Who(data.SECRETARY),
        dt.date(2024, 9, 7),
        dt.date(2024, 9, 8),
    ),
    AdhocSpec(
        "xa-gia-xuyen",
        "Báo cáo vụ việc tranh chấp đất nông nghiệp tại thôn Lại Xá",
        "Hai hộ gia đình tranh chấp ranh giới thửa đất, có dấu hiệu tụ tập đông người. Đảng ủy đã chỉ đạo "
        "hòa giải; tình hình đã ổn định.",
        Submission.Urgency.URGENT,
        _vn(2024, 11, 12, 16, 30),
        Who(data.SECRETARY),
    ),
    AdhocSpec(
        "phuong-tran-hung-dao",
        "Báo cáo tình hình tư tưởng của đảng viên trước chủ trương sắp xếp đơn vị hành chính",
        "Đa số đảng viên đồng tình với chủ trương; một số đảng viên cao tuổi băn khoăn về tên gọi phường mới "
        "và nơi sinh hoạt chi bộ.",
        Submission.Urgency.NORMAL,
        _vn(2025, 3, 18, 10, 0),
        Who(data.DEPUTY),
        dt.date(2025, 3, 1),
        dt.date(2025, 3, 15),
    ),
    AdhocSpec(
        "phuong-le-thanh-nghi",
        "Báo cáo kết quả lấy ý kiến cử tri về đề án sắp xếp đơn vị hành chính cấp xã",
        "Tỷ lệ cử tri đồng ý đạt 96,8%; các ý kiến khác đề nghị giữ tên phường Lê Thanh Nghị cho phường mới.",
        Submission.Urgency.URGENT,
        _vn(2025, 4, 25, 17, 20),
        Who(data.SECRETARY),
        dt.date(2025, 4, 20),
        dt.date(2025, 4, 24),
    ),
    AdhocSpec(
        CITY,
        "Báo cáo đột xuất tình hình ngập úng sau mưa lớn tại phường Thanh Bình",
        "Mưa lớn kéo dài làm ngập 4 tuyến phố; lực lượng chức năng đã bơm tiêu, phân luồng giao thông. "
        "Kiến nghị đầu tư nạo vét hệ thống thoát nước khu vực.",
        Submission.Urgency.URGENT,
        _vn(2024, 6, 3, 7, 45),
        Who("@city_committee_member"),
        dt.date(2024, 6, 2),
        dt.date(2024, 6, 3),
    ),
)


@dataclass(frozen=True)
class TaskFromEscalation:
    """The city task an escalation becomes; its lead follows the ward in the 2024 regulation."""

    title: str
    deliverable: str
    acceptance: str
    responsibility: str
    issued_on: dt.date
    deadline: dt.date
    co_role: str
    progress: tuple[dt.date, int, str] | None = None
    done: tuple[dt.date, str] | None = None  # reported done (then accepted)


@dataclass(frozen=True)
class EscalationSpec:
    organization: str
    subject: str
    content: str
    raised_on: dt.date
    response_days: int
    raiser: Who
    answer: str = ""
    answered_on: dt.date | None = None
    resolved: bool = False
    task: TaskFromEscalation | None = None


ESCALATIONS: tuple[EscalationSpec, ...] = (
    EscalationSpec(
        "phuong-cam-thuong",
        "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa khu dân cư bị xuống cấp",
        "Nhà văn hóa khu dân cư số 3 xuống cấp nghiêm trọng, không bảo đảm an toàn khi sinh hoạt chi bộ; "
        "kinh phí sửa chữa vượt khả năng cân đối của phường.",
        dt.date(2024, 7, 15),
        10,
        Who(data.SECRETARY),
        "Ban Thường vụ đồng ý; Ủy ban nhân dân thành phố đã bố trí kinh phí trong đợt điều chỉnh dự toán tháng 7.",
        dt.date(2024, 7, 24),
        resolved=True,
    ),
    EscalationSpec(
        "xa-tien-tien",
        "Đề nghị hỗ trợ khắc phục hậu quả bão số 3 tại các nhà văn hóa thôn",
        "Bão số 3 làm tốc mái hai nhà văn hóa thôn; xã đã khắc phục tạm thời, cần hỗ trợ kinh phí sửa chữa.",
        dt.date(2024, 10, 7),
        10,
        Who(data.SECRETARY),
        "Thành phố hỗ trợ từ nguồn dự phòng ngân sách; xã hoàn thiện hồ sơ trước ngày 25/10/2024.",
        dt.date(2024, 10, 16),
        resolved=True,
    ),
    EscalationSpec(
        "phuong-hai-tan",
        "Đề nghị chỉ đạo giải quyết ô nhiễm môi trường tại cụm cơ sở sản xuất giáp ranh",
        "Người dân khu dân cư số 2 phản ánh khói bụi, nước thải từ cụm cơ sở sản xuất giáp ranh xã Ngọc Sơn; "
        "việc xử lý liên quan hai địa phương, vượt thẩm quyền của Đảng ủy phường.",
        dt.date(2024, 11, 11),
        15,
        Who(data.SECRETARY),
        "Ban Thường vụ giao đồng chí Thành ủy viên phụ trách địa bàn chủ trì, phối hợp các cơ quan chức năng.",
        dt.date(2024, 11, 20),
        task=TaskFromEscalation(
            title="Chỉ đạo xử lý ô nhiễm tại cụm cơ sở sản xuất giáp ranh phường Hải Tân và xã Ngọc Sơn",
            deliverable="Báo cáo kết quả kiểm tra, xử lý các cơ sở gây ô nhiễm gửi Ban Thường vụ Thành ủy",
            acceptance="100% cơ sở vi phạm bị xử lý hoặc di dời; không còn phản ánh của người dân",
            responsibility="Chịu trách nhiệm trước Ban Thường vụ Thành ủy về kết quả xử lý",
            issued_on=dt.date(2024, 11, 21),
            deadline=dt.date(2025, 6, 30),
            co_role="Phối hợp nắm tình hình, vận động người dân",
            progress=(dt.date(2025, 3, 14), 60, "Đã kiểm tra 5/8 cơ sở, xử phạt 3 cơ sở; đang làm thủ tục di dời."),
        ),
    ),
    EscalationSpec(
        TRAN_PHU,
        "Đề nghị hướng dẫn sinh hoạt của các chi bộ khu dân cư khi phường Trần Phú được chia tách",
        "Theo phương án sắp xếp, khu dân cư số 1–3 và số 4–6 về hai phường mới; đảng viên hỏi nơi sinh hoạt "
        "và việc bàn giao hồ sơ. Đề nghị Thành ủy hướng dẫn thống nhất.",
        dt.date(2025, 3, 10),
        10,
        Who("@tran_phu_committee_member"),
        "Ban Tổ chức Thành ủy sẽ có hướng dẫn chung; đến khi có quyết định, các chi bộ giữ nguyên sinh hoạt.",
        dt.date(2025, 3, 19),
    ),
    EscalationSpec(
        TRAN_PHU,
        "Đề nghị xử lý tình trạng lấn chiếm vỉa hè, tập kết vật liệu xây dựng kéo dài tại khu dân cư số 2",
        "Nhiều hộ kinh doanh lấn chiếm vỉa hè, tập kết vật liệu trên tuyến phố thuộc khu dân cư số 2; phường "
        "đã nhắc nhở nhiều lần nhưng việc xử lý cần lực lượng liên ngành của thành phố.",
        dt.date(2025, 4, 7),
        15,
        Who("@tran_phu_committee_member"),
        "Ban Thường vụ giao đồng chí Thành ủy viên phụ trách địa bàn chủ trì xử lý dứt điểm.",
        dt.date(2025, 4, 14),
        task=TaskFromEscalation(
            title="Chỉ đạo xử lý dứt điểm tình trạng lấn chiếm vỉa hè tại khu dân cư số 2 phường Trần Phú",
            deliverable="Báo cáo kết quả ra quân lập lại trật tự vỉa hè gửi Ban Thường vụ Thành ủy",
            acceptance="Tuyến phố không còn vật liệu tập kết trên vỉa hè; các hộ vi phạm ký cam kết",
            responsibility="Chịu trách nhiệm trước Ban Thường vụ Thành ủy về kết quả xử lý",
            issued_on=dt.date(2025, 4, 15),
            deadline=dt.date(2025, 6, 13),
            co_role="Phối hợp vận động các hộ kinh doanh",
            progress=(dt.date(2025, 5, 9), 40, "Đã ra quân hai đợt; 14/20 hộ đã thu dọn, ký cam kết."),
            done=(dt.date(2025, 6, 10), "Đã lập lại trật tự vỉa hè toàn tuyến; 20/20 hộ ký cam kết."),
        ),
    ),
    EscalationSpec(
        "phuong-ngoc-chau",
        "Đề nghị cho ý kiến về việc bố trí cán bộ khi hợp nhất phường",
        "Đảng ủy phường xin ý kiến về việc bố trí cán bộ chuyên trách dôi dư sau khi hợp nhất vào phường mới.",
        dt.date(2025, 5, 12),
        10,
        Who(data.SECRETARY),
        "Thực hiện theo hướng dẫn của Ban Tổ chức Tỉnh ủy; Thành ủy sẽ rà soát cụ thể từng trường hợp.",
        dt.date(2025, 5, 21),
    ),
    EscalationSpec(
        "phuong-le-thanh-nghi",
        "Đề nghị hướng dẫn bàn giao hồ sơ, tài liệu của Đảng bộ phường khi hợp nhất vào phường mới",
        "Đảng bộ phường cần hướng dẫn về danh mục hồ sơ, tài liệu phải bàn giao và nơi lưu trữ sau ngày 01/7/2025.",
        dt.date(2025, 6, 2),
        10,
        Who(data.SECRETARY),
    ),
    EscalationSpec(
        "hp-phuong-tan-hung",
        "Đề nghị bố trí kinh phí sửa chữa trụ sở làm việc của Đảng ủy phường sau sắp xếp",
        "Trụ sở dùng chung sau sắp xếp xuống cấp, thiếu phòng họp cho Ban Chấp hành; đề nghị Thành ủy Hải Phòng "
        "xem xét bố trí kinh phí sửa chữa trong năm 2027.",
        dt.date(2026, 10, 26),
        60,
        Who(data.DEPUTY),
    ),
)


# --- Phường Hải Dương, from 1/7/2025: reporting on the live structure -------------------------------

HAI_DUONG = "hp-phuong-hai-duong"
HAI_DUONG_LP = "phường Hải Dương"
HAI_DUONG_FROM = dt.date(2025, 7, 7)  # the first Monday after the appointed committee's first meeting


def _kdc(number: int) -> str:
    return f"{HAI_DUONG}-kdc-{number}"


# Fields of the ward and who leads each: (role in the ward, nth holder by card number); None: a
# plain Đảng ủy viên (the second of the area pool, see ``_Loader.ward_pool``).
WARD_FIELDS: dict[str, tuple[str, int] | None] = {
    "Xây dựng Đảng": (data.DEPUTY, 0),
    "Kinh tế - đô thị": (data.DEPUTY, 1),
    "Quốc phòng - an ninh": (data.SECRETARY, 0),
    "Kiểm tra, giám sát": (data.INSPECTION_CHAIR, 0),
    "Văn hóa - xã hội, dân vận": None,
}
WARD_FIELD_DUTIES: dict[str, str] = {
    "Xây dựng Đảng": "Chỉ đạo công tác tổ chức, cán bộ, đảng viên, sinh hoạt chi bộ; thường trực công việc hằng ngày.",
    "Kinh tế - đô thị": "Chỉ đạo thu ngân sách, trật tự đô thị, vệ sinh môi trường, chỉnh trang khu dân cư.",
    "Quốc phòng - an ninh": "Trực tiếp chỉ đạo công tác quân sự, quốc phòng, an ninh, trật tự trên địa bàn phường.",
    "Kiểm tra, giám sát": "Chỉ đạo công tác kiểm tra, giám sát, giải quyết đơn thư, phòng chống tham nhũng.",
    "Văn hóa - xã hội, dân vận": "Chỉ đạo văn hóa, giáo dục, y tế, an sinh; Mặt trận và các đoàn thể, dân vận.",
}
WARD_AREA_DUTIES = (
    "Theo dõi, chỉ đạo {cell}; dự sinh hoạt chi bộ ít nhất một lần mỗi quý; nắm tình hình, báo cáo Ban Thường vụ "
    "Đảng ủy phường."
)
# The deliberate gap of the 2026 version: the last cell has nobody following it (a comment in
# the discussion points it out; the version was adopted without fixing it).
GAP_AREA_2026 = _kdc(16)
WARD_REGULATION_YEAR = 2026
WARD_REGULATION_TITLE = "Quy chế làm việc của Ban Chấp hành Đảng bộ phường Hải Dương nhiệm kỳ 2025–2030"
WARD_QC_TITLE = WARD_REGULATION_TITLE + ", áp dụng năm 2026"
WARD_ADOPTED_ON = dt.date(2026, 1, 15)
WARD_REGULATION_TEXT = "\n".join(
    (
        "Chương I. NHỮNG QUY ĐỊNH CHUNG",
        "Điều 1. Quy chế này quy định trách nhiệm, quyền hạn, chế độ làm việc của Ban Chấp hành, "
        "Ban Thường vụ Đảng ủy phường Hải Dương nhiệm kỳ 2025–2030.",
        "Điều 2. Làm việc theo nguyên tắc tập trung dân chủ, tập thể lãnh đạo, cá nhân phụ trách; "
        "mỗi việc chỉ giao một người chủ trì.",
        "Điều 3. Mỗi Đảng ủy viên phụ trách chi bộ, ngành, lĩnh vực theo danh sách phân công kèm theo: "
        "rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ kết quả.",
        "Điều 4. Ban Thường vụ họp thường kỳ mỗi tuần một lần; Ban Chấp hành họp mỗi tháng một lần.",
        "Điều 5. Ủy viên Ban Thường vụ báo cáo công việc tuần trước 16 giờ thứ Sáu; chi bộ khu dân cư báo cáo "
        "tháng trước 16 giờ ngày 05 tháng sau.",
        "Điều 6. Vấn đề vượt thẩm quyền, chi bộ kiến nghị Ban Thường vụ Đảng ủy phường; Văn phòng Đảng ủy "
        "tiếp nhận, tham mưu trả lời trong thời hạn đã nêu.",
        "Điều 7. Quy chế áp dụng từ ngày 01/01/2026; hằng năm Ban Thường vụ rà soát, sửa đổi, bổ sung.",
    )
)
# Comments on the 2026 draft: (username, when, text).
WARD_COMMENTS: tuple[tuple[str, dt.datetime, str], ...] = (
    (
        "uyvien.hd",
        dt.datetime(2026, 1, 7, 9, 15, tzinfo=VIETNAM),
        "Khu dân cư số 16 chưa có đồng chí Đảng ủy viên theo dõi; đề nghị bổ sung vào danh sách phân công.",
    ),
    (
        "vanphong.hd",
        dt.datetime(2026, 1, 9, 14, 30, tzinfo=VIETNAM),
        "Văn phòng đề nghị ghi rõ chi bộ gửi báo cáo tháng qua Văn phòng Đảng ủy, bằng văn bản hoặc trên hệ thống.",
    ),
)

# Cases the demo walk shows for the accounts of the ward (as FORCED above, for reports until AS_OF):
# ``bithu.kdc1``'s monthly report of July 2026 a day early, August late, September missing.
WARD_FORCED: dict[tuple[str, dt.date], int | None] = {
    ("hai_duong_cell_secretary", dt.date(2026, 7, 31)): -24 * 60,
    ("hai_duong_cell_secretary", dt.date(2026, 8, 31)): 26 * 60 + 30,
    ("hai_duong_cell_secretary", dt.date(2026, 9, 30)): None,
}

# Escalations from the ward's cells to the ward, raised by the cells' secretaries.
WARD_ESCALATIONS: tuple[EscalationSpec, ...] = (
    EscalationSpec(
        _kdc(1),
        "Đề nghị hướng dẫn tiếp nhận sinh hoạt đảng của đảng viên chuyển đến sau sắp xếp",
        "Sau sắp xếp, chi bộ nhận thêm đảng viên từ các khu dân cư cũ; một số đồng chí chưa có hồ sơ chuyển "
        "sinh hoạt. Đề nghị Đảng ủy phường hướng dẫn thủ tục tiếp nhận.",
        dt.date(2025, 9, 15),
        10,
        Who("@hai_duong_cell_secretary"),
        "Văn phòng Đảng ủy phường đã gửi hướng dẫn; chi bộ lập danh sách đảng viên chưa có hồ sơ, gửi Văn phòng "
        "trước ngày 30/9/2025 để liên hệ đảng ủy nơi đi.",
        dt.date(2025, 9, 23),
    ),
    EscalationSpec(
        _kdc(1),
        "Đề nghị chỉ đạo xử lý điểm tập kết rác thải tự phát tại khu dân cư số 1",
        "Điểm tập kết rác tự phát cạnh nhà văn hóa khu dân cư số 1 gây ô nhiễm kéo dài; chi bộ đã vận động nhưng "
        "việc xử lý cần Ủy ban nhân dân phường và đơn vị vệ sinh môi trường vào cuộc.",
        dt.date(2026, 3, 9),
        15,
        Who("@hai_duong_cell_secretary"),
        task=TaskFromEscalation(
            title="Chỉ đạo xóa điểm tập kết rác thải tự phát tại khu dân cư số 1 phường Hải Dương",
            deliverable="Báo cáo kết quả xóa điểm tập kết rác, kèm ảnh hiện trạng và lịch thu gom mới",
            acceptance="Không còn điểm tập kết rác tự phát; lịch thu gom được niêm yết tại khu dân cư",
            responsibility="Chịu trách nhiệm trước Ban Thường vụ Đảng ủy phường về kết quả xử lý",
            issued_on=dt.date(2026, 3, 17),
            deadline=dt.date(2026, 12, 31),
            co_role="Phối hợp vận động nhân dân, giám sát việc thu gom",
            progress=(dt.date(2026, 10, 16), 60, "Đã bố trí điểm thu gom tạm, lắp camera; còn xử lý lịch thu gom."),
        ),
    ),
    EscalationSpec(
        _kdc(7),
        "Đề nghị hỗ trợ sửa chữa hệ thống chiếu sáng các ngõ của khu dân cư số 7",
        "Nhiều bóng đèn chiếu sáng ngõ hỏng sau mùa mưa bão, ảnh hưởng an ninh trật tự; kinh phí vượt khả năng "
        "đóng góp của nhân dân.",
        dt.date(2026, 9, 7),
        10,
        Who(data.CELL_SECRETARY),
    ),
    EscalationSpec(
        _kdc(4),
        "Đề nghị bố trí kinh phí năm 2027 cải tạo nhà văn hóa khu dân cư số 4",
        "Nhà văn hóa khu dân cư số 4 xuống cấp, mái dột, không đủ chỗ sinh hoạt chi bộ sau sắp xếp; đề nghị "
        "Đảng ủy phường chỉ đạo đưa vào dự toán năm 2027.",
        dt.date(2026, 10, 26),
        30,
        Who(data.CELL_SECRETARY),
    ),
)


# --- Loading -------------------------------------------------------------------------------------


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=VIETNAM)


class _Loader:
    def __init__(self, plan: DemoPlan, store: Store) -> None:
        self.store = store
        self.people = _Holders(plan)
        self.city = store.orgs[CITY]
        self.ward = store.orgs[HAI_DUONG]
        self.fields: dict[str, Field] = {}
        self.ward_fields: dict[str, Field] = {}
        # Obligations of each organisation (by pk), with their reporter's anchor and signer.
        self.made: dict[int, list[tuple[ReportObligation, str | None, str | None]]] = {}
        commenters = {username for username, _at, _text in (*COMMENTS_2025, *WARD_COMMENTS)}
        self.users = {u.username: u for u in User.objects.filter(username__in=commenters)}

    # People on a day ------------------------------------------------------------------------------

    def person(self, card: str) -> Person:
        return self.store.persons[card]

    def city_holder(self, role: str, on: dt.date) -> Person:
        cards = self.people.holders(CITY, self.people.post_title(CITY, role), on)
        if not cards:
            raise ValueError(f"nobody holds {role} of the city on {on}")
        return self.person(cards[0])

    def ward_holder(self, role: str, on: dt.date, nth: int = 0) -> Person:
        return self.who(Who(role, nth=nth), HAI_DUONG, on)

    def ward_pool(self, on: dt.date) -> list[str]:
        """Plain Đảng ủy viên of the ward (no higher post there), the demo's ``uyvien.hd`` first:
        they follow the cells."""
        title = self.people.post_title(HAI_DUONG, data.COMMITTEE)
        plain = [
            c for c in self.people.holders(HAI_DUONG, title, on) if self.people.title_of(c, HAI_DUONG, on) == title
        ]
        first = self.people.anchors["hai_duong_committee_member"]
        assert first in plain, "uyvien.hd must be a plain Đảng ủy viên of the ward"
        return [first, *(card for card in plain if card != first)]

    def who(self, who: Who, org: str, on: dt.date) -> Person:
        card, _title = self.people.resolve(who, org, on)
        return self.person(card)

    def area_pool(self, on: dt.date) -> list[str]:
        """Thành ủy viên who may follow a ward: not a leader, not a ward's own secretary."""
        committee = self.people.holders(CITY, self.people.post_title(CITY, data.COMMITTEE), on)
        secretaries = {
            card
            for unit in self.people.units_on(on)
            for card in self.people.holders(unit.code, self.people.post_title(unit.code, data.SECRETARY), on)
        }
        return [
            card
            for card in committee
            if card not in secretaries and self.people.title_of(card, CITY, on) in AREA_TITLES
        ]

    # Fields ---------------------------------------------------------------------------------------

    def load_fields(self) -> None:
        """The city's fields, and those of phường Hải Dương."""
        existing = {
            (f.organization_id, f.name): f for f in Field.objects.filter(organization__in=[self.city, self.ward])
        }
        for org, names, found in ((self.city, FIELDS, self.fields), (self.ward, tuple(WARD_FIELDS), self.ward_fields)):
            for name in names:
                if (org.pk, name) in existing:
                    found[name] = existing[(org.pk, name)]
                    self.store.count("field", False)
                    continue
                found[name] = do_create_field(organization=org, name=name, acting_user=None)
                self.store.count("field", True)

    # Regulations ----------------------------------------------------------------------------------

    def load_regulations(self) -> None:
        terms = {t.name: t for t in Term.objects.filter(organization=self.city)}
        existing = {
            (r.term.name, r.year): r
            for r in WorkingRegulation.objects.filter(organization=self.city)
            .select_related("term")
            .annotate(assigned=Count("responsibilities", distinct=True), commented=Count("comments", distinct=True))
        }
        previous: WorkingRegulation | None = None
        for version in VERSIONS:
            found = existing.get((version.term, version.year))
            if found is not None:
                self.store.count("regulation", False)
                self.store.summary.existing["responsibility"] += found.assigned
                self.store.summary.existing["comment"] += found.commented
                if found.adopted_by_id:
                    self.store.count("document", False)
                previous = found
                continue
            if previous is None or previous.term.name != version.term:
                previous = self._first_version(terms[version.term], version)
            else:
                previous = self._next_version(previous, version)
            if version.adopted_on:
                self._adopt(previous, version)
            else:
                self._discuss(previous)

    def _first_version(self, term: Term, version: Version) -> WorkingRegulation:
        regulation = do_create_regulation(
            organization=self.city,
            term=term,
            year=version.year,
            title=REGULATION_TITLE.format(term=version.term),
            text=regulation_text(version),
            acting_user=None,
        )
        self.store.count("regulation", True)
        assert version.adopted_on is not None
        day = version.adopted_on
        pool = self.area_pool(day)
        for index, unit in enumerate(self.people.units_on(day)):
            self._assign(
                regulation, pool[index % len(pool)], area=unit.code, duties=AREA_DUTIES.format(lp=unit.level_place)
            )
        for name in FIELDS:
            member = self.city_holder(FIELD_LEADS[name], day)
            self._assign(regulation, member.card_number or "", field=name, duties=FIELD_DUTIES[name])
        return regulation

    def _assign(
        self,
        regulation: WorkingRegulation,
        card: str,
        *,
        area: str | None = None,
        field: str | None = None,
        duties: str,
        valid_from: dt.date | None = None,
    ) -> Responsibility:
        fields = self.ward_fields if regulation.organization_id == self.ward.pk else self.fields
        item = do_assign_responsibility(
            regulation,
            member=self.person(card),
            area=self.store.orgs[area] if area else None,
            field=fields[field] if field else None,
            duties=duties,
            valid_from=valid_from,
            acting_user=None,
        )
        self.store.count("responsibility", True)
        return item

    def _next_version(self, previous: WorkingRegulation, version: Version) -> WorkingRegulation:
        regulation = do_start_next_version(previous, year=version.year, acting_user=None)
        regulation = do_update_regulation(
            regulation, title=regulation.title, text=regulation_text(version), acting_user=None
        )
        self.store.count("regulation", True)
        self.store.summary.created["responsibility"] += regulation.responsibilities.count()
        changes: dict[int, Callable[[WorkingRegulation], None]] = {
            2018: self._changes_2018,
            2022: self._changes_2022,
            2024: self._changes_2024,
        }
        if version.year in changes:
            changes[version.year](regulation)
        return regulation

    def _move(self, item: Responsibility, to: str, *, duties: str | None = None, on: dt.date | None = None) -> None:
        """Replace an assignment: another member, or the same member with reworded duties."""
        area = item.area.code if item.area else None
        field = item.field.name if item.field else None
        regulation, text = item.regulation, item.duties if duties is None else duties
        do_remove_responsibility(item, acting_user=None)
        self.store.summary.created["responsibility"] -= 1
        self._assign(regulation, to, area=area, field=field, duties=text, valid_from=on)

    def _changes_2018(self, regulation: WorkingRegulation) -> None:
        """The deputy secretary who left on 14/3/2018 hands everything to his successor."""
        gone = self.city_holder(data.DEPUTY, DEPUTY_CHANGE_2018 - dt.timedelta(days=1))
        successor = self.city_holder(data.DEPUTY, DEPUTY_CHANGE_2018)
        for item in regulation.responsibilities.filter(member=gone).select_related("area", "field", "regulation"):
            self._move(item, successor.card_number or "", on=DEPUTY_CHANGE_2018)

    def _changes_2022(self, regulation: WorkingRegulation) -> None:
        """One ward changes hands; one field's duties are reworded."""
        related = ("area", "field", "regulation", "member")
        moved = regulation.responsibilities.select_related(*related).get(area__code=MOVED_AREA_2022)
        pool = self.area_pool(dt.date(regulation.year, 1, 1))
        preferred = self.people.anchors["city_committee_member"]
        to = preferred if preferred != moved.member.card_number else pool[0]
        self._move(moved, to)
        reworded = regulation.responsibilities.select_related(*related).get(field__name=REWORDED_FIELD_2022)
        self._move(reworded, reworded.member.card_number or "", duties=REWORDED_DUTIES_2022)

    def _changes_2024(self, regulation: WorkingRegulation) -> None:
        """The deliberate gap and overlap of the latest adopted version."""
        gap = regulation.responsibilities.select_related("regulation").get(area__code=GAP_AREA_2024)
        do_remove_responsibility(gap, acting_user=None)
        self.store.summary.created["responsibility"] -= 1
        day = dt.date(regulation.year, 1, 1)
        title = self.people.post_title
        leaders = {card for role in FIELD_LEADS.values() for card in self.people.holders(CITY, title(CITY, role), day)}
        leaders |= set(self.people.holders(CITY, title(CITY, data.ORGANIZATION_HEAD), day))
        plain_standing = [
            card for card in self.people.holders(CITY, title(CITY, data.STANDING), day) if card not in leaders
        ]
        self._assign(regulation, plain_standing[0], field=OVERLAP_FIELD_2024, duties=OVERLAP_DUTIES_2024)

    def _adopt(self, regulation: WorkingRegulation, version: Version) -> None:
        assert version.adopted_on is not None
        document = do_create_document(
            organization=self.city,
            kind=DocumentKind.objects.get(code="QC"),
            title=QC_TITLE.format(term=version.term, year=version.year),
            text=regulation.text,
            acting_user=None,
        )
        document = do_issue_document(
            document,
            signed_on=version.adopted_on,
            signer=self.city_holder(data.SECRETARY, version.adopted_on),
            acting_user=None,
        )
        self.store.count("document", True)
        do_adopt_regulation(regulation, document=document, acting_user=None)

    def _discuss(self, regulation: WorkingRegulation) -> None:
        do_open_discussion(regulation, acting_user=None)
        for username, at, text in COMMENTS_2025:
            do_comment_regulation(regulation, text=text, at=at, acting_user=self.users[username])
            self.store.count("comment", True)

    def load_ward_regulation(self) -> None:
        """Phường Hải Dương's 2026 version: drafted with its assignments, discussed, adopted by
        the ward's first QC document of the 2025–2030 term."""
        found = (
            WorkingRegulation.objects.filter(organization=self.ward, year=WARD_REGULATION_YEAR)
            .annotate(assigned=Count("responsibilities", distinct=True), commented=Count("comments", distinct=True))
            .first()
        )
        if found is not None:
            self.store.count("regulation", False)
            self.store.summary.existing["responsibility"] += found.assigned
            self.store.summary.existing["comment"] += found.commented
            if found.adopted_by_id:
                self.store.count("document", False)
            return
        term = Term.objects.get(organization=self.ward, name=data.TERM_2025.name)
        regulation = do_create_regulation(
            organization=self.ward,
            term=term,
            year=WARD_REGULATION_YEAR,
            title=WARD_REGULATION_TITLE,
            text=WARD_REGULATION_TEXT,
            acting_user=None,
        )
        self.store.count("regulation", True)
        day = dt.date(WARD_REGULATION_YEAR, 1, 1)
        pool = self.ward_pool(day)
        cells = [c for c in self.people.orgs.values() if c.parent == HAI_DUONG and c.code != GAP_AREA_2026]
        for index, cell in enumerate(cells):
            duties = WARD_AREA_DUTIES.format(cell=cell.name)
            self._assign(regulation, pool[index % len(pool)], area=cell.code, duties=duties)
        for name, lead in WARD_FIELDS.items():
            card = pool[1] if lead is None else self.ward_holder(lead[0], day, lead[1]).card_number or ""
            self._assign(regulation, card, field=name, duties=WARD_FIELD_DUTIES[name])
        do_open_discussion(regulation, acting_user=None)
        for username, at, text in WARD_COMMENTS:
            do_comment_regulation(regulation, text=text, at=at, acting_user=self.users[username])
            self.store.count("comment", True)
        document = do_create_document(
            organization=self.ward,
            kind=DocumentKind.objects.get(code="QC"),
            title=WARD_QC_TITLE,
            text=regulation.text,
            acting_user=None,
        )
        document = do_issue_document(
            document,
            signed_on=WARD_ADOPTED_ON,
            signer=self.ward_holder(data.SECRETARY, WARD_ADOPTED_ON),
            acting_user=None,
        )
        self.store.count("document", True)
        do_adopt_regulation(regulation, document=document, acting_user=None)

    # Obligations and reports --------------------------------------------------------------------

    def weekly_title(self, card: str, org: str, start: dt.date, end: dt.date) -> str:
        """ "Báo cáo công việc tuần của đồng chí …", with the post the reporter held there on the
        obligation's first day when it is still the post on its last day (the one that applies),
        else without a post: a title never names a post the person did not hold."""
        name = self.person(card).full_name
        post = self.people.title_of(card, org, start)
        if post is None or post != self.people.title_of(card, org, end):
            return f"Báo cáo công việc tuần của đồng chí {name}"
        return f"Báo cáo công việc tuần của đồng chí {name}, {post}"

    def _obligations(self, org: Organization) -> Callable[..., None]:
        """A maker of ``org``'s obligations that creates only what is missing and collects them,
        each with the anchor of its reporter (for the forced cases) and, for a body, the
        organisation whose secretary signs its reports. A person's obligation is found again by
        its reporter and frequency, so a title worded differently by an earlier load is kept,
        not duplicated."""
        store = self.store
        existing = list(ReportObligation.objects.filter(organization=org))
        by_title = {o.title: o for o in existing}
        by_reporter = {(o.reporter_id, o.frequency): o for o in existing if o.reporter_id is not None}
        anchors = {card: name for name, card in self.people.anchors.items()}
        made = self.made.setdefault(org.pk, [])

        def obligation(
            title: str,
            signer_org: str | None,
            *,
            recipient: Body,
            frequency: Frequency,
            due_time: dt.time,
            valid_from: dt.date,
            valid_to: dt.date | None,
            reporter: Person | None = None,
            reporter_body: Body | None = None,
            weekday: int | None = None,
            due_day: int | None = None,
            due_offset_months: int = 1,
            window_start_day: int | None = None,
            sections: list[str],
        ) -> None:
            anchor = anchors.get(reporter.card_number or "") if reporter else None
            found = by_title.get(title) or (by_reporter.get((reporter.pk, frequency)) if reporter else None)
            if found is not None:
                store.count("obligation", False)
                made.append((found, anchor, signer_org))
                return
            item = do_create_obligation(
                organization=org,
                title=title,
                recipient=recipient,
                frequency=frequency,
                due_time=due_time,
                valid_from=valid_from,
                valid_to=valid_to,
                reporter=reporter,
                reporter_body=reporter_body,
                weekday=weekday,
                due_day=due_day,
                due_offset_months=due_offset_months,
                window_start_day=window_start_day,
                sections=sections,
                acting_user=None,
            )
            store.count("obligation", True)
            made.append((item, anchor, signer_org))

        return obligation

    def load_obligations(self) -> list[tuple[ReportObligation, str | None, str | None]]:
        """The city's obligations, 1/1/2024 to its last day."""
        store, start = self.store, OBLIGATIONS_FROM
        standing_body = store.bodies[(self.city.pk, data.CITY_BODIES[1].name)]
        obligation = self._obligations(self.city)
        common = {"recipient": standing_body, "valid_from": start, "valid_to": OLD_END}

        standing_title = self.people.post_title(CITY, data.STANDING)
        for card in self.people.holders(CITY, standing_title, start):
            obligation(
                self.weekly_title(card, CITY, start, OLD_END),
                None,
                reporter=self.person(card),
                frequency=Frequency.WEEKLY,
                weekday=4,
                due_time=dt.time(16, 0),
                sections=SECTIONS_WEEKLY,
                **common,
            )
        for spec in data.CITY_BODIES:
            if spec.kind in (Body.Kind.OFFICE, Body.Kind.DEPARTMENT, Body.Kind.INSPECTION):
                obligation(
                    f"Báo cáo quý của {spec.name}",
                    None,
                    reporter_body=store.bodies[(self.city.pk, spec.name)],
                    frequency=Frequency.QUARTERLY,
                    due_day=5,
                    due_time=dt.time(16, 0),
                    sections=SECTIONS_PERIOD,
                    **common,
                )
        units = self.people.units_on(start)
        for unit in units:
            org = store.orgs[unit.code]
            lp = unit.level_place
            standing = store.bodies[(org.pk, data.UNIT_BODIES[1].name.format(lp=lp))]
            executive = store.bodies[(org.pk, data.UNIT_BODIES[0].name.format(lp=lp))]
            obligation(
                f"Báo cáo tháng của Đảng ủy {lp}",
                unit.code,
                reporter_body=standing,
                frequency=Frequency.MONTHLY,
                due_day=20,
                due_offset_months=0,
                window_start_day=15,
                due_time=dt.time(17, 0),
                sections=SECTIONS_PERIOD,
                **common,
            )
            for frequency, label, due_day in (
                (Frequency.HALF_YEARLY, "Báo cáo sơ kết 6 tháng", 10),
                (Frequency.NINE_MONTHS, "Báo cáo 9 tháng", 10),
                (Frequency.YEARLY, "Báo cáo tổng kết năm", 15),
            ):
                obligation(
                    f"{label} của Đảng bộ {lp}",
                    unit.code,
                    reporter_body=executive,
                    frequency=frequency,
                    due_day=due_day,
                    due_time=dt.time(17, 0),
                    sections=SECTIONS_PERIOD,
                    **common,
                )
        return self.made[self.city.pk]

    def _cell_body(self, code: str, name: str) -> Body:
        """The cell as the body that reports (its chi ủy, or the cell itself where it has none),
        so the cell's report counts for the cell, whoever its secretary is."""
        org = self.store.orgs[code]
        body = Body.objects.filter(organization=org, kind=Body.Kind.CELL_COMMITTEE).first()
        if body is None:
            body = do_create_body(
                organization=org, kind=Body.Kind.CELL_COMMITTEE, name=f"Chi ủy {name}", acting_user=None
            )
        return body

    def load_ward_obligations(self) -> list[tuple[ReportObligation, str | None, str | None]]:
        """Phường Hải Dương's obligations from 7/7/2025, open-ended: each standing member's weekly
        report and each cell's monthly report, filed by the cell (its chi ủy, made here: the plan
        has none) through its secretary, both to the ward's Ban Thường vụ."""
        start = HAI_DUONG_FROM
        standing_body = self.store.bodies[(self.ward.pk, data.UNIT_BODIES[1].name.format(lp=HAI_DUONG_LP))]
        obligation = self._obligations(self.ward)
        common = {"recipient": standing_body, "valid_from": start, "valid_to": None}
        standing_title = self.people.post_title(HAI_DUONG, data.STANDING)
        for card in self.people.holders(HAI_DUONG, standing_title, start):
            obligation(
                self.weekly_title(card, HAI_DUONG, start, AS_OF),
                None,
                reporter=self.person(card),
                frequency=Frequency.WEEKLY,
                weekday=4,
                due_time=dt.time(16, 0),
                sections=SECTIONS_WEEKLY,
                **common,
            )
        for cell in (c for c in self.people.orgs.values() if c.parent == HAI_DUONG):
            obligation(
                f"Báo cáo tháng của {cell.name}",
                None,
                reporter=self.who(Who(data.CELL_SECRETARY), cell.code, start),
                reporter_body=self._cell_body(cell.code, cell.name),
                frequency=Frequency.MONTHLY,
                due_day=5,
                due_time=dt.time(16, 0),
                sections=SECTIONS_CELL,
                **common,
            )
        return self.made[self.ward.pk]

    def load_reports(
        self, obligations: list[tuple[ReportObligation, str | None, str | None]], *, until: dt.date
    ) -> None:
        """The reports of ``obligations`` for every period due by ``until``; none filed later."""
        if not obligations:
            return
        existing = set(
            Submission.objects.filter(obligation__in=[o for o, _a, _s in obligations]).values_list(
                "obligation_id", "period_end"
            )
        )
        forced = FORCED | WARD_FORCED
        last = _at(until, 23, 59)
        for obligation, anchor, signer_org in obligations:
            weekly = obligation.frequency == Frequency.WEEKLY
            for period in periods_between(rule_of(obligation), obligation.valid_from, obligation.valid_to or until):
                if (obligation.pk, period.end) in existing:
                    self.store.count("submission", False)
                    continue
                due = period.due.replace(tzinfo=VIETNAM)
                earliest = _at(period.end - dt.timedelta(days=1), 14) if weekly else _at(period.end, 7, 30)
                if not weekly:
                    earliest += dt.timedelta(days=1)
                if anchor and (anchor, period.end) in forced:
                    minutes = forced[(anchor, period.end)]
                    result = Fate(None if minutes is None else due + dt.timedelta(minutes=minutes))
                else:
                    result = fate(f"{obligation.title}|{period.end}", due, earliest, last)
                if result.at is None:
                    continue
                author = None
                if signer_org is not None:
                    author = self.who(Who(data.SECRETARY), signer_org, min(result.at.date(), until))
                do_submit_report(
                    obligation,
                    period_end=period.end,
                    content=self._content(obligation, period.start, period.end),
                    author=author,
                    at=result.at,
                    acting_user=None,
                )
                self.store.count("submission", True)

    @staticmethod
    def _content(obligation: ReportObligation, start: dt.date, end: dt.date) -> str:
        sections = obligation.sections or SECTIONS_PERIOD
        window = f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"
        return "\n".join(
            f"{index}. {title}: đã tổng hợp số liệu kỳ {window}." for index, title in enumerate(sections, 1)
        )

    def load_adhoc(self) -> None:
        existing = set(Submission.objects.filter(obligation__isnull=True).values_list("organization__code", "topic"))
        for spec in ADHOC:
            if (spec.organization, spec.topic) in existing:
                self.store.count("adhoc", False)
                continue
            do_submit_adhoc_report(
                organization=self.store.orgs[spec.organization],
                topic=spec.topic,
                content=spec.content,
                urgency=spec.urgency,
                data_from=spec.data_from,
                data_to=spec.data_to,
                author=self.who(spec.author, spec.organization, spec.at.date()),
                at=spec.at,
                acting_user=None,
            )
            self.store.count("adhoc", True)

    # Escalations ----------------------------------------------------------------------------------

    def load_escalations(self) -> None:
        """The city's escalations from its wards, then phường Hải Dương's from its cells."""
        existing = set(Escalation.objects.values_list("from_organization__code", "subject"))
        makers: list[tuple[EscalationSpec, Callable[[Escalation, EscalationSpec, TaskFromEscalation], None]]] = [
            *((spec, self._task) for spec in ESCALATIONS),
            *((spec, self._ward_task) for spec in WARD_ESCALATIONS),
        ]
        for spec, make_task in makers:
            if (spec.organization, spec.subject) in existing:
                self.store.count("escalation", False)
                if spec.task:
                    self.store.count("task", False)
                continue
            escalation = do_raise_escalation(
                from_organization=self.store.orgs[spec.organization],
                subject=spec.subject,
                content=spec.content,
                response_days=spec.response_days,
                raised_by=self.who(spec.raiser, spec.organization, spec.raised_on),
                raised_on=spec.raised_on,
                acting_user=None,
            )
            self.store.count("escalation", True)
            if spec.answer:
                escalation = do_answer_escalation(
                    escalation, answer=spec.answer, resolved=spec.resolved, on=spec.answered_on, acting_user=None
                )
            if spec.task:
                make_task(escalation, spec, spec.task)

    def _task(self, escalation: Escalation, spec: EscalationSpec, plan: TaskFromEscalation) -> None:
        day = plan.issued_on
        latest = WorkingRegulation.objects.get(organization=self.city, year=2024)
        lead = latest.responsibilities.select_related("member").get(area__code=spec.organization).member
        task = do_turn_escalation_into_task(
            escalation,
            on=day,
            title=plan.title,
            lead=lead,
            directing_leader=self.city_holder(data.DEPUTY_STANDING, day),
            start=day,
            deadline=plan.deadline,
            deliverable=plan.deliverable,
            acceptance_criterion=plan.acceptance,
            responsibility=plan.responsibility,
            acceptor=self.city_holder(data.SECRETARY, day),
            co_operators=[CoOperatorLine(role=plan.co_role, organization=self.store.orgs[spec.organization])],
            acting_user=None,
        )
        self.store.count("task", True)
        task = do_issue_task(task, on=day, at=_at(day, 8), acting_user=None)
        if plan.progress:
            on, percent, text = plan.progress
            do_report_progress(task, percent=percent, text=text, author=lead, at=_at(on, 16), acting_user=None)
        if plan.done:
            on, text = plan.done
            files = [("bao-cao-ket-qua.pdf", evidence_pdf(plan.title, text, f"{on:%d/%m/%Y}"))]
            task = do_report_done(task, text=text, files=files, author=lead, on=on, at=_at(on, 16), acting_user=None)
            do_accept_task(task, acting_user=None)

    def _ward_task(self, escalation: Escalation, spec: EscalationSpec, plan: TaskFromEscalation) -> None:
        """The ward takes the cell's matter on: led by the Đảng ủy viên who follows the cell in
        the 2026 regulation, directed by the deputy secretary for the urban field, accepted by the
        secretary; issued through the clarity gate."""
        day = plan.issued_on
        regulation = WorkingRegulation.objects.get(organization=self.ward, year=WARD_REGULATION_YEAR)
        lead = regulation.responsibilities.select_related("member").get(area__code=spec.organization).member
        task = do_turn_escalation_into_task(
            escalation,
            on=day,
            title=plan.title,
            lead=lead,
            directing_leader=self.ward_holder(data.DEPUTY, day, 1),
            start=day,
            deadline=plan.deadline,
            deliverable=plan.deliverable,
            acceptance_criterion=plan.acceptance,
            responsibility=plan.responsibility,
            acceptor=self.ward_holder(data.SECRETARY, day),
            co_operators=[CoOperatorLine(role=plan.co_role, organization=self.store.orgs[spec.organization])],
            acting_user=None,
        )
        self.store.count("task", True)
        task = do_issue_task(task, on=day, at=_at(day, 8), acting_user=None)
        if plan.progress:
            on, percent, text = plan.progress
            do_report_progress(task, percent=percent, text=text, author=lead, at=_at(on, 16), acting_user=None)


def load_reporting(plan: DemoPlan, store: Store) -> None:
    """Fields, working regulations 2015–2025, report obligations and reports (2024 to 30/6/2025),
    ad-hoc reports and escalations of the city; phường Hải Dương's 2026 regulation, obligations,
    reports (7/2025 to ``work.AS_OF``) and escalations; nothing dated after ``work.AS_OF``."""
    assert all(spec.raised_on <= AS_OF for spec in (*ESCALATIONS, *WARD_ESCALATIONS))
    loader = _Loader(plan, store)
    loader.load_fields()
    loader.load_regulations()
    loader.load_ward_regulation()
    loader.load_reports(loader.load_obligations(), until=OLD_END)
    loader.load_reports(loader.load_ward_obligations(), until=AS_OF)
    loader.load_adhoc()
    loader.load_escalations()
