"""The organisation model (SPEC §3): the Party tree, its bodies, terms, people, posts and who
held which post when.

The tree is a materialised path (django-treebeard ``MP_Node``): a subtree is one indexed
``path LIKE 'prefix%'`` query at any depth. Nodes are never moved when the structure
changes; a reorganisation closes the old organisations (``valid_to``), opens new ones and
records ``Succession`` links, so a report on 2015–2020 walks the tree of that time.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from namro.lib.text import FoldedSearchMixin, folded_words_q


def _today() -> dt.date:
    return timezone.localdate()


def valid_on(on: dt.date, start: str = "valid_from", end: str = "valid_to") -> Q:
    """Rows whose [start, end] period contains the day ``on`` (an open end means ongoing)."""
    return Q(**{f"{start}__lte": on}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": on}))


class OrganizationKind(models.Model):  # type: ignore[django-manager-missing]
    """A level of the Party tree (province, city, ward, commune, cell…). Data, not code:
    the district level exists before 1/7/2025 and not after."""

    code = models.SlugField(_("mã"), max_length=40, unique=True, help_text=_("Mã ổn định, ví dụ: phuong, chi-bo."))
    name = models.CharField(_("tên cấp"), max_length=100, help_text=_("Ví dụ: Đảng bộ phường."))
    rank = models.PositiveSmallIntegerField(
        _("thứ bậc"), default=0, help_text=_("Số nhỏ là cấp cao hơn; dùng để sắp xếp và lọc theo cấp.")
    )
    is_cell = models.BooleanField(
        _("là chi bộ"), default=False, help_text=_("Chi bộ trực thuộc (khu dân cư, cơ quan) — cấp thấp nhất.")
    )

    class Meta:
        verbose_name = _("cấp tổ chức")
        verbose_name_plural = _("cấp tổ chức")
        ordering: ClassVar = ["rank", "name"]

    def __str__(self) -> str:
        return self.name


class OrganizationQuerySet(MP_NodeQuerySet):
    def current(self, on: dt.date | None = None) -> OrganizationQuerySet:
        """Organisations that existed on the day ``on`` (today by default)."""
        return self.filter(valid_on(on or _today()))

    def subtree(self, org: Organization, on: dt.date | None = None) -> OrganizationQuerySet:
        """``org`` and everything under it; only those existing on ``on`` when it is given."""
        qs = self.filter(path__startswith=org.path)
        return qs.current(on) if on else qs

    def search(self, query: str) -> OrganizationQuerySet:
        return self.filter(folded_words_q(query))


class OrganizationManager(MP_NodeManager):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model).order_by("path")

    def current(self, on: dt.date | None = None) -> OrganizationQuerySet:
        return self.get_queryset().current(on)

    def subtree(self, org: Organization, on: dt.date | None = None) -> OrganizationQuerySet:
        return self.get_queryset().subtree(org, on)

    def search(self, query: str) -> OrganizationQuerySet:
        return self.get_queryset().search(query)


class Organization(FoldedSearchMixin, MP_Node):
    """A Party organisation (đảng bộ, chi bộ) in the tree."""

    steplen = 4
    search_fields = ("name", "short_name", "code")

    code = models.SlugField(
        _("mã"), max_length=60, unique=True, help_text=_("Mã ổn định để nhập, xuất và gọi API, ví dụ: tp-hai-duong.")
    )
    name = models.CharField(_("tên"), max_length=255, help_text=_("Tên đầy đủ, ví dụ: Đảng bộ phường Trần Phú."))
    short_name = models.CharField(
        _("tên ngắn"), max_length=100, blank=True, help_text=_("Tên dùng trong bảng và menu, ví dụ: P. Trần Phú.")
    )
    kind = models.ForeignKey(
        OrganizationKind,
        # Kinds are reference data; removing one that is in use would orphan its meaning.
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("cấp"),
    )
    symbol = models.CharField(
        _("ký hiệu văn bản"),
        max_length=20,
        blank=True,
        help_text=_("Ký hiệu cơ quan ban hành của cấp ủy, ví dụ: TU, ĐU, CB."),
    )
    valid_from = models.DateField(_("hiệu lực từ"), help_text=_("Ngày thành lập hoặc bắt đầu theo cơ cấu này."))
    valid_to = models.DateField(
        _("hiệu lực đến"),
        null=True,
        blank=True,
        help_text=_("Ngày giải thể, sáp nhập hoặc đổi tên; để trống nếu còn hoạt động."),
    )
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    objects = OrganizationManager()

    node_order_by: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        ordering: ClassVar = ["path"]
        indexes: ClassVar = [models.Index(fields=["valid_from", "valid_to"], name="org_validity_idx")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="org_valid_to_after_from",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def is_current(self, on: dt.date | None = None) -> bool:
        day = on or _today()
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def default_day(self, today: dt.date) -> dt.date:
        """The day to show this organisation on when none is asked for: today, or its last
        day when it has closed (a ward merged away is shown as it was, not as empty)."""
        return min(today, self.valid_to) if self.valid_to else today

    def ancestor_paths(self) -> list[str]:
        """Paths of this organisation's ancestors, root first, without a query."""
        return [self.path[:end] for end in range(self.steplen, len(self.path), self.steplen)]


