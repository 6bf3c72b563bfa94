"""Working regulations, report obligations, reports and escalations of the demo (issue 4, item 8).

What this adds to the Hải Dương demo, all of it for the city committee (Đảng bộ thành phố
Hải Dương) and the wards and communes directly under it:

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
  member's weekly report (Friday 16:00), each ward's monthly report by its standing committee
  (data 15th to 14th, due on the 20th at 17:00 of the month the data window ends), the
  quarterly reports of the city's office, departments and inspection commission, and the
  6-month, 9-month and annual reports of each ward's executive committee; all to the Ban
  Thường vụ Thành ủy.
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

**Time.** Nothing is dated after ``work.AS_OF`` and no date comes from the clock, except what
the actions stamp without a date of their own (accepting a task, the audit log). The one
escalation within its reply-by stays so until its ``respond_by`` (January 2027).

**Load.** :func:`load_reporting` runs after ``load_work`` and creates only what is missing,
by natural key: a field by name, a regulation version by (term, year) — its assignments,
comments and QC document with it —, an obligation by title, a report by (obligation, period
end) or, ad hoc, by (organisation, topic), an escalation by (raising organisation, subject).
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
from namro.organizations.models import Body, Person, Term
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


# --- Loading -------------------------------------------------------------------------------------


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=VIETNAM)


class _Loader:
    def __init__(self, plan: DemoPlan, store: Store) -> None:
        self.store = store
        self.people = _Holders(plan)
        self.city = store.orgs[CITY]
        self.fields: dict[str, Field] = {}
        self.users = {u.username: u for u in User.objects.filter(username__in=["bithu", "uyvien", "vanphong"])}

    # People on a day ------------------------------------------------------------------------------

    def person(self, card: str) -> Person:
        return self.store.persons[card]

    def city_holder(self, role: str, on: dt.date) -> Person:
        cards = self.people.holders(CITY, self.people.post_title(CITY, role), on)
        if not cards:
            raise ValueError(f"nobody holds {role} of the city on {on}")
        return self.person(cards[0])

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
        existing = {f.name: f for f in Field.objects.filter(organization=self.city)}
        for name in FIELDS:
            if name in existing:
                self.fields[name] = existing[name]
                self.store.count("field", False)
                continue
            self.fields[name] = do_create_field(organization=self.city, name=name, acting_user=None)
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
        item = do_assign_responsibility(
            regulation,
            member=self.person(card),
            area=self.store.orgs[area] if area else None,
            field=self.fields[field] if field else None,
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

    # Obligations and reports --------------------------------------------------------------------

    def load_obligations(self) -> list[tuple[ReportObligation, str | None, str | None]]:
        """Every obligation, with the anchor of its reporter (for FORCED) and, for a body, the
        organisation whose secretary signs its reports."""
        store, start = self.store, OBLIGATIONS_FROM
        existing = {o.title: o for o in ReportObligation.objects.filter(organization=self.city)}
        standing_body = store.bodies[(self.city.pk, data.CITY_BODIES[1].name)]
        anchors = {card: name for name, card in self.people.anchors.items()}
        made: list[tuple[ReportObligation, str | None, str | None]] = []

        def obligation(
            title: str,
            anchor: str | None,
            signer_org: str | None,
            *,
            frequency: Frequency,
            due_time: dt.time,
            reporter: Person | None = None,
            reporter_body: Body | None = None,
            weekday: int | None = None,
            due_day: int | None = None,
            due_offset_months: int = 1,
            window_start_day: int | None = None,
            sections: list[str],
        ) -> None:
            if title in existing:
                store.count("obligation", False)
                made.append((existing[title], anchor, signer_org))
                return
            item = do_create_obligation(
                organization=self.city,
                title=title,
                recipient=standing_body,
                frequency=frequency,
                due_time=due_time,
                valid_from=start,
                valid_to=OLD_END,
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

        standing_title = self.people.post_title(CITY, data.STANDING)
        for card in self.people.holders(CITY, standing_title, start):
            person = self.person(card)
            obligation(
                f"Báo cáo công việc tuần của đồng chí {person.full_name}, Ủy viên Ban Thường vụ Thành ủy",
                anchors.get(card),
                None,
                reporter=person,
                frequency=Frequency.WEEKLY,
                weekday=4,
                due_time=dt.time(16, 0),
                sections=SECTIONS_WEEKLY,
            )
        for spec in data.CITY_BODIES:
            if spec.kind in (Body.Kind.OFFICE, Body.Kind.DEPARTMENT, Body.Kind.INSPECTION):
                obligation(
                    f"Báo cáo quý của {spec.name}",
                    None,
                    None,
                    reporter_body=store.bodies[(self.city.pk, spec.name)],
                    frequency=Frequency.QUARTERLY,
                    due_day=5,
                    due_time=dt.time(16, 0),
                    sections=SECTIONS_PERIOD,
                )
        units = self.people.units_on(start)
        for unit in units:
            org = store.orgs[unit.code]
            lp = unit.level_place
            standing = store.bodies[(org.pk, data.UNIT_BODIES[1].name.format(lp=lp))]
            executive = store.bodies[(org.pk, data.UNIT_BODIES[0].name.format(lp=lp))]
            obligation(
                f"Báo cáo tháng của Đảng ủy {lp}",
                None,
                unit.code,
                reporter_body=standing,
                frequency=Frequency.MONTHLY,
                due_day=20,
                due_offset_months=0,
                window_start_day=15,
                due_time=dt.time(17, 0),
                sections=SECTIONS_PERIOD,
            )
            for frequency, label, due_day in (
                (Frequency.HALF_YEARLY, "Báo cáo sơ kết 6 tháng", 10),
                (Frequency.NINE_MONTHS, "Báo cáo 9 tháng", 10),
                (Frequency.YEARLY, "Báo cáo tổng kết năm", 15),
            ):
                obligation(
                    f"{label} của Đảng bộ {lp}",
                    None,
                    unit.code,
                    reporter_body=executive,
                    frequency=frequency,
                    due_day=due_day,
                    due_time=dt.time(17, 0),
                    sections=SECTIONS_PERIOD,
                )
        return made

    def load_reports(self, obligations: list[tuple[ReportObligation, str | None, str | None]]) -> None:
        existing = set(
            Submission.objects.filter(obligation__organization=self.city).values_list("obligation_id", "period_end")
        )
        last = _at(OLD_END, 23, 59)
        for obligation, anchor, signer_org in obligations:
            weekly = obligation.frequency == Frequency.WEEKLY
            for period in periods_between(rule_of(obligation), obligation.valid_from, obligation.valid_to or OLD_END):
                if (obligation.pk, period.end) in existing:
                    self.store.count("submission", False)
                    continue
                due = period.due.replace(tzinfo=VIETNAM)
                earliest = _at(period.end - dt.timedelta(days=1), 14) if weekly else _at(period.end, 7, 30)
                if not weekly:
                    earliest += dt.timedelta(days=1)
                if anchor and (anchor, period.end) in FORCED:
                    minutes = FORCED[(anchor, period.end)]
                    result = Fate(None if minutes is None else due + dt.timedelta(minutes=minutes))
                else:
                    result = fate(f"{obligation.title}|{period.end}", due, earliest, last)
                if result.at is None:
                    continue
                author = None
                if signer_org is not None:
                    author = self.who(Who(data.SECRETARY), signer_org, min(result.at.date(), OLD_END))
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
        existing = set(Escalation.objects.values_list("from_organization__code", "subject"))
        for spec in ESCALATIONS:
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
                self._task(escalation, spec, spec.task)

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


def load_reporting(plan: DemoPlan, store: Store) -> None:
    """Fields, working regulations 2015–2025, report obligations and reports (2024 to 30/6/2025),
    ad-hoc reports and escalations; nothing dated after ``work.AS_OF``."""
    assert all(spec.raised_on <= AS_OF for spec in ESCALATIONS)
    loader = _Loader(plan, store)
    loader.load_fields()
    loader.load_regulations()
    loader.load_reports(loader.load_obligations())
    loader.load_adhoc()
    loader.load_escalations()
