"""/api/v1 for issue #4: working regulations and responsibilities, fields, report obligations,
submissions and compliance, and escalations to the upper level.

Reads go through ``namro.reporting.queries`` (a record outside the caller's scope is 404,
the same answer as a record that does not exist); writes go through
``namro.reporting.actions`` after the right is checked (403 when the record is visible but the
right is lacking). An action's refusal is a 400 naming its field, so a due rule that makes no
sense answers with the code and field of ``periods.validate``.

Every enum is written into the schema where it is used (``inline_choices``): the models'
enums share class names (``Status``, ``Urgency``…), which would overwrite one another as named
OpenAPI components. Schema classes carry a reporting prefix for the same reason.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field as SchemaField

from namro.access.queries import acts_for, bodies_for_user, require, scope_for
from namro.access.roles import Capability
from namro.api.bodies import body_doc, checked_files, read_body
from namro.api.common import (
    CODE_PATTERN,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    InputSchema,
    OrganizationRef,
    PageOut,
    PageQuery,
    PersonRef,
    Text,
    caller,
    inline_choices,
    organization_named,
    organization_ref,
    paginate,
    person_named,
    person_ref,
    refuse_null,
    refuse_unknown_params,
)
from namro.api.errors import ApiError, not_found
from namro.documents.models import Document
from namro.documents.queries import documents_for_user
from namro.lib.errors import ActionError
from namro.lib.uploads import stored_file_response
from namro.organizations.models import Body, Organization, Term
from namro.reporting.actions import (
    do_adopt_regulation,
    do_answer_escalation,
    do_assign_responsibility,
    do_attach_to_submission,
    do_change_obligation,
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
)
from namro.reporting.changes import changes
from namro.reporting.compliance import ComplianceRow, compliance
from namro.reporting.coverage_report import CoverageLine, regulation_coverage
from namro.reporting.models import (
    MAX_SECTIONS,
    Escalation,
    RegulationComment,
    ReportObligation,
    Responsibility,
    Submission,
    SubmissionAttachment,
    WorkingRegulation,
)
from namro.reporting.periods import Frequency, SubmissionState
from namro.reporting.queries import (
    adopting_document,
    can_answer,
    can_attach,
    can_change_obligation,
    can_comment,
    can_manage_regulations,
    can_raise,
    can_submit,
    can_turn_into_task,
    concerning_q,
    escalation_tabs,
    escalations_for_user,
    fields_for_user,
    get_escalation_for_user,
    get_obligation_for_user,
    get_regulation_for_user,
    get_responsibility_for_user,
    get_submission_attachment_for_user,
    get_submission_for_user,
    may_comment,
    obligations_for_user,
    regulations_for_user,
    require_open,
    submissions_for_user,
)
from namro.tasks.models import Task

router = Router()

REGULATIONS = ["Quy chế làm việc"]
REPORTS = ["Báo cáo"]
ESCALATIONS = ["Kiến nghị lên cấp trên"]

Code = Annotated[str, Text(60, min_length=1, pattern=CODE_PATTERN)]
RegulationId = Annotated[int, Path(ge=1, description="Mã số (id) của quy chế.")]
ResponsibilityId = Annotated[int, Path(ge=1, description="Mã số (id) của phân công phụ trách.")]
ObligationId = Annotated[int, Path(ge=1, description="Mã số (id) của chế độ báo cáo.")]
AttachmentId = Annotated[int, Path(ge=1, description="Mã số (id) của tệp đính kèm.")]
SubmissionId = Annotated[int, Path(ge=1, description="Mã số (id) của báo cáo đã nộp.")]
EscalationId = Annotated[int, Path(ge=1, description="Mã số (id) của kiến nghị.")]

RegulationStatus = Annotated[
    WorkingRegulation.Status,
    inline_choices(WorkingRegulation.Status, "draft (dự thảo), discussion (đang thảo luận), adopted (đã ban hành)."),
]
FrequencyCode = Annotated[
    Frequency,
    inline_choices(
        Frequency,
        "Kỳ báo cáo: weekly (tuần), monthly (tháng), quarterly (quý), half_yearly (6 tháng), "
        "nine_months (9 tháng), yearly (năm).",
    ),
]
StateCode = Annotated[
    SubmissionState,
    inline_choices(
        SubmissionState, "on_time (đúng hạn), late (muộn), missing (chưa nộp, đã quá hạn), not_due (chưa đến hạn)."
    ),
]
UrgencyCode = Annotated[
    Submission.Urgency,
    inline_choices(Submission.Urgency, "Độ khẩn: normal (thường), urgent (khẩn), very_urgent (hỏa tốc)."),
]
EscalationStatus = Annotated[
    Escalation.Status,
    inline_choices(
        Escalation.Status,
        "raised (đã gửi), answered (đã trả lời), resolved (đã giải quyết xong), tasked (đã giao thành nhiệm vụ).",
    ),
]
TaskStatusCode = Annotated[Task.Status, inline_choices(Task.Status, "Trạng thái của nhiệm vụ.")]

# A compliance or period window longer than this is refused: the answer is not paginated.
MAX_WINDOW_DAYS = 400
DEFAULT_PAST_DAYS = 90
DEFAULT_FUTURE_DAYS = 35

FILES_NOTE = (
    " Gửi JSON, hoặc multipart/form-data để kèm tệp ở trường `files` (tối đa 10 tệp; PDF, DOCX, XLSX, JPG, PNG, "
    "TXT; giới hạn dung lượng; nội dung phải đúng loại tệp — sai thì 400 với mã `file_type_not_allowed`, "
    "`file_content_mismatch`, `file_too_large`, `empty_file` và không lưu gì)."
)
ERRORS_DOC = (
    " Lỗi: 401 khi chưa xác thực; 404 khi bản ghi không tồn tại hoặc ngoài phạm vi quyền (kèm tên trường nếu do "
    "một mã, id gửi lên); 403 khi thấy bản ghi nhưng không có quyền làm việc này; 422 khi dữ liệu sai kiểu, sai "
    "định dạng; 400 khi việc bị từ chối vì dữ liệu (mã lỗi và trường cụ thể)."
)


# --- Output schemas: references ----------------------------------------------------------------


class ReportingBodyRef(Schema):
    id: int
    name: str
    organization: str = SchemaField(description="Mã tổ chức của cơ quan.")


class ReportingTermRef(Schema):
    id: int
    name: str


class ReportingDocumentRef(Schema):
    id: int
    reference: str = SchemaField(description="Số hiệu, ví dụ: 01-QC/ĐU.")
    title: str


class ReportingFieldRef(Schema):
    id: int
    name: str


class ObligationRef(Schema):
    id: int
    title: str


class EscalationTaskRef(Schema):
    id: int
    title: str
    status: TaskStatusCode


# --- Output schemas: regulations ---------------------------------------------------------------


class RegulationOut(Schema):
    id: int
    organization: OrganizationRef
    term: ReportingTermRef
    year: int
    title: str
    status: RegulationStatus
    status_label: str = SchemaField(description="Tên trạng thái bằng tiếng Việt.")
    previous: int | None = SchemaField(description="Id phiên bản năm trước; null với phiên bản đầu tiên.")
    adopted_by: ReportingDocumentRef | None = SchemaField(
        description="Văn bản QC ban hành quy chế; null khi chưa ban hành hoặc văn bản mật ngoài quyền của người gọi."
    )


class RegulationPage(PageOut):
    results: list[RegulationOut]


class ResponsibilityOut(Schema):
    id: int
    regulation: int = SchemaField(description="Id quy chế.")
    member: PersonRef = SchemaField(description="Cấp ủy viên được phân công.")
    area: OrganizationRef | None = SchemaField(description="Địa bàn (tổ chức trực thuộc) phụ trách.")
    field: ReportingFieldRef | None = SchemaField(description="Ngành, lĩnh vực phụ trách.")
    duties: str
    valid_from: dt.date
    valid_to: dt.date | None


class CoverageLineOut(Schema):
    kind: str = SchemaField(description="area (địa bàn) hoặc field (ngành, lĩnh vực).")
    id: int = SchemaField(description="Id tổ chức (với area) hoặc id ngành, lĩnh vực (với field).")
    label: str = SchemaField(description="Tên địa bàn hoặc ngành, lĩnh vực.")
    members: list[PersonRef] = SchemaField(description="Những người cùng phụ trách (rỗng với chỗ trống).")


class CoverageOut(Schema):
    day: dt.date = SchemaField(description="Ngày được kiểm tra.")
    total: int = SchemaField(description="Số địa bàn và ngành, lĩnh vực phải có người phụ trách.")
    covered: int = SchemaField(description="Số chỉ có đúng một người phụ trách.")
    complete: bool = SchemaField(description="Không có chỗ trống, không có chỗ trùng.")
    gaps: list[CoverageLineOut] = SchemaField(description="Chưa có ai phụ trách.")
    overlaps: list[CoverageLineOut] = SchemaField(description="Có hơn một người phụ trách.")


class DutiesChangeOut(Schema):
    before: ResponsibilityOut
    after: ResponsibilityOut


class ChangeListOut(Schema):
    previous: int = SchemaField(description="Id phiên bản được so sánh.")
    added: list[ResponsibilityOut]
    removed: list[ResponsibilityOut]
    duties_changed: list[DutiesChangeOut]
    text_added: list[str] = SchemaField(description="Dòng nội dung mới.")
    text_removed: list[str] = SchemaField(description="Dòng nội dung bỏ đi.")


class RegulationCommentOut(Schema):
    id: int
    author: str | None = SchemaField(description="Tên người góp ý (null nếu tài khoản đã bị xóa).")
    created_at: dt.datetime
    text: str


class RegulationDetailOut(RegulationOut):
    text: str
    version: int = SchemaField(description="Phiên bản sửa; gửi kèm khi sửa (PATCH) để phát hiện sửa đồng thời.")
    responsibilities: list[ResponsibilityOut]
    coverage: CoverageOut
    changes: ChangeListOut | None = SchemaField(description="Thay đổi so với phiên bản trước; null nếu không có.")
    comments: list[RegulationCommentOut]
    allowed_actions: list[str] = SchemaField(
        description="Những việc người gọi làm được lúc này: edit, discuss, comment, adopt, assign, next_version."
    )


# --- Output schemas: fields, obligations, submissions, compliance ------------------------------


class ReportingFieldOut(Schema):
    id: int
    organization: OrganizationRef
    name: str
    active: bool


class ReportingFieldPage(PageOut):
    results: list[ReportingFieldOut]


class ObligationOut(Schema):
    id: int
    organization: OrganizationRef = SchemaField(description="Tổ chức đặt ra chế độ báo cáo.")
    title: str
    reporter: PersonRef | None = SchemaField(description="Cá nhân phải báo cáo.")
    reporter_body: ReportingBodyRef | None = SchemaField(description="Tập thể phải báo cáo.")
    recipient: ReportingBodyRef = SchemaField(description="Nơi nhận báo cáo.")
    frequency: FrequencyCode
    weekday: int | None = SchemaField(description="Báo cáo tuần: thứ phải nộp (0 = thứ Hai).")
    due_day: int | None = SchemaField(description="Các kỳ khác: ngày trong tháng phải nộp (1–28).")
    due_offset_months: int = SchemaField(description="0: nộp trong tháng cuối kỳ; 1: nộp vào tháng sau kỳ.")
    due_time: dt.time = SchemaField(description="Giờ phải nộp, ví dụ 16:00.")
    window_start_day: int | None = SchemaField(description="Kỳ số liệu bắt đầu từ ngày này (ví dụ 15: 15 đến 14).")
    sections: list[str] = SchemaField(description="Mẫu đề mục của báo cáo.")
    valid_from: dt.date
    valid_to: dt.date | None
    version: int = SchemaField(description="Phiên bản sửa; gửi kèm khi sửa (PATCH) để phát hiện sửa đồng thời.")


class ObligationPage(PageOut):
    results: list[ObligationOut]


class PeriodOut(Schema):
    period_start: dt.date
    period_end: dt.date
    due_at: dt.datetime = SchemaField(description="Hạn nộp.")
    state: StateCode
    submission: int | None = SchemaField(description="Id báo cáo đã nộp cho kỳ này.")
    submitted_at: dt.datetime | None


class ObligationDetailOut(ObligationOut):
    window_start: dt.date = SchemaField(description="Khoảng xem: các kỳ có hạn nộp từ ngày này…")
    window_end: dt.date = SchemaField(description="…đến ngày này.")
    periods: list[PeriodOut] = SchemaField(description="Các kỳ có hạn nộp trong khoảng xem và tình trạng nộp.")
    can_submit: bool = SchemaField(description="Người gọi nộp được báo cáo cho chế độ này.")
    can_change: bool = SchemaField(description="Người gọi sửa hoặc cho hết áp dụng được chế độ này (PATCH).")


class SubmissionOut(Schema):
    id: int
    organization: OrganizationRef
    obligation: ObligationRef | None = SchemaField(description="Chế độ báo cáo; null với báo cáo đột xuất.")
    period_start: dt.date | None = SchemaField(description="Kỳ (hoặc kỳ số liệu của báo cáo đột xuất) từ ngày.")
    period_end: dt.date | None
    due_at: dt.datetime | None = SchemaField(description="Hạn nộp của kỳ; null với báo cáo đột xuất.")
    submitted_at: dt.datetime
    author: PersonRef | None
    topic: str = SchemaField(description="Chủ đề (báo cáo đột xuất).")
    urgency: UrgencyCode
    state: StateCode | None = SchemaField(description="on_time hoặc late; null với báo cáo đột xuất.")


class SubmissionPage(PageOut):
    results: list[SubmissionOut]


class SubmissionAttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int = SchemaField(description="Kích thước (byte).")
    uploaded_at: dt.datetime
    download: str = SchemaField(description="Đường dẫn tải tệp (GET, cùng mã truy cập).")


class SubmissionDetailOut(SubmissionOut):
    content: str
    attachments: list[SubmissionAttachmentOut]


class ComplianceRowOut(Schema):
    obligation: ObligationRef
    organization: OrganizationRef = SchemaField(description="Tổ chức đặt ra chế độ báo cáo.")
    reporter: PersonRef | None
    reporter_body: ReportingBodyRef | None
    period_start: dt.date
    period_end: dt.date
    due_at: dt.datetime
    state: StateCode
    submission: int | None
    submitted_at: dt.datetime | None


class ComplianceCountsOut(Schema):
    on_time: int
    late: int
    missing: int
    not_due: int


class ComplianceOut(Schema):
    start: dt.date
    end: dt.date
    now: dt.datetime = SchemaField(description="Thời điểm tính: chưa nộp chỉ là missing khi đã quá hạn lúc này.")
    counts: ComplianceCountsOut
    rows: list[ComplianceRowOut] = SchemaField(description="Theo hạn nộp, rồi theo chế độ báo cáo.")


# --- Output schemas: escalations ---------------------------------------------------------------


class EscalationOut(Schema):
    id: int
    from_organization: OrganizationRef = SchemaField(description="Đơn vị kiến nghị.")
    to_organization: OrganizationRef = SchemaField(description="Cấp trên nhận kiến nghị.")
    raised_by: PersonRef | None
    subject: str
    raised_on: dt.date
    response_days: int = SchemaField(description="Thời hạn trả lời (ngày làm việc).")
    respond_by: dt.date = SchemaField(description="Hạn trả lời.")
    status: EscalationStatus
    status_label: str
    overdue: bool = SchemaField(description="Chưa trả lời và đã quá hạn trả lời.")
    answered_on: dt.date | None


class EscalationPage(PageOut):
    results: list[EscalationOut]


class EscalationDetailOut(EscalationOut):
    content: str
    answer: str
    task: EscalationTaskRef | None = SchemaField(
        description="Nhiệm vụ cấp trên giao từ kiến nghị; null nếu chưa có hoặc người gọi không xem được nhiệm vụ."
    )
    allowed_actions: list[str] = SchemaField(description="Những việc người gọi làm được lúc này: answer, task.")


# --- Input schemas -----------------------------------------------------------------------------


class RegulationFilters(PageQuery):
    under: Code | None = SchemaField(None, description="Quy chế của tổ chức có mã này và các tổ chức bên dưới.")
    status: RegulationStatus | None = None
    year: int | None = SchemaField(None, ge=1900, le=2200, description="Năm của phiên bản.")


class RegulationCreateIn(InputSchema):
    organization: Code = SchemaField(description="Mã tổ chức; cần quyền soạn quy chế tại đó.")
    term: int = SchemaField(ge=1, description="Id nhiệm kỳ của tổ chức.")
    year: int = SchemaField(ge=1900, le=2200, description="Năm của phiên bản, trong nhiệm kỳ.")
    title: Annotated[str, Text(300, min_length=1)]
    text: Annotated[str, Text(200_000)] = ""


class RegulationUpdateIn(InputSchema):
    version: int = SchemaField(ge=1, description="Phiên bản sửa lúc bắt đầu sửa (trường version của chi tiết).")
    title: Annotated[str, Text(300, min_length=1)] | None = None
    text: Annotated[str, Text(200_000)] | None = None

    _sent_not_null = refuse_null("title", "text")


class NextVersionIn(InputSchema):
    year: int = SchemaField(ge=1900, le=2200, description="Năm của phiên bản mới, sau năm của phiên bản này.")


class CommentIn(InputSchema):
    text: Annotated[str, Text(5000, min_length=1)]


class AdoptIn(InputSchema):
    document: int = SchemaField(ge=1, description="Id văn bản QC đã ký của cùng tổ chức.")


class ResponsibilityIn(InputSchema):
    member: int = SchemaField(ge=1, description="Id cấp ủy viên.")
    area: Code | None = SchemaField(None, description="Mã tổ chức trực thuộc (địa bàn) phụ trách.")
    field: int | None = SchemaField(None, ge=1, description="Id ngành, lĩnh vực phụ trách.")
    duties: Annotated[str, Text(5000)] = ""
    valid_from: dt.date | None = SchemaField(None, description="Mặc định ngày 01/01 của năm quy chế.")


class FieldFilters(PageQuery):
    under: Code | None = SchemaField(None, description="Ngành, lĩnh vực của tổ chức có mã này và bên dưới.")
    active: bool | None = None


class FieldCreateIn(InputSchema):
    organization: Code
    name: Annotated[str, Text(200, min_length=1)]


class ObligationFilters(PageQuery):
    under: Code | None = SchemaField(
        None, description="Chế độ báo cáo do tổ chức này (và bên dưới) đặt ra hoặc người, tập thể ở đó phải nộp."
    )
    reporter: int | None = SchemaField(None, ge=1, description="Id cá nhân phải báo cáo.")
    frequency: FrequencyCode | None = None


class WindowQuery(InputSchema):
    start: dt.date | None = SchemaField(None, description="Từ ngày (YYYY-MM-DD); mặc định 90 ngày trước.")
    end: dt.date | None = SchemaField(None, description="Đến ngày (YYYY-MM-DD); mặc định 35 ngày tới.")


class ObligationCreateIn(InputSchema):
    organization: Code = SchemaField(description="Mã tổ chức đặt ra chế độ báo cáo; cần quyền soạn quy chế tại đó.")
    title: Annotated[str, Text(300, min_length=1)]
    reporter: int | None = SchemaField(None, ge=1, description="Id cá nhân phải báo cáo.")
    reporter_body: int | None = SchemaField(None, ge=1, description="Id tập thể phải báo cáo.")
    recipient: int = SchemaField(
        ge=1,
        description="Id cơ quan nhận báo cáo: của tổ chức đặt chế độ hoặc cấp trên (khác: 400 `recipient_not_above`).",
    )
    frequency: FrequencyCode
    weekday: int | None = SchemaField(None, description="Báo cáo tuần: thứ phải nộp, 0 = thứ Hai … 6 = Chủ nhật.")
    due_day: int | None = SchemaField(None, description="Các kỳ khác: ngày phải nộp trong tháng (1–28).")
    due_offset_months: int = SchemaField(1, description="0: nộp trong tháng cuối kỳ; 1: nộp vào tháng sau kỳ.")
    due_time: dt.time = SchemaField(description="Giờ phải nộp (HH:MM).")
    window_start_day: int | None = SchemaField(None, description="Kỳ số liệu bắt đầu từ ngày (1–28).")
    sections: list[Annotated[str, Text(300)]] = SchemaField(
        default_factory=list, max_length=MAX_SECTIONS, description="Mẫu đề mục (tối đa 30)."
    )
    valid_from: dt.date = SchemaField(description="Áp dụng từ ngày.")
    valid_to: dt.date | None = SchemaField(None, description="Áp dụng đến ngày (không trước valid_from).")


class ObligationUpdateIn(InputSchema):
    version: int = SchemaField(ge=1, description="Phiên bản sửa lúc bắt đầu sửa (trường version của chi tiết).")
    title: Annotated[str, Text(300, min_length=1)] | None = None
    recipient: int | None = SchemaField(
        None,
        ge=1,
        description="Id cơ quan nhận báo cáo: của tổ chức đặt chế độ hoặc cấp trên (khác: 400 `recipient_not_above`).",
    )
    sections: list[Annotated[str, Text(300)]] | None = SchemaField(
        None, max_length=MAX_SECTIONS, description="Mẫu đề mục (tối đa 30)."
    )
    valid_to: dt.date | None = SchemaField(
        None, description="Áp dụng đến ngày; gửi null để bỏ ngày hết áp dụng, không gửi thì giữ nguyên."
    )

    _sent_not_null = refuse_null("title", "recipient", "sections")


class AttachIn(InputSchema):
    """Chỉ có các tệp (multipart/form-data, trường `files`)."""


class SubmissionFilters(PageQuery):
    under: Code | None = SchemaField(None, description="Báo cáo của tổ chức có mã này và bên dưới.")
    obligation: int | None = SchemaField(None, ge=1, description="Id chế độ báo cáo.")
    adhoc: bool | None = SchemaField(None, description="true: chỉ báo cáo đột xuất; false: chỉ báo cáo định kỳ.")
    urgency: UrgencyCode | None = None


class SubmitIn(InputSchema):
    period_end: dt.date = SchemaField(description="Ngày kết thúc của kỳ báo cáo.")
    content: Annotated[str, Text(100_000, min_length=1)]


class AdhocIn(InputSchema):
    organization: Code = SchemaField(description="Mã tổ chức báo cáo; cần quyền nộp báo cáo tại đó.")
    topic: Annotated[str, Text(300, min_length=1)]
    content: Annotated[str, Text(100_000, min_length=1)]
    urgency: UrgencyCode = Submission.Urgency.NORMAL
    data_from: dt.date | None = SchemaField(None, description="Kỳ số liệu từ ngày.")
    data_to: dt.date | None = SchemaField(None, description="Kỳ số liệu đến ngày (không trước data_from).")


class ComplianceQuery(InputSchema):
    under: Code | None = SchemaField(
        None, description="Chế độ báo cáo do tổ chức này (và bên dưới) đặt ra hoặc người, tập thể ở đó phải nộp."
    )
    person: int | None = SchemaField(None, ge=1, description="Chỉ báo cáo của cá nhân này.")
    start: dt.date | None = SchemaField(None, description="Các kỳ có hạn nộp từ ngày (mặc định 90 ngày trước).")
    end: dt.date | None = SchemaField(None, description="… đến ngày (mặc định hôm nay).")


class EscalationFilters(PageQuery):
    direction: Literal["received", "raised", "below"] | None = SchemaField(
        None,
        description=(
            "received: gửi đến tổ chức người gọi được phân quyền trực tiếp; raised: do tổ chức đó gửi lên, hoặc do "
            "chính người gọi gửi; below: giữa các tổ chức cấp dưới trong phạm vi quyền."
        ),
    )
    status: EscalationStatus | None = None
    overdue: bool | None = SchemaField(None, description="true: chỉ kiến nghị chưa trả lời đã quá hạn.")


class EscalationCreateIn(InputSchema):
    from_organization: Code = SchemaField(description="Mã tổ chức kiến nghị; gửi lên tổ chức cấp trên trực tiếp.")
    subject: Annotated[str, Text(300, min_length=1)]
    content: Annotated[str, Text(20_000, min_length=1)]
    response_days: int = SchemaField(description="Thời hạn trả lời, 1–60 ngày làm việc.")


class AnswerIn(InputSchema):
    answer: Annotated[str, Text(20_000, min_length=1)]
    resolved: bool = SchemaField(False, description="true: vấn đề đã được giải quyết xong.")


class EscalationTaskIn(InputSchema):
    """The "5 rõ" of the upper level's task; the task is a draft, checked by the gate when issued."""

    title: Annotated[str, Text(500, min_length=1)] | None = SchemaField(
        None, description="Tên nhiệm vụ (rõ việc); mặc định là vấn đề kiến nghị."
    )
    lead: int | None = SchemaField(None, ge=1, description="Id người chủ trì (rõ người).")
    start: dt.date | None = None
    deadline: dt.date | None = SchemaField(None, description="Hạn hoàn thành (rõ thời gian).")
    deliverable: Annotated[str, Text(500)] = SchemaField("", description="Sản phẩm đầu ra (rõ kết quả).")
    acceptance_criterion: Annotated[str, Text(500)] = SchemaField("", description="Tiêu chí nghiệm thu.")
    responsibility: Annotated[str, Text(5000)] = SchemaField("", description="Trách nhiệm (rõ trách nhiệm).")