class Succession(models.Model):
    """One organisation continues another: merged into, split into, renamed to."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Sáp nhập")
        SPLIT = "split", _("Chia tách")
        RENAME = "rename", _("Đổi tên")
        TRANSFER = "transfer", _("Chuyển trực thuộc")

    predecessor = models.ForeignKey(
        Organization,
        # History must survive: an organisation with successors cannot be deleted.
        on_delete=models.PROTECT,
        related_name="successions_out",
        verbose_name=_("tổ chức trước"),
    )
    successor = models.ForeignKey(
        Organization,
        # Same reason as predecessor.
        on_delete=models.PROTECT,
        related_name="successions_in",
        verbose_name=_("tổ chức kế tục"),
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    decision = models.CharField(
        _("căn cứ"), max_length=255, blank=True, help_text=_("Số, ngày quyết định sắp xếp, ví dụ: 123-QĐ/TU.")
    )

    class Meta:
        verbose_name = _("kế tục tổ chức")
        verbose_name_plural = _("kế tục tổ chức")
        ordering: ClassVar = ["effective_on", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Body(models.Model):
    """A body of an organisation: executive committee, standing committee, standing board,
    inspection commission, department or office."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", _("Ban Chấp hành")
        STANDING = "standing", _("Ban Thường vụ")
        STANDING_BOARD = "standing_board", _("Thường trực")
        INSPECTION = "inspection", _("Ủy ban Kiểm tra")
        OFFICE = "office", _("Văn phòng")
        DEPARTMENT = "department", _("Ban tham mưu")
        CELL_COMMITTEE = "cell_committee", _("Chi ủy")

    organization = models.ForeignKey(
        Organization,
        # A body does not exist without its organisation.
        on_delete=models.CASCADE,
        related_name="bodies",
        verbose_name=_("tổ chức"),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255, help_text=_("Ví dụ: Ban Thường vụ Thành ủy."))
    symbol = models.CharField(
        _("ký hiệu văn bản"),
        max_length=20,
        blank=True,
        help_text=_("Ký hiệu khi cơ quan này ban hành văn bản riêng, ví dụ: UBKTTU, VPTU."),
    )

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering: ClassVar = ["organization__path", "kind", "name"]
        indexes: ClassVar = [models.Index(fields=["organization", "kind"], name="body_org_kind_idx")]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """A term of office (nhiệm kỳ) of an organisation, e.g. 2020–2025."""

    organization = models.ForeignKey(
        Organization,
        # Terms are part of the organisation's record.
        on_delete=models.CASCADE,
        related_name="terms",
        verbose_name=_("tổ chức"),
    )
    name = models.CharField(_("tên"), max_length=50, help_text=_("Ví dụ: 2020–2025."))
    start = models.DateField(_("bắt đầu"))
    end = models.DateField(_("kết thúc"))

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering: ClassVar = ["organization__path", "start"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="term_end_after_start"),
            models.UniqueConstraint(fields=["organization", "name"], name="term_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.organization.label} {self.name}"


class PersonQuerySet(models.QuerySet["Person"]):
    def search(self, query: str) -> PersonQuerySet:
        return self.filter(folded_words_q(query))


class Person(FoldedSearchMixin, models.Model):
    """A party member or cadre, with only what the work needs (sensitive personal data)."""

    search_fields = ("full_name", "card_number")

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    class Status(models.TextChoices):
        OFFICIAL = "official", _("Chính thức")
        PROBATIONARY = "probationary", _("Dự bị")
        NON_MEMBER = "non_member", _("Không phải đảng viên")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    card_number = models.CharField(
        _("số thẻ đảng viên"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Khóa tự nhiên khi nhập từ Excel; để trống với người chưa là đảng viên."),
    )
    status = models.CharField(_("tình trạng"), max_length=15, choices=Status.choices, default=Status.OFFICIAL)
    joined_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization,
        # A member's record cannot be orphaned; transfer them before closing the cell.
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("sinh hoạt tại"),
        help_text=_("Chi bộ hoặc tổ chức đảng nơi đảng viên sinh hoạt, quản lý hồ sơ."),
    )
    search_text = models.CharField(max_length=300, editable=False, db_index=True, default="")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        ordering: ClassVar = ["full_name", "id"]
        indexes: ClassVar = [models.Index(fields=["organization", "full_name"], name="person_org_name_idx")]

    def __str__(self) -> str:
        return self.full_name


class Transfer(models.Model):
    """A member moved from one organisation to another (chuyển sinh hoạt đảng).

    Person.organization is where the member is now; transfers keep where they were, so the
    office of a unit that was merged away still finds the members it had.
    """

    person = models.ForeignKey(
        Person,
        # A member's transfer history is part of their record.
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("đảng viên"),
    )
    from_organization = models.ForeignKey(
        Organization,
        # History must survive: an organisation members left cannot be deleted.
        on_delete=models.PROTECT,
        related_name="transfers_out",
        verbose_name=_("chuyển đi từ"),
    )
    to_organization = models.ForeignKey(
        Organization,
        # Same reason as from_organization.
        on_delete=models.PROTECT,
        related_name="transfers_in",
        verbose_name=_("chuyển đến"),
    )
    transferred_on = models.DateField(_("ngày chuyển"))

    class Meta:
        verbose_name = _("chuyển sinh hoạt")
        verbose_name_plural = _("chuyển sinh hoạt")
        ordering: ClassVar = ["transferred_on", "id"]
        indexes: ClassVar = [models.Index(fields=["from_organization", "person"], name="transfer_from_idx")]

    def __str__(self) -> str:
        return f"{self.person}: {self.from_organization} → {self.to_organization}"


class Post(models.Model):
    """A seat (Bí thư, Phó Bí thư, Ủy viên BTV…) independent of who holds it (Open Civic Data)."""

    class Kind(models.TextChoices):
        SECRETARY = "secretary", _("Bí thư")
        DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
        STANDING_MEMBER = "standing_member", _("Ủy viên Ban Thường vụ")
        COMMITTEE_MEMBER = "committee_member", _("Cấp ủy viên")
        INSPECTION_CHAIR = "inspection_chair", _("Chủ nhiệm Ủy ban Kiểm tra")
        INSPECTION_MEMBER = "inspection_member", _("Ủy viên Ủy ban Kiểm tra")
        DEPARTMENT_HEAD = "department_head", _("Trưởng ban / Chánh Văn phòng")
        STAFF = "staff", _("Cán bộ, chuyên viên")

    organization = models.ForeignKey(
        Organization,
        # A seat belongs to its organisation.
        on_delete=models.CASCADE,
        related_name="posts",
        verbose_name=_("tổ chức"),
    )
    body = models.ForeignKey(
        Body,
        # The seat survives its body being dissolved; history keeps the organisation.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("cơ quan"),
    )
    kind = models.CharField(_("loại chức vụ"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("chức danh"), max_length=255, help_text=_("Ví dụ: Bí thư Thành ủy."))
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100, help_text=_("Để xếp danh sách chức vụ."))

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering: ClassVar = ["organization__path", "rank", "title"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["organization", "title"], name="post_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: dt.date | None = None) -> MembershipQuerySet:
        """Memberships held on the day ``on`` (today by default)."""
        return self.filter(valid_on(on or _today(), "start", "end"))


class Membership(models.Model):
    """A person holding a post from ``start`` to ``end`` (kiêm nhiệm: several at once)."""

    person = models.ForeignKey(
        Person,
        # A person's history of posts is part of their record.
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("người giữ"),
    )
    post = models.ForeignKey(
        Post,
        # The holder list of a seat goes with the seat.
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("chức vụ"),
    )
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True, help_text=_("Trống nếu đang giữ."))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("giữ chức vụ")
        verbose_name_plural = _("giữ chức vụ")
        ordering: ClassVar = ["-start", "id"]
        indexes: ClassVar = [
            models.Index(fields=["post", "start", "end"], name="membership_post_period_idx"),
            models.Index(fields=["person", "start"], name="membership_person_idx"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="membership_end_after_start"
            ),
            models.UniqueConstraint(fields=["person", "post", "start"], name="membership_natural_key"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.post}"