# --- Helpers -----------------------------------------------------------------------------------


def _forbid(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _under(user: Any, code: str | None, field: str = "under") -> Organization | None:
    return organization_named(user, code, field) if code else None


def _window(start: dt.date | None, end: dt.date | None, today: dt.date, future: int) -> tuple[dt.date, dt.date]:
    end = end or today + dt.timedelta(days=future)
    start = start or min(end, today) - dt.timedelta(days=DEFAULT_PAST_DAYS)
    if end < start:
        raise ApiError(422, "window_ends_before_start", _("Ngày kết thúc (end) trước ngày bắt đầu (start)."), "end")
    if (end - start).days > MAX_WINDOW_DAYS:
        raise ApiError(
            422,
            "window_too_long",
            _("Khoảng thời gian xem tối đa %(n)d ngày.") % {"n": MAX_WINDOW_DAYS},
            "end",
        )
    return start, end


def _body_ref(body: Body) -> ReportingBodyRef:
    """The body's organisation must be loaded with it."""
    return ReportingBodyRef(id=body.pk, name=body.name, organization=body.organization.code)


def _document_ref(document: Document | None) -> ReportingDocumentRef | None:
    if document is None:
        return None
    return ReportingDocumentRef(id=document.pk, reference=document.reference, title=document.title)


def _regulations(user: Any) -> QuerySet[WorkingRegulation]:
    return regulations_for_user(user).select_related("adopted_by__kind", "adopted_by__organization")


def _regulation_fields(user: Any, regulation: WorkingRegulation) -> dict[str, Any]:
    return {
        "id": regulation.pk,
        "organization": organization_ref(regulation.organization),
        "term": ReportingTermRef(id=regulation.term.pk, name=regulation.term.name),
        "year": regulation.year,
        "title": regulation.title,
        "status": WorkingRegulation.Status(regulation.status),
        "status_label": regulation.get_status_display(),
        "previous": regulation.previous_id,
        "adopted_by": _document_ref(adopting_document(user, regulation)),
    }


def _responsibility_out(item: Responsibility) -> ResponsibilityOut:
    """Member, area and field must be loaded with it."""
    return ResponsibilityOut(
        id=item.pk,
        regulation=item.regulation_id,
        member=person_ref(item.member),
        area=organization_ref(item.area) if item.area else None,
        field=ReportingFieldRef(id=item.field.pk, name=item.field.name) if item.field else None,
        duties=item.duties,
        valid_from=item.valid_from,
        valid_to=item.valid_to,
    )


def _coverage_line(line: CoverageLine) -> CoverageLineOut:
    return CoverageLineOut(kind=line.kind, id=line.id, label=line.label, members=[person_ref(p) for p in line.members])


def _comment_out(comment: RegulationComment) -> RegulationCommentOut:
    author = comment.author
    name = None
    if author is not None:
        name = author.person.full_name if author.person else str(author)
    return RegulationCommentOut(id=comment.pk, author=name, created_at=comment.created_at, text=comment.text)


def _regulation_actions(user: Any, regulation: WorkingRegulation) -> list[str]:
    manage = can_manage_regulations(user, regulation.organization)
    editable = regulation.status != WorkingRegulation.Status.ADOPTED
    checks = [
        ("edit", manage and editable),
        ("discuss", manage and regulation.status == WorkingRegulation.Status.DRAFT),
        ("comment", can_comment(user, regulation)),
        ("adopt", manage and editable),
        ("assign", manage and editable),
        ("next_version", manage),
    ]
    return [name for name, allowed in checks if allowed]


def _regulation_detail(user: Any, regulation: WorkingRegulation) -> RegulationDetailOut:
    """The version with its assignments, coverage, change list and comments: a fixed number
    of queries whatever their size."""
    items = regulation.responsibilities.select_related("member", "area", "field").order_by("member__full_name", "id")
    coverage = regulation_coverage(regulation)
    change_list = None
    if regulation.previous_id is not None:
        diff = changes(regulation)
        change_list = ChangeListOut(
            previous=regulation.previous_id,
            added=[_responsibility_out(r) for r in diff.added],
            removed=[_responsibility_out(r) for r in diff.removed],
            duties_changed=[
                DutiesChangeOut(before=_responsibility_out(a), after=_responsibility_out(b))
                for a, b in diff.duties_changed
            ],
            text_added=diff.text_added,
            text_removed=diff.text_removed,
        )
    comments = regulation.comments.select_related("author__person")
    return RegulationDetailOut(
        **_regulation_fields(user, regulation),
        text=regulation.text,
        version=regulation.version,
        responsibilities=[_responsibility_out(r) for r in items],
        coverage=CoverageOut(
            day=coverage.day,
            total=coverage.total,
            covered=coverage.covered,
            complete=coverage.complete,
            gaps=[_coverage_line(line) for line in coverage.gaps],
            overlaps=[_coverage_line(line) for line in coverage.overlaps],
        ),
        changes=change_list,
        comments=[_comment_out(c) for c in comments],
        allowed_actions=_regulation_actions(user, regulation),
    )


def _regulation_named(user: Any, pk: int, capability: Capability = Capability.VIEW) -> WorkingRegulation:
    # Http404 and PermissionDenied become the one error format in api/errors.py.
    return get_regulation_for_user(user, pk, capability=capability)


def _fresh_regulation(user: Any, pk: int) -> RegulationDetailOut:
    return _regulation_detail(user, _regulations(user).get(pk=pk))


def _obligations(user: Any) -> QuerySet[ReportObligation]:
    return obligations_for_user(user).select_related("recipient__organization", "reporter_body__organization")


def _obligation_fields(obligation: ReportObligation) -> dict[str, Any]:
    return {
        "id": obligation.pk,
        "organization": organization_ref(obligation.organization),
        "title": obligation.title,
        "reporter": person_ref(obligation.reporter) if obligation.reporter else None,
        "reporter_body": _body_ref(obligation.reporter_body) if obligation.reporter_body else None,
        "recipient": _body_ref(obligation.recipient),
        "frequency": Frequency(obligation.frequency),
        "weekday": obligation.weekday,
        "due_day": obligation.due_day,
        "due_offset_months": obligation.due_offset_months,
        "due_time": obligation.due_time,
        "window_start_day": obligation.window_start_day,
        "sections": list(obligation.sections or []),
        "valid_from": obligation.valid_from,
        "valid_to": obligation.valid_to,
        "version": obligation.version,
    }


def _period_out(row: ComplianceRow) -> PeriodOut:
    submission = row.submission
    return PeriodOut(
        period_start=row.period.start,
        period_end=row.period.end,
        due_at=timezone.make_aware(row.period.due),
        state=row.state,
        submission=submission.pk if submission else None,
        submitted_at=submission.submitted_at if submission else None,
    )


def _obligation_detail(
    user: Any, obligation: ReportObligation, start: dt.date, end: dt.date, now: dt.datetime
) -> ObligationDetailOut:
    rows = compliance([obligation], start, end, now)
    return ObligationDetailOut(
        **_obligation_fields(obligation),
        window_start=start,
        window_end=end,
        periods=[_period_out(row) for row in rows],
        can_submit=can_submit(user, obligation),
        can_change=can_change_obligation(user, obligation),
    )


def _fresh_obligation(user: Any, pk: int) -> ObligationDetailOut:
    """The obligation as just written, with the default window of periods."""
    start, end = _window(None, None, timezone.localdate(), DEFAULT_FUTURE_DAYS)
    return _obligation_detail(user, _obligations(user).get(pk=pk), start, end, timezone.now())


def _body_named(user: Any, pk: int, field: str) -> Body:
    """A body whose organisation the caller may see, else 404 naming the field."""
    body = bodies_for_user(user).filter(pk=pk).first()
    if body is None:
        raise not_found(field)
    return body


def _submission_fields(submission: Submission) -> dict[str, Any]:
    obligation = submission.obligation
    submission_state = submission.timeliness
    return {
        "id": submission.pk,
        "organization": organization_ref(submission.organization),
        "obligation": ObligationRef(id=obligation.pk, title=obligation.title) if obligation else None,
        "period_start": submission.period_start,
        "period_end": submission.period_end,
        "due_at": submission.due_at,
        "submitted_at": submission.submitted_at,
        "author": person_ref(submission.author) if submission.author else None,
        "topic": submission.topic,
        "urgency": Submission.Urgency(submission.urgency),
        "state": submission_state,
    }


def _submission_detail(submission: Submission) -> SubmissionDetailOut:
    return SubmissionDetailOut(
        **_submission_fields(submission),
        content=submission.content,
        attachments=[_attachment_out(a) for a in submission.attachments.all()],
    )


def _attachment_out(item: SubmissionAttachment) -> SubmissionAttachmentOut:
    return SubmissionAttachmentOut(
        id=item.pk,
        name=item.original_name,
        content_type=item.content_type,
        size=item.size,
        uploaded_at=item.uploaded_at,
        download=reverse(
            "api:download_report_attachment",
            kwargs={"submission_id": item.submission_id, "attachment_id": item.pk},
        ),
    )


def _escalation_fields(escalation: Escalation, today: dt.date) -> dict[str, Any]:
    return {
        "id": escalation.pk,
        "from_organization": organization_ref(escalation.from_organization),
        "to_organization": organization_ref(escalation.to_organization),
        "raised_by": person_ref(escalation.raised_by) if escalation.raised_by else None,
        "subject": escalation.subject,
        "raised_on": escalation.raised_on,
        "response_days": escalation.response_days,
        "respond_by": escalation.respond_by,
        "status": Escalation.Status(escalation.status),
        "status_label": escalation.get_status_display(),
        "overdue": escalation.is_overdue(today),
        "answered_on": escalation.answered_on,
    }


def _escalation_detail(user: Any, escalation: Escalation) -> EscalationDetailOut:
    task = None
    if escalation.task is not None:
        # The task is the upper level's answer to the matter: whoever sees the escalation sees
        # its title and status (as on the page), even when the task itself is out of their scope.
        made = escalation.task
        task = EscalationTaskRef(id=made.pk, title=made.title, status=Task.Status(made.status))
    open_ = escalation.status in (Escalation.Status.RAISED, Escalation.Status.ANSWERED)
    checks = [
        ("answer", open_ and can_answer(user, escalation)),
        ("task", escalation.task_id is None and open_ and can_turn_into_task(user, escalation)),
    ]
    return EscalationDetailOut(
        **_escalation_fields(escalation, timezone.localdate()),
        content=escalation.content,
        answer=escalation.answer,
        task=task,
        allowed_actions=[name for name, allowed in checks if allowed],
    )


def _fresh_escalation(user: Any, pk: int) -> EscalationDetailOut:
    return _escalation_detail(user, get_escalation_for_user(user, pk))


# --- Endpoints: working regulations ------------------------------------------------------------


@router.get(
    "/regulations",
    response={200: RegulationPage, READ_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Danh sách quy chế làm việc",
    description=(
        "Các phiên bản quy chế làm việc trong phạm vi quyền, mới nhất trước; lọc theo tổ chức (`under`, gồm cấp "
        "dưới), trạng thái và năm; có phân trang."
    ),
)
def list_regulations(request: HttpRequest, filters: Query[RegulationFilters]) -> RegulationPage:
    user = caller(request)
    qs = _regulations(user)
    org = _under(user, filters.under)
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(year=filters.year)
    page = paginate(request, qs.order_by("organization__path", "-year", "-id"), filters)
    return RegulationPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[RegulationOut(**_regulation_fields(user, r)) for r in page.rows],
    )


@router.get(
    "/regulations/{regulation_id}",
    response={200: RegulationDetailOut, READ_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Chi tiết quy chế làm việc",
    description=(
        "Phiên bản quy chế với nội dung, phân công phụ trách, kiểm tra phân công (địa bàn, ngành, lĩnh vực chưa "
        "có ai phụ trách hoặc có hơn một người — ghi rõ tên), danh sách thay đổi so với phiên bản năm trước và "
        "các ý kiến góp ý."
    ),
)
def get_regulation(request: HttpRequest, regulation_id: RegulationId) -> RegulationDetailOut:
    user = caller(request)
    regulation = _regulations(user).filter(pk=regulation_id).first()
    if regulation is None:
        raise not_found()
    return _regulation_detail(user, regulation)


@router.post(
    "/regulations",
    response={201: RegulationDetailOut, WRITE_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Soạn quy chế làm việc",
    description=(
        "Tạo dự thảo quy chế của một tổ chức cho một năm trong nhiệm kỳ (mỗi năm một phiên bản: 400 "
        "`duplicate_year`; năm ngoài nhiệm kỳ: 400 `year_outside_term`). Cần quyền soạn quy chế." + ERRORS_DOC
    ),
)
def create_regulation(request: HttpRequest, payload: RegulationCreateIn) -> Status[RegulationDetailOut]:
    user = caller(request)
    org = organization_named(user, payload.organization, "organization", capability=Capability.MANAGE_REGULATIONS)
    term = Term.objects.select_related("organization").filter(pk=payload.term).first()
    if term is None or not scope_for(user).covers(term.organization.path):
        raise not_found("term")
    regulation = do_create_regulation(
        organization=org, term=term, year=payload.year, title=payload.title, text=payload.text, acting_user=user
    )
    return Status(201, _fresh_regulation(user, regulation.pk))


@router.patch(
    "/regulations/{regulation_id}",
    response={200: RegulationDetailOut, (*WRITE_ERRORS, 409): ErrorOut},
    tags=REGULATIONS,
    summary="Sửa tên, nội dung quy chế",
    description=(
        "Sửa tên và/hoặc nội dung của dự thảo hoặc quy chế đang thảo luận (trường không gửi thì giữ nguyên). "
        "Bắt buộc gửi `version` đang có: nếu người khác vừa sửa, trả 409 `stale_version` và không ghi gì. Quy chế "
        "đã ban hành không sửa được (400 `regulation_adopted`); sửa bằng phiên bản năm mới. Cần quyền soạn quy chế."
        + ERRORS_DOC
    ),
)
def update_regulation(
    request: HttpRequest, regulation_id: RegulationId, payload: RegulationUpdateIn
) -> RegulationDetailOut:
    user = caller(request)
    regulation = _regulation_named(user, regulation_id, Capability.MANAGE_REGULATIONS)
    do_update_regulation(
        regulation,
        title=regulation.title if payload.title is None else payload.title,
        text=regulation.text if payload.text is None else payload.text,
        version=payload.version,
        acting_user=user,
    )
    return _fresh_regulation(user, regulation.pk)


@router.post(
    "/regulations/{regulation_id}/next-version",
    response={201: RegulationDetailOut, WRITE_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Bắt đầu phiên bản năm mới",
    description=(
        "Phiên bản mới (dự thảo) là bản sao của phiên bản này cùng phân công phụ trách; chi tiết của nó có danh "
        "sách thay đổi so với phiên bản này. Năm phải sau năm của phiên bản này (400 `year_not_later`). Cần quyền "
        "soạn quy chế." + ERRORS_DOC
    ),
)
def start_next_regulation_version(
    request: HttpRequest, regulation_id: RegulationId, payload: NextVersionIn
) -> Status[RegulationDetailOut]:
    user = caller(request)
    previous = _regulation_named(user, regulation_id, Capability.MANAGE_REGULATIONS)
    regulation = do_start_next_version(previous, year=payload.year, acting_user=user)
    return Status(201, _fresh_regulation(user, regulation.pk))


@router.post(
    "/regulations/{regulation_id}/discussion",
    response={200: RegulationDetailOut, WRITE_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Đưa quy chế ra thảo luận",
    description=(
        "Chuyển dự thảo sang giai đoạn lấy ý kiến của cấp ủy viên. Quy chế đã ban hành thì 400 "
        "`regulation_adopted`. Cần quyền soạn quy chế." + ERRORS_DOC
    ),
)
def open_regulation_discussion(request: HttpRequest, regulation_id: RegulationId) -> RegulationDetailOut:
    user = caller(request)
    regulation = _regulation_named(user, regulation_id, Capability.MANAGE_REGULATIONS)
    do_open_discussion(regulation, acting_user=user)
    return _fresh_regulation(user, regulation.pk)


@router.post(
    "/regulations/{regulation_id}/comments",
    response={201: RegulationCommentOut, WRITE_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Góp ý quy chế",
    description=(
        "Ghi một ý kiến vào quy chế đang thảo luận (ngoài giai đoạn thảo luận: 400 `not_in_discussion`). Cấp ủy "
        "viên và Văn phòng của tổ chức góp ý được." + ERRORS_DOC
    ),
)
def comment_regulation(
    request: HttpRequest, regulation_id: RegulationId, payload: CommentIn
) -> Status[RegulationCommentOut]:
    user = caller(request)
    regulation = _regulation_named(user, regulation_id)
    if regulation.status == WorkingRegulation.Status.DISCUSSION:
        _forbid(can_comment(user, regulation))
    else:
        # Outside the discussion the state, not the right, is what refuses; a reader without
        # any right to comment is still told 403 rather than learning about the state.
        _forbid(may_comment(user, regulation))
    comment = do_comment_regulation(regulation, text=payload.text, acting_user=user)
    stored = RegulationComment.objects.select_related("author__person").get(pk=comment.pk)
    return Status(201, _comment_out(stored))


@router.post(
    "/regulations/{regulation_id}/adoption",
    response={200: RegulationDetailOut, WRITE_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Ban hành quy chế",
    description=(
        "Ban hành phiên bản bằng một văn bản QC đã ký của cùng tổ chức (`document`: id; không phải QC đã ký: 400 "
        "`not_a_qc_document`; văn bản của tổ chức khác: 400 `document_other_org`). Sau khi ban hành không sửa "
        "được nữa; sửa bằng phiên bản năm mới. Cần quyền soạn quy chế." + ERRORS_DOC
    ),
)
def adopt_regulation(request: HttpRequest, regulation_id: RegulationId, payload: AdoptIn) -> RegulationDetailOut:
    user = caller(request)
    regulation = _regulation_named(user, regulation_id, Capability.MANAGE_REGULATIONS)
    document = documents_for_user(user).filter(pk=payload.document).first()
    if document is None:
        raise not_found("document")
    do_adopt_regulation(regulation, document=document, acting_user=user)
    return _fresh_regulation(user, regulation.pk)


@router.post(
    "/regulations/{regulation_id}/responsibilities",
    response={201: ResponsibilityOut, WRITE_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Phân công phụ trách",
    description=(
        "Phân công một cấp ủy viên (`member`) phụ trách địa bàn (`area`: mã tổ chức trực thuộc trực tiếp; khác: "
        "400 `not_subordinate`) và/hoặc ngành, lĩnh vực (`field`: id) — cần ít nhất một (400 `area_or_field`). "
        "Quy chế đã ban hành thì 400 `regulation_adopted`. Cần quyền soạn quy chế." + ERRORS_DOC
    ),
)
def assign_responsibility(
    request: HttpRequest, regulation_id: RegulationId, payload: ResponsibilityIn
) -> Status[ResponsibilityOut]:
    user = caller(request)
    regulation = _regulation_named(user, regulation_id, Capability.MANAGE_REGULATIONS)
    member = person_named(user, payload.member, "member")
    area = organization_named(user, payload.area, "area") if payload.area else None
    field = None
    if payload.field is not None:
        field = fields_for_user(user).filter(pk=payload.field).first()
        if field is None:
            raise not_found("field")
    item = do_assign_responsibility(
        regulation,
        member=member,
        area=area,
        field=field,
        duties=payload.duties,
        valid_from=payload.valid_from,
        acting_user=user,
    )
    return Status(201, _responsibility_out(get_responsibility_for_user(user, item.pk)))


@router.delete(
    "/responsibilities/{responsibility_id}",
    response={204: None, WRITE_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Bỏ phân công phụ trách",
    description=(
        "Xóa một phân công của quy chế chưa ban hành (đã ban hành: 400 `regulation_adopted`). Cần quyền soạn "
        "quy chế." + ERRORS_DOC
    ),
)
def remove_responsibility(request: HttpRequest, responsibility_id: ResponsibilityId) -> Status[None]:
    user = caller(request)
    item = get_responsibility_for_user(user, responsibility_id)
    require(user, item.regulation.organization, Capability.MANAGE_REGULATIONS)
    require_open(item.regulation)
    do_remove_responsibility(item, acting_user=user)
    return Status(204, None)


# --- Endpoints: fields -------------------------------------------------------------------------


@router.get(
    "/fields",
    response={200: ReportingFieldPage, READ_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Danh sách ngành, lĩnh vực",
    description="Ngành, lĩnh vực mà các tổ chức trong phạm vi quyền phân công cấp ủy viên phụ trách; có phân trang.",
)
def list_fields(request: HttpRequest, filters: Query[FieldFilters]) -> ReportingFieldPage:
    user = caller(request)
    qs = fields_for_user(user)
    org = _under(user, filters.under)
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    if filters.active is not None:
        qs = qs.filter(active=filters.active)
    page = paginate(request, qs.order_by("organization__path", "name", "id"), filters)
    return ReportingFieldPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[
            ReportingFieldOut(id=f.pk, organization=organization_ref(f.organization), name=f.name, active=f.active)
            for f in page.rows
        ],
    )


@router.post(
    "/fields",
    response={201: ReportingFieldOut, WRITE_ERRORS: ErrorOut},
    tags=REGULATIONS,
    summary="Thêm ngành, lĩnh vực",
    description=(
        "Thêm một ngành, lĩnh vực vào danh sách của tổ chức (đã có tên này thì trả về bản ghi sẵn có). Cần quyền "
        "soạn quy chế." + ERRORS_DOC
    ),
)
def create_field(request: HttpRequest, payload: FieldCreateIn) -> Status[ReportingFieldOut]:
    user = caller(request)
    org = organization_named(user, payload.organization, "organization", capability=Capability.MANAGE_REGULATIONS)
    item = do_create_field(organization=org, name=payload.name, acting_user=user)
    return Status(
        201, ReportingFieldOut(id=item.pk, organization=organization_ref(org), name=item.name, active=item.active)
    )


# --- Endpoints: report obligations -------------------------------------------------------------


@router.get(
    "/report-obligations",
    response={200: ObligationPage, READ_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Danh sách chế độ báo cáo",
    description=(
        "Chế độ báo cáo người gọi được xem: do tổ chức trong phạm vi quyền đặt ra, do người hoặc tập thể trong "
        "phạm vi quyền phải nộp, hoặc chính người gọi phải nộp; lọc theo tổ chức, người báo cáo, kỳ; có phân trang."
    ),
)
def list_report_obligations(request: HttpRequest, filters: Query[ObligationFilters]) -> ObligationPage:
    user = caller(request)
    qs = _obligations(user)
    org = _under(user, filters.under)
    if org is not None:
        qs = qs.filter(concerning_q(org))
    if filters.reporter:
        qs = qs.filter(reporter_id=filters.reporter)
    if filters.frequency:
        qs = qs.filter(frequency=filters.frequency)
    page = paginate(request, qs.order_by("organization__path", "title", "id"), filters)
    return ObligationPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[ObligationOut(**_obligation_fields(o)) for o in page.rows],
    )


@router.get(
    "/report-obligations/{obligation_id}",
    response={200: ObligationDetailOut, READ_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Chi tiết chế độ báo cáo",
    description=(
        "Chế độ báo cáo với các kỳ có hạn nộp trong khoảng `start`–`end` (mặc định 90 ngày trước đến 35 ngày tới, "
        "tối đa 400 ngày) và tình trạng từng kỳ: on_time (nộp trước hoặc đúng phút hạn), late (sau hạn, 16:01 "
        "với hạn 16:00 là muộn), missing (chưa nộp khi đã quá hạn), not_due (chưa đến hạn)."
    ),
)
def get_report_obligation(
    request: HttpRequest, obligation_id: ObligationId, window: Query[WindowQuery]
) -> ObligationDetailOut:
    user = caller(request)
    refuse_unknown_params(request, WindowQuery.model_fields)
    obligation = _obligations(user).filter(pk=obligation_id).first()
    if obligation is None:
        raise not_found()
    start, end = _window(window.start, window.end, timezone.localdate(), DEFAULT_FUTURE_DAYS)
    return _obligation_detail(user, obligation, start, end, timezone.now())


@router.post(
    "/report-obligations",
    response={201: ObligationDetailOut, WRITE_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Đặt chế độ báo cáo",
    description=(
        "Ai báo cáo (`reporter`: id cá nhân, hoặc `reporter_body`: id tập thể), gửi đâu (`recipient`), kỳ nào, hạn "
        "nộp (tuần: `weekday` 0–6 và `due_time`, ví dụ thứ Sáu 16:00; các kỳ khác: `due_day` 1–28 của tháng sau kỳ "
        "hoặc tháng cuối kỳ theo `due_offset_months`) và kỳ số liệu (`window_start_day`, ví dụ 15: từ ngày 15 đến "
        "ngày 14). Quy tắc hạn nộp vô lý bị từ chối với 400, mã và trường cụ thể: `weekday_required`, "
        "`due_day_not_weekly`, `due_day_required`, `due_day_invalid`, `weekday_not_monthly`, `window_invalid`, "
        "`offset_invalid`, `due_before_window_end`. Cần quyền soạn quy chế." + ERRORS_DOC
    ),
)
def create_report_obligation(request: HttpRequest, payload: ObligationCreateIn) -> Status[ObligationDetailOut]:
    user = caller(request)
    org = organization_named(user, payload.organization, "organization", capability=Capability.MANAGE_REGULATIONS)
    reporter = person_named(user, payload.reporter, "reporter") if payload.reporter is not None else None
    reporter_body = _body_named(user, payload.reporter_body, "reporter_body") if payload.reporter_body else None
    recipient = _body_named(user, payload.recipient, "recipient")
    obligation = do_create_obligation(
        organization=org,
        title=payload.title,
        recipient=recipient,
        frequency=payload.frequency,
        due_time=payload.due_time,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        reporter=reporter,
        reporter_body=reporter_body,
        weekday=payload.weekday,
        due_day=payload.due_day,
        due_offset_months=payload.due_offset_months,
        window_start_day=payload.window_start_day,
        sections=list(payload.sections),
        acting_user=user,
    )
    return Status(201, _fresh_obligation(user, obligation.pk))


@router.patch(
    "/report-obligations/{obligation_id}",
    response={200: ObligationDetailOut, (*WRITE_ERRORS, 409): ErrorOut},
    tags=REPORTS,
    summary="Sửa hoặc cho hết áp dụng chế độ báo cáo",
    description=(
        "Đổi tên, nơi nhận (`recipient`), mẫu đề mục hoặc ngày hết áp dụng (`valid_to`; null: bỏ ngày hết áp "
        "dụng); trường không gửi thì giữ nguyên. Kỳ, hạn nộp, kỳ số liệu, người báo cáo và ngày bắt đầu không đổi "
        "được vì các kỳ đã tính theo đó: cho chế độ này hết áp dụng rồi lập chế độ mới. Ngày hết áp dụng không "
        "trước ngày bắt đầu (400 `valid_to_before_valid_from`) và không trước hạn nộp của kỳ đã có báo cáo (400 "
        "`valid_to_before_filed`). Bắt buộc gửi `version` đang có: nếu người khác vừa sửa, trả 409 "
        "`stale_version` và không ghi gì. Cần quyền soạn quy chế của tổ chức đặt chế độ, khi tổ chức còn hoạt "
        "động." + ERRORS_DOC
    ),
)
def update_report_obligation(
    request: HttpRequest, obligation_id: ObligationId, payload: ObligationUpdateIn
) -> ObligationDetailOut:
    user = caller(request)
    obligation = get_obligation_for_user(user, obligation_id)
    _forbid(can_change_obligation(user, obligation))
    sent = payload.model_fields_set
    recipient = _body_named(user, payload.recipient, "recipient") if payload.recipient else obligation.recipient
    do_change_obligation(
        obligation,
        version=payload.version,
        title=obligation.title if payload.title is None else payload.title,
        recipient=recipient,
        sections=list(obligation.sections or []) if payload.sections is None else list(payload.sections),
        valid_to=payload.valid_to if "valid_to" in sent else obligation.valid_to,
        acting_user=user,
    )
    return _fresh_obligation(user, obligation.pk)


# --- Endpoints: submissions --------------------------------------------------------------------


@router.get(
    "/report-submissions",
    response={200: SubmissionPage, READ_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Danh sách báo cáo đã nộp",
    description=(
        "Báo cáo định kỳ và đột xuất người gọi được xem, mới nhất trước; lọc theo tổ chức, chế độ báo cáo, loại "
        "(đột xuất hay định kỳ), độ khẩn; có phân trang."
    ),
)
def list_report_submissions(request: HttpRequest, filters: Query[SubmissionFilters]) -> SubmissionPage:
    user = caller(request)
    qs = submissions_for_user(user)
    org = _under(user, filters.under)
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    if filters.obligation:
        qs = qs.filter(obligation_id=filters.obligation)
    if filters.adhoc is not None:
        qs = qs.filter(obligation__isnull=filters.adhoc)
    if filters.urgency:
        qs = qs.filter(urgency=filters.urgency)
    page = paginate(request, qs.order_by("-submitted_at", "-id"), filters)
    return SubmissionPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[SubmissionOut(**_submission_fields(s)) for s in page.rows],
    )


@router.post(
    "/report-obligations/{obligation_id}/submissions",
    response={201: SubmissionDetailOut, WRITE_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Nộp báo cáo định kỳ",
    description=(
        "Nộp báo cáo cho kỳ kết thúc ngày `period_end` (không phải ngày kết thúc một kỳ: 400 `not_a_period`; kỳ đã "
        "có báo cáo: 400 `already_submitted`). Thời điểm nộp là lúc gọi; nộp sau hạn (16:01 với hạn 16:00) là "
        "muộn. Người phải báo cáo, người có quyền nộp báo cáo ở tổ chức của tập thể phải báo cáo, hoặc Văn phòng "
        "nơi đặt chế độ báo cáo (nhập báo cáo nhận bằng giấy) nộp được." + FILES_NOTE + ERRORS_DOC
    ),
    openapi_extra=body_doc(SubmitIn),
)
def submit_report(request: HttpRequest, obligation_id: ObligationId) -> Status[SubmissionDetailOut]:
    user = caller(request)
    obligation = get_obligation_for_user(user, obligation_id)
    _forbid(can_submit(user, obligation))
    payload, files = read_body(request, SubmitIn)
    # A body's report is signed by whoever files it; a person's report is theirs.
    author = None if obligation.reporter_id else user.person
    submission = do_submit_report(
        obligation,
        period_end=payload.period_end,
        content=payload.content,
        author=author,
        files=checked_files(files),
        acting_user=user,
    )
    return Status(201, _submission_detail(get_submission_for_user(user, submission.pk)))


# Before "/report-submissions/{submission_id}": that pattern would otherwise take "adhoc" as an id.
@router.post(
    "/report-submissions/adhoc",
    response={201: SubmissionDetailOut, WRITE_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Gửi báo cáo đột xuất",
    description=(
        "Báo cáo việc phát sinh với chủ đề (`topic`), độ khẩn (`urgency`) và, nếu có, kỳ số liệu `data_from`–"
        "`data_to` (kết thúc trước khi bắt đầu: 400 `window_ends_before_start`, trường `data_to`). Cần quyền nộp "
        "báo cáo ở tổ chức báo cáo." + FILES_NOTE + ERRORS_DOC
    ),
    openapi_extra=body_doc(AdhocIn),
)
def submit_adhoc_report(request: HttpRequest) -> Status[SubmissionDetailOut]:
    user = caller(request)
    payload, files = read_body(request, AdhocIn)
    org = organization_named(user, payload.organization, "organization")
    _forbid(acts_for(user, org, Capability.SUBMIT_REPORTS))
    submission = do_submit_adhoc_report(
        organization=org,
        topic=payload.topic,
        content=payload.content,
        urgency=payload.urgency,
        data_from=payload.data_from,
        data_to=payload.data_to,
        author=user.person,
        files=checked_files(files),
        acting_user=user,
    )
    return Status(201, _submission_detail(get_submission_for_user(user, submission.pk)))


@router.get(
    "/report-submissions/{submission_id}",
    response={200: SubmissionDetailOut, READ_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Chi tiết báo cáo đã nộp",
    description="Nội dung báo cáo, kỳ, hạn nộp, thời điểm nộp, đúng hạn hay muộn, và các tệp đính kèm.",
)
def get_report_submission(request: HttpRequest, submission_id: SubmissionId) -> SubmissionDetailOut:
    user = caller(request)
    return _submission_detail(get_submission_for_user(user, submission_id))


@router.post(
    "/report-submissions/{submission_id}/attachments",
    response={201: list[SubmissionAttachmentOut], WRITE_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Đính kèm thêm tệp vào báo cáo đã nộp",
    description=(
        "Gửi multipart/form-data với các tệp ở trường `files` (ít nhất một). Người viết hoặc người đã nộp báo cáo "
        "đính kèm được; trả về các tệp vừa lưu." + FILES_NOTE + ERRORS_DOC
    ),
    openapi_extra=body_doc(AttachIn),
)
def attach_to_report_submission(
    request: HttpRequest, submission_id: SubmissionId
) -> Status[list[SubmissionAttachmentOut]]:
    user = caller(request)
    submission = get_submission_for_user(user, submission_id)
    _forbid(can_attach(user, submission))
    _payload, files = read_body(request, AttachIn)
    if not files:
        raise ActionError("files_required", _("Cần chọn ít nhất một tệp."), "files")
    stored = do_attach_to_submission(submission, files=checked_files(files), acting_user=user)
    return Status(201, [_attachment_out(item) for item in stored])


@router.get(
    "/report-submissions/{submission_id}/attachments/{attachment_id}",
    response={200: None, READ_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Tải tệp đính kèm của báo cáo",
    description=(
        "Tệp gửi về nguyên dạng, luôn là tệp tải xuống (Content-Disposition: attachment) với tên gốc. Tệp của báo "
        "cáo ngoài phạm vi quyền, hay tệp không còn trong kho lưu trữ: 404."
    ),
    openapi_extra={"responses": {200: {"description": "Nội dung tệp.", "content": {"application/octet-stream": {}}}}},
)
def download_report_attachment(
    request: HttpRequest, submission_id: SubmissionId, attachment_id: AttachmentId
) -> FileResponse:
    item = get_submission_attachment_for_user(caller(request), submission_id, attachment_id)
    return stored_file_response(item.file, name=item.original_name, content_type=item.content_type)


# --- Endpoints: compliance ---------------------------------------------------------------------


@router.get(
    "/report-compliance",
    response={200: ComplianceOut, READ_ERRORS: ErrorOut},
    tags=REPORTS,
    summary="Tình hình chấp hành chế độ báo cáo",
    description=(
        "Mọi kỳ có hạn nộp trong khoảng `start`–`end` (mặc định 90 ngày qua đến hôm nay, tối đa 400 ngày) của các "
        "chế độ báo cáo người gọi được xem, lọc theo tổ chức (`under`) và cá nhân (`person`), với tình trạng: "
        "on_time, late (16:01 với hạn 16:00 là muộn), missing (chỉ khi đã quá hạn mà chưa nộp), not_due; kèm số "
        "kỳ theo từng tình trạng. Không phân trang."
    ),
)
def get_report_compliance(request: HttpRequest, params: Query[ComplianceQuery]) -> ComplianceOut:
    user = caller(request)
    refuse_unknown_params(request, ComplianceQuery.model_fields)
    now = timezone.now()
    start, end = _window(params.start, params.end, timezone.localdate(), 0)
    qs = _obligations(user)
    org = _under(user, params.under)
    if org is not None:
        qs = qs.filter(concerning_q(org))
    if params.person is not None:
        qs = qs.filter(reporter=person_named(user, params.person, "person"))
    obligations = list(qs.order_by("organization__path", "title", "id"))
    rows = sorted(compliance(obligations, start, end, now), key=lambda r: (r.period.due, r.obligation.pk))
    counts: Counter[SubmissionState] = Counter(row.state for row in rows)
    return ComplianceOut(
        start=start,
        end=end,
        now=now,
        counts=ComplianceCountsOut(**{s.value: counts[s] for s in SubmissionState}),
        rows=[
            ComplianceRowOut(
                obligation=ObligationRef(id=row.obligation.pk, title=row.obligation.title),
                organization=organization_ref(row.obligation.organization),
                reporter=person_ref(row.obligation.reporter) if row.obligation.reporter else None,
                reporter_body=_body_ref(row.obligation.reporter_body) if row.obligation.reporter_body else None,
                **_period_out(row).model_dump(),
            )
            for row in rows
        ],
    )


# --- Endpoints: escalations --------------------------------------------------------------------


@router.get(
    "/escalations",
    response={200: EscalationPage, READ_ERRORS: ErrorOut},
    tags=ESCALATIONS,
    summary="Danh sách kiến nghị",
    description=(
        "Kiến nghị vượt thẩm quyền người gọi được xem, mới nhất trước; `direction=received` (gửi đến tổ chức "
        "người gọi được phân quyền trực tiếp), `raised` (do tổ chức đó hoặc chính người gọi gửi lên) hoặc "
        "`below` (giữa các cấp dưới), trạng thái, `overdue=true` (chưa trả lời, quá hạn trả lời); có phân trang."
    ),
)
def list_escalations(request: HttpRequest, filters: Query[EscalationFilters]) -> EscalationPage:
    user = caller(request)
    today = timezone.localdate()
    tabs = escalation_tabs(user)
    qs = {"received": tabs.received, "raised": tabs.sent, "below": tabs.below}.get(
        filters.direction or "", escalations_for_user(user)
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.overdue is not None:
        late = Escalation.overdue_q(today)
        qs = qs.filter(late) if filters.overdue else qs.exclude(late)
    page = paginate(request, qs.order_by("-raised_on", "-id"), filters)
    return EscalationPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[EscalationOut(**_escalation_fields(e, today)) for e in page.rows],
    )


@router.get(
    "/escalations/{escalation_id}",
    response={200: EscalationDetailOut, READ_ERRORS: ErrorOut},
    tags=ESCALATIONS,
    summary="Chi tiết kiến nghị",
    description=(
        "Nội dung kiến nghị, hạn trả lời, câu trả lời của cấp trên (người gửi cũng xem được), nhiệm vụ cấp trên giao "
        "từ kiến nghị (nếu người gọi xem được) và những việc người gọi làm được."
    ),
)
def get_escalation(request: HttpRequest, escalation_id: EscalationId) -> EscalationDetailOut:
    user = caller(request)
    return _fresh_escalation(user, escalation_id)


@router.post(
    "/escalations",
    response={201: EscalationDetailOut, WRITE_ERRORS: ErrorOut},
    tags=ESCALATIONS,
    summary="Gửi kiến nghị lên cấp trên",
    description=(
        "Gửi vấn đề vượt thẩm quyền lên tổ chức cấp trên trực tiếp với thời hạn trả lời `response_days` (1–60 ngày "
        "làm việc; khác: 400 `response_days_invalid`); hạn trả lời tính theo lịch làm việc. Cần quyền nộp báo cáo "
        "ở tổ chức kiến nghị." + ERRORS_DOC
    ),
)
def raise_escalation(request: HttpRequest, payload: EscalationCreateIn) -> Status[EscalationDetailOut]:
    user = caller(request)
    org = organization_named(user, payload.from_organization, "from_organization")
    _forbid(can_raise(user, org))
    escalation = do_raise_escalation(
        from_organization=org,
        subject=payload.subject,
        content=payload.content,
        response_days=payload.response_days,
        raised_by=user.person,
        acting_user=user,
    )
    return Status(201, _fresh_escalation(user, escalation.pk))


@router.post(
    "/escalations/{escalation_id}/answer",
    response={200: EscalationDetailOut, WRITE_ERRORS: ErrorOut},
    tags=ESCALATIONS,
    summary="Trả lời kiến nghị",
    description=(
        "Cấp trên trả lời (`resolved: true` khi vấn đề đã giải quyết xong). Kiến nghị đã giải quyết hoặc đã giao "
        "thành nhiệm vụ: 400 `escalation_closed`. Cần quyền trả lời kiến nghị ở tổ chức nhận — đơn vị gửi kiến "
        "nghị thấy kiến nghị nhưng không tự trả lời được (403)." + ERRORS_DOC
    ),
)
def answer_escalation(request: HttpRequest, escalation_id: EscalationId, payload: AnswerIn) -> EscalationDetailOut:
    user = caller(request)
    escalation = get_escalation_for_user(user, escalation_id)
    _forbid(can_answer(user, escalation))
    do_answer_escalation(escalation, answer=payload.answer, resolved=payload.resolved, acting_user=user)
    return _fresh_escalation(user, escalation.pk)


@router.post(
    "/escalations/{escalation_id}/task",
    response={201: EscalationDetailOut, WRITE_ERRORS: ErrorOut},
    tags=ESCALATIONS,
    summary="Giao kiến nghị thành nhiệm vụ",
    description=(
        "Cấp trên nhận vấn đề thành nhiệm vụ của mình (dự thảo, nguồn: kiến nghị) với “5 rõ”: tên (mặc định là vấn "
        "đề), người chủ trì, hạn, sản phẩm, tiêu chí nghiệm thu, trách nhiệm; giao chính thức qua cổng “5 rõ” ở API "
        "nhiệm vụ. Người gửi kiến nghị thấy câu trả lời. Đã giao rồi: 400 `already_tasked`. Cần quyền trả lời kiến "
        "nghị và quyền giao nhiệm vụ ở tổ chức nhận." + ERRORS_DOC
    ),
)
def turn_escalation_into_task(
    request: HttpRequest, escalation_id: EscalationId, payload: EscalationTaskIn
) -> Status[EscalationDetailOut]:
    user = caller(request)
    escalation = get_escalation_for_user(user, escalation_id)
    _forbid(can_turn_into_task(user, escalation))
    fields: dict[str, Any] = {
        "deliverable": payload.deliverable,
        "acceptance_criterion": payload.acceptance_criterion,
        "responsibility": payload.responsibility,
    }
    if payload.title is not None:
        fields["title"] = payload.title
    if payload.lead is not None:
        fields["lead"] = person_named(user, payload.lead, "lead")
    if payload.start is not None:
        fields["start"] = payload.start
    if payload.deadline is not None:
        fields["deadline"] = payload.deadline
    do_turn_escalation_into_task(escalation, acting_user=user, **fields)
    return Status(201, _fresh_escalation(user, escalation.pk))
