"""What the demo contains: the Hải Dương City Party Committee, 2015–2025, and the 2025 merge.

The lists here are public geography and the structure of the Party's organisations; the
people are generated (``names.py``) and invented. Later issues extend the demo by adding
lists here and small loader steps in ``loader.py``.

Sources for the geography:
- wards and communes of Hải Dương city before 1/12/2019: the statistics office's unit list
  (17 wards, 4 communes: An Châu, Thượng Đạt, Nam Đồng, Tân Hưng);
- 1/12/2019: Nghị quyết 788/NQ-UBTVQH14 merged An Châu and Thượng Đạt into xã An Thượng;
  Nam Đồng and Tân Hưng became wards; Tiền Tiến and Quyết Thắng (Thanh Hà), Ngọc Sơn (Tứ Kỳ),
  Liên Hồng and Gia Xuyên (Gia Lộc) joined the city (19 wards, 6 communes until 30/6/2025);
- 1/7/2025: Nghị quyết 202/2025/QH15 merged the province into Hải Phòng, and Nghị quyết
  1669/NQ-UBTVQH15 formed the new wards below. Parts of neighbouring districts that joined
  those wards (Cao An, Lai Cách, Cẩm Đoài, Thống Nhất, Hồng Lạc) are outside the demo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from namro.access.roles import Role
from namro.organizations.models import Body, Post, Succession

# One seed for everything generated: the same seed always yields the same people.
SEED = 20200605  # the day the source article appeared
DEMO_PASSWORD = "namro-demo-2025"

# The demo's history begins with the 2015–2020 term. Units that existed before carry this date:
# their earlier changes are not modelled.
HISTORY_START = dt.date(2015, 1, 1)
EFFECTIVE_2019 = dt.date(2019, 12, 1)
EFFECTIVE_2025 = dt.date(2025, 7, 1)
LAST_DAY_BEFORE_2025 = EFFECTIVE_2025 - dt.timedelta(days=1)

# Congresses. Residential cells elect first, then wards and communes, then the city.
CELL_CONGRESS_2015 = dt.date(2015, 3, 2)
CELL_CONGRESS_2020 = dt.date(2020, 3, 10)
UNIT_CONGRESS_2015 = dt.date(2015, 4, 6)  # the first; one every two days after it
UNIT_CONGRESS_2020 = dt.date(2020, 5, 4)
UNIT_CONGRESS_STEP = dt.timedelta(days=2)


@dataclass(frozen=True)
class KindSpec:
    code: str
    name: str
    rank: int
    is_cell: bool = False


# Levels of the tree. The district level (rank 20) exists only before 1/7/2025.
KINDS: tuple[KindSpec, ...] = (
    KindSpec("tinh", "Đảng bộ tỉnh", 10),
    KindSpec("thanh-pho-tw", "Đảng bộ thành phố trực thuộc Trung ương", 10),
    KindSpec("thanh-pho", "Đảng bộ thành phố thuộc tỉnh", 20),
    KindSpec("huyen", "Đảng bộ huyện", 20),
    KindSpec("thi-xa", "Đảng bộ thị xã", 20),
    KindSpec("phuong", "Đảng bộ phường", 30),
    KindSpec("xa", "Đảng bộ xã", 30),
    KindSpec("thi-tran", "Đảng bộ thị trấn", 30),
    KindSpec("dang-bo-co-so", "Đảng bộ cơ sở cơ quan, doanh nghiệp", 30),
    KindSpec("chi-bo-co-so", "Chi bộ cơ sở", 30, is_cell=True),
    KindSpec("chi-bo-kdc", "Chi bộ khu dân cư", 40, is_cell=True),
    KindSpec("chi-bo-thon", "Chi bộ thôn", 40, is_cell=True),
    KindSpec("chi-bo-co-quan", "Chi bộ cơ quan", 40, is_cell=True),
)
CELL_KIND = "chi-bo-kdc"


@dataclass(frozen=True)
class OrgSpec:
    code: str
    name: str
    short_name: str
    kind: str
    symbol: str
    valid_from: dt.date
    parent: str | None = None


PROVINCE = OrgSpec("tinh-hai-duong", "Đảng bộ tỉnh Hải Dương", "Tỉnh Hải Dương", "tinh", "TU", dt.date(1997, 1, 1))
CITY = OrgSpec(
    "tp-hai-duong",
    "Đảng bộ thành phố Hải Dương",
    "TP Hải Dương",
    "thanh-pho",
    "TU",  # a city committee is "Thành ủy": symbol TU, as for a province
    dt.date(1997, 8, 6),  # Nghị định 88/CP: the town became a city
    parent=PROVINCE.code,
)
# Hải Phòng existed long before 2025; the demo shows it from the start of its history window.
HAI_PHONG = OrgSpec("tp-hai-phong", "Đảng bộ thành phố Hải Phòng", "TP Hải Phòng", "thanh-pho-tw", "TU", HISTORY_START)
ROOTS: tuple[OrgSpec, ...] = (PROVINCE, CITY, HAI_PHONG)


@dataclass(frozen=True)
class UnitSpec:
    """A ward or commune party committee (đảng bộ phường, xã) of Hải Dương city."""

    place: str
    slug: str
    kind: str  # "phuong" or "xa"
    cells: int = 0  # residential cells of its own; successors take over their predecessors' cells
    valid_from: dt.date = HISTORY_START
    valid_to: dt.date | None = None  # only 2019 changes; 2025 is applied by the reorganisation

    @property
    def code(self) -> str:
        return f"{self.kind}-{self.slug}"

    @property
    def level_place(self) -> str:
        return f"{'phường' if self.kind == 'phuong' else 'xã'} {self.place}"

    @property
    def name(self) -> str:
        return f"Đảng bộ {self.level_place}"

    @property
    def short_name(self) -> str:
        return f"{'P.' if self.kind == 'phuong' else 'X.'} {self.place}"


_BEFORE_2019 = EFFECTIVE_2019 - dt.timedelta(days=1)

# Order matters: the generator walks this list, so reordering changes who is who.
UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("Trần Hưng Đạo", "tran-hung-dao", "phuong", 5),
    UnitSpec("Quang Trung", "quang-trung", "phuong", 4),
    UnitSpec("Nguyễn Trãi", "nguyen-trai", "phuong", 4),
    UnitSpec("Phạm Ngũ Lão", "pham-ngu-lao", "phuong", 4),
    UnitSpec("Trần Phú", "tran-phu", "phuong", 6),
    UnitSpec("Lê Thanh Nghị", "le-thanh-nghi", "phuong", 5),
    UnitSpec("Bình Hàn", "binh-han", "phuong", 5),
    UnitSpec("Cẩm Thượng", "cam-thuong", "phuong", 5),
    UnitSpec("Ngọc Châu", "ngoc-chau", "phuong", 4),
    UnitSpec("Nhị Châu", "nhi-chau", "phuong", 3),
    UnitSpec("Hải Tân", "hai-tan", "phuong", 5),
    UnitSpec("Thanh Bình", "thanh-binh", "phuong", 4),
    UnitSpec("Tân Bình", "tan-binh", "phuong", 4),
    UnitSpec("Tứ Minh", "tu-minh", "phuong", 6),
    UnitSpec("Việt Hòa", "viet-hoa", "phuong", 4),
    UnitSpec("Thạch Khôi", "thach-khoi", "phuong", 4),
    UnitSpec("Ái Quốc", "ai-quoc", "phuong", 4),
    UnitSpec("An Châu", "an-chau", "xa", 3, valid_to=_BEFORE_2019),
    UnitSpec("Thượng Đạt", "thuong-dat", "xa", 3, valid_to=_BEFORE_2019),
    UnitSpec("Nam Đồng", "nam-dong", "xa", 4, valid_to=_BEFORE_2019),
    UnitSpec("Tân Hưng", "tan-hung", "xa", 3, valid_to=_BEFORE_2019),
    # From 1/12/2019.
    UnitSpec("Nam Đồng", "nam-dong", "phuong", valid_from=EFFECTIVE_2019),
    UnitSpec("Tân Hưng", "tan-hung", "phuong", valid_from=EFFECTIVE_2019),
    UnitSpec("An Thượng", "an-thuong", "xa", valid_from=EFFECTIVE_2019),
    UnitSpec("Tiền Tiến", "tien-tien", "xa", 4, valid_from=EFFECTIVE_2019),
    UnitSpec("Quyết Thắng", "quyet-thang", "xa", 3, valid_from=EFFECTIVE_2019),
    UnitSpec("Ngọc Sơn", "ngoc-son", "xa", 3, valid_from=EFFECTIVE_2019),
    UnitSpec("Liên Hồng", "lien-hong", "xa", 4, valid_from=EFFECTIVE_2019),
    UnitSpec("Gia Xuyên", "gia-xuyen", "xa", 3, valid_from=EFFECTIVE_2019),
)


@dataclass(frozen=True)
class ChangeSpec:
    """Predecessors continued by a successor on ``effective_on``."""

    kind: Succession.Kind
    predecessors: tuple[str, ...]
    successor: str
    decision: str


CHANGES_2019: tuple[ChangeSpec, ...] = (
    ChangeSpec(
        Succession.Kind.RENAME,
        ("xa-nam-dong",),
        "phuong-nam-dong",
        "Nghị quyết của Ủy ban Thường vụ Quốc hội, hiệu lực 01/12/2019",
    ),
    ChangeSpec(
        Succession.Kind.RENAME,
        ("xa-tan-hung",),
        "phuong-tan-hung",
        "Nghị quyết của Ủy ban Thường vụ Quốc hội, hiệu lực 01/12/2019",
    ),
    ChangeSpec(
        Succession.Kind.MERGE,
        ("xa-an-chau", "xa-thuong-dat"),
        "xa-an-thuong",
        "Nghị quyết 788/NQ-UBTVQH14 ngày 16/10/2019",
    ),
)


@dataclass(frozen=True)
class NewWardSpec:
    """A ward of Hải Phòng from 1/7/2025 and the old units it continues.

    Each source is an old unit's code with the numbers of the residential cells it hands
    over, or ``None`` when the whole unit joins. A unit handing over only some cells was
    split between new wards.
    """

    place: str
    slug: str
    sources: tuple[tuple[str, tuple[int, ...] | None], ...]

    @property
    def code(self) -> str:
        return f"hp-phuong-{self.slug}"

    @property
    def unit(self) -> UnitSpec:
        return UnitSpec(self.place, self.slug, "phuong", valid_from=EFFECTIVE_2025)


PROVINCE_MERGE_DECISION = "Nghị quyết 202/2025/QH15 ngày 12/6/2025"
WARDS_2025_DECISION = "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/6/2025"

# Phạm Ngũ Lão → Lê Thanh Nghị and the split of Trần Phú follow the published lists of the
# merge as far as they could be checked; correct them here if the resolution says otherwise.
WARDS_2025: tuple[NewWardSpec, ...] = (
    NewWardSpec(
        "Hải Dương",
        "hai-duong",
        (
            ("phuong-tran-hung-dao", None),
            ("phuong-nhi-chau", None),
            ("phuong-ngoc-chau", None),
            ("phuong-quang-trung", None),
        ),
    ),
    NewWardSpec(
        "Lê Thanh Nghị",
        "le-thanh-nghi",
        (
            ("phuong-le-thanh-nghi", None),
            ("phuong-tan-binh", None),
            ("phuong-thanh-binh", None),
            ("phuong-pham-ngu-lao", None),
            ("phuong-tran-phu", (1, 2, 3)),
        ),
    ),
    NewWardSpec("Việt Hòa", "viet-hoa", (("phuong-viet-hoa", None), ("phuong-tu-minh", (1, 2)))),
    NewWardSpec(
        "Thành Đông",
        "thanh-dong",
        (("phuong-cam-thuong", None), ("phuong-binh-han", None), ("phuong-nguyen-trai", None), ("xa-an-thuong", None)),
    ),
    NewWardSpec("Nam Đồng", "nam-dong", (("phuong-nam-dong", None), ("xa-tien-tien", None))),
    NewWardSpec(
        "Tân Hưng",
        "tan-hung",
        (("phuong-hai-tan", None), ("phuong-tan-hung", None), ("xa-ngoc-son", None), ("phuong-tran-phu", (4, 5, 6))),
    ),
    NewWardSpec(
        "Thạch Khôi", "thach-khoi", (("phuong-thach-khoi", None), ("xa-gia-xuyen", None), ("xa-lien-hong", None))
    ),
    NewWardSpec("Tứ Minh", "tu-minh", (("phuong-tu-minh", (3, 4, 5, 6)),)),
    NewWardSpec("Ái Quốc", "ai-quoc", (("phuong-ai-quoc", None), ("xa-quyet-thang", None))),
)


@dataclass(frozen=True)
class TermSpec:
    name: str
    start: dt.date
    end: dt.date


PROVINCE_TERMS = (
    TermSpec("2015–2020", dt.date(2015, 10, 14), dt.date(2020, 10, 14)),
    TermSpec("2020–2025", dt.date(2020, 10, 15), LAST_DAY_BEFORE_2025),
)
CITY_TERMS = (
    TermSpec("2015–2020", dt.date(2015, 8, 12), dt.date(2020, 8, 12)),
    TermSpec("2020–2025", dt.date(2020, 8, 13), LAST_DAY_BEFORE_2025),
)
# The new wards and the merged city start their 2025–2030 term at the merge, with committees
# appointed (chỉ định) on 1/7/2025 and confirmed by congress later.
TERM_2025 = TermSpec("2025–2030", EFFECTIVE_2025, dt.date(2030, 6, 30))


@dataclass(frozen=True)
class BodySpec:
    kind: Body.Kind
    name: str  # may contain {lp}: "phường Trần Phú"
    symbol: str = ""


PROVINCE_BODIES = (
    BodySpec(Body.Kind.EXECUTIVE, "Ban Chấp hành Đảng bộ tỉnh Hải Dương"),
    BodySpec(Body.Kind.STANDING, "Ban Thường vụ Tỉnh ủy Hải Dương"),
    BodySpec(Body.Kind.INSPECTION, "Ủy ban Kiểm tra Tỉnh ủy Hải Dương", "UBKTTU"),
)
HAI_PHONG_BODIES = (
    BodySpec(Body.Kind.EXECUTIVE, "Ban Chấp hành Đảng bộ thành phố Hải Phòng"),
    BodySpec(Body.Kind.STANDING, "Ban Thường vụ Thành ủy Hải Phòng"),
)
CITY_BODIES = (
    BodySpec(Body.Kind.EXECUTIVE, "Ban Chấp hành Đảng bộ thành phố Hải Dương"),
    BodySpec(Body.Kind.STANDING, "Ban Thường vụ Thành ủy Hải Dương"),
    BodySpec(Body.Kind.STANDING_BOARD, "Thường trực Thành ủy Hải Dương"),
    BodySpec(Body.Kind.INSPECTION, "Ủy ban Kiểm tra Thành ủy Hải Dương", "UBKTTU"),
    BodySpec(Body.Kind.OFFICE, "Văn phòng Thành ủy Hải Dương", "VPTU"),
    BodySpec(Body.Kind.DEPARTMENT, "Ban Tổ chức Thành ủy Hải Dương", "BTCTU"),
    BodySpec(Body.Kind.DEPARTMENT, "Ban Tuyên giáo Thành ủy Hải Dương", "BTGTU"),
    BodySpec(Body.Kind.DEPARTMENT, "Ban Dân vận Thành ủy Hải Dương", "BDVTU"),
)
UNIT_BODIES = (
    BodySpec(Body.Kind.EXECUTIVE, "Ban Chấp hành Đảng bộ {lp}"),
    BodySpec(Body.Kind.STANDING, "Ban Thường vụ Đảng ủy {lp}"),
    BodySpec(Body.Kind.INSPECTION, "Ủy ban Kiểm tra Đảng ủy {lp}", "UBKTĐU"),
    BodySpec(Body.Kind.OFFICE, "Văn phòng Đảng ủy {lp}"),
)

# Roles: the seats a roster fills. A role may imply others (a secretary also sits in the
# standing and executive committees), recorded as separate memberships — kiêm nhiệm.
SECRETARY = "secretary"
DEPUTY_STANDING = "deputy_standing"
DEPUTY = "deputy"
STANDING = "standing"
COMMITTEE = "committee"
INSPECTION_CHAIR = "inspection_chair"
INSPECTION_DEPUTY = "inspection_deputy"
INSPECTION_MEMBER = "inspection_member"
OFFICE_CHIEF = "office_chief"
OFFICE_STAFF = "office_staff"
ORGANIZATION_HEAD = "organization_head"
PROPAGANDA_HEAD = "propaganda_head"
MOBILIZATION_HEAD = "mobilization_head"
CELL_SECRETARY = "cell_secretary"
CELL_DEPUTY = "cell_deputy"


@dataclass(frozen=True)
class PostSpec:
    title: str  # may contain {lp} (unit) or {cell} (cell name)
    kind: Post.Kind
    body: str | None  # a body name from the lists above (same placeholders)
    rank: int
    implies: tuple[str, ...] = field(default=())


_LEADS = (STANDING, COMMITTEE)
CITY_POSTS: dict[str, PostSpec] = {
    SECRETARY: PostSpec("Bí thư Thành ủy", Post.Kind.SECRETARY, "Thường trực Thành ủy Hải Dương", 10, _LEADS),
    DEPUTY_STANDING: PostSpec(
        "Phó Bí thư Thường trực Thành ủy", Post.Kind.DEPUTY_SECRETARY, "Thường trực Thành ủy Hải Dương", 20, _LEADS
    ),
    DEPUTY: PostSpec("Phó Bí thư Thành ủy", Post.Kind.DEPUTY_SECRETARY, "Thường trực Thành ủy Hải Dương", 21, _LEADS),
    STANDING: PostSpec(
        "Ủy viên Ban Thường vụ Thành ủy",
        Post.Kind.STANDING_MEMBER,
        "Ban Thường vụ Thành ủy Hải Dương",
        30,
        (COMMITTEE,),
    ),
    INSPECTION_CHAIR: PostSpec(
        "Chủ nhiệm Ủy ban Kiểm tra Thành ủy",
        Post.Kind.INSPECTION_CHAIR,
        "Ủy ban Kiểm tra Thành ủy Hải Dương",
        31,
        _LEADS,
    ),
    ORGANIZATION_HEAD: PostSpec(
        "Trưởng Ban Tổ chức Thành ủy", Post.Kind.DEPARTMENT_HEAD, "Ban Tổ chức Thành ủy Hải Dương", 32, _LEADS
    ),
    PROPAGANDA_HEAD: PostSpec(
        "Trưởng Ban Tuyên giáo Thành ủy", Post.Kind.DEPARTMENT_HEAD, "Ban Tuyên giáo Thành ủy Hải Dương", 33, _LEADS
    ),
    MOBILIZATION_HEAD: PostSpec(
        "Trưởng Ban Dân vận Thành ủy", Post.Kind.DEPARTMENT_HEAD, "Ban Dân vận Thành ủy Hải Dương", 34, _LEADS
    ),
    COMMITTEE: PostSpec("Thành ủy viên", Post.Kind.COMMITTEE_MEMBER, "Ban Chấp hành Đảng bộ thành phố Hải Dương", 40),
    OFFICE_CHIEF: PostSpec(
        "Chánh Văn phòng Thành ủy", Post.Kind.DEPARTMENT_HEAD, "Văn phòng Thành ủy Hải Dương", 50, (COMMITTEE,)
    ),
    INSPECTION_DEPUTY: PostSpec(
        "Phó Chủ nhiệm Ủy ban Kiểm tra Thành ủy",
        Post.Kind.INSPECTION_MEMBER,
        "Ủy ban Kiểm tra Thành ủy Hải Dương",
        51,
    ),
    INSPECTION_MEMBER: PostSpec(
        "Ủy viên Ủy ban Kiểm tra Thành ủy", Post.Kind.INSPECTION_MEMBER, "Ủy ban Kiểm tra Thành ủy Hải Dương", 52
    ),
    OFFICE_STAFF: PostSpec("Chuyên viên Văn phòng Thành ủy", Post.Kind.STAFF, "Văn phòng Thành ủy Hải Dương", 60),
}

UNIT_POSTS: dict[str, PostSpec] = {
    SECRETARY: PostSpec("Bí thư Đảng ủy {lp}", Post.Kind.SECRETARY, "Ban Thường vụ Đảng ủy {lp}", 10, _LEADS),
    DEPUTY: PostSpec("Phó Bí thư Đảng ủy {lp}", Post.Kind.DEPUTY_SECRETARY, "Ban Thường vụ Đảng ủy {lp}", 20, _LEADS),
    STANDING: PostSpec(
        "Ủy viên Ban Thường vụ Đảng ủy {lp}", Post.Kind.STANDING_MEMBER, "Ban Thường vụ Đảng ủy {lp}", 30, (COMMITTEE,)
    ),
    INSPECTION_CHAIR: PostSpec(
        "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy {lp}",
        Post.Kind.INSPECTION_CHAIR,
        "Ủy ban Kiểm tra Đảng ủy {lp}",
        35,
        (COMMITTEE,),
    ),
    COMMITTEE: PostSpec("Đảng ủy viên {lp}", Post.Kind.COMMITTEE_MEMBER, "Ban Chấp hành Đảng bộ {lp}", 40),
    OFFICE_STAFF: PostSpec("Cán bộ Văn phòng Đảng ủy {lp}", Post.Kind.STAFF, "Văn phòng Đảng ủy {lp}", 60),
}

CELL_POSTS: dict[str, PostSpec] = {
    CELL_SECRETARY: PostSpec("Bí thư {cell}", Post.Kind.SECRETARY, None, 10),
    CELL_DEPUTY: PostSpec("Phó Bí thư {cell}", Post.Kind.DEPUTY_SECRETARY, None, 20),
}

# Sizes of the generated rosters. The whole demo stays a few hundred people so that
# ``make run`` loads it in seconds on SQLite.
CITY_COMMITTEE_SIZE = 33  # Ban Chấp hành
CITY_STANDING_EXTRA = 4  # Ủy viên BTV besides the leaders and heads of departments
CITY_WARD_SECRETARIES_ON_COMMITTEE = 8  # ward secretaries who are also Thành ủy viên
CITY_INSPECTION_MEMBERS = 3
CITY_OFFICE_STAFF = 3
UNIT_COMMITTEE_PLAIN = 5  # Đảng ủy viên besides the secretary, two deputies and the inspection chair
ORDINARY_MEMBERS_PER_CELL = 1


@dataclass(frozen=True)
class AccountSpec:
    """A demo login. ``person`` names a generated person (see ``plan.DemoPlan.anchors``)."""

    username: str
    role: Role
    organization: str
    label: str
    person: str | None = None
    confidential: bool = False
    superuser: bool = False


ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec("admin", Role.ADMIN, PROVINCE.code, "Quản trị hệ thống", superuser=True),
    AccountSpec("vanphong", Role.OFFICE, CITY.code, "Chuyên viên Văn phòng Thành ủy", person="city_office_staff"),
    AccountSpec("bithu", Role.LEADER, CITY.code, "Bí thư Thành ủy (2020–2025)", person="city_secretary"),
    AccountSpec("uyvien", Role.MEMBER, CITY.code, "Thành ủy viên (2020–2025)", person="city_committee_member"),
    AccountSpec(
        "ubkt",
        Role.INSPECTOR,
        CITY.code,
        "Ủy viên Ủy ban Kiểm tra Thành ủy",
        person="city_inspector",
        confidential=True,
    ),
    AccountSpec(
        "chibo",
        Role.CELL_SECRETARY,
        "phuong-tran-phu-kdc-1",
        "Bí thư Chi bộ khu dân cư số 1, kiêm Đảng ủy viên phường Trần Phú",
        person="tran_phu_cell_secretary",
    ),
    AccountSpec(
        "captren",
        Role.UPPER_VIEWER,
        PROVINCE.code,
        "Cán bộ Tỉnh ủy Hải Dương (cấp trên, chỉ xem)",
    ),
    AccountSpec(
        "vanphong.phuong",
        Role.OFFICE,
        "phuong-tran-phu",
        "Cán bộ Văn phòng Đảng ủy phường Trần Phú",
        person="tran_phu_office_staff",
    ),
    AccountSpec(
        "uyvien.phuong",
        Role.MEMBER,
        "phuong-tran-phu",
        "Đảng ủy viên phường Trần Phú",
        person="tran_phu_committee_member",
    ),
    # The reporting demo on the structure after 1/7/2025 (the accounts above sit on organisations
    # that closed on 30/6/2025): the office, a cell secretary and a committee member of the new
    # phường Hải Dương, where reports fall due and escalations arrive up to the demo's today.
    AccountSpec(
        "vanphong.hd",
        Role.OFFICE,
        "hp-phuong-hai-duong",
        "Cán bộ Văn phòng Đảng ủy phường Hải Dương",
        person="hai_duong_office_staff",
    ),
    AccountSpec(
        "bithu.kdc1",
        Role.CELL_SECRETARY,
        "hp-phuong-hai-duong-kdc-1",
        "Bí thư Chi bộ khu dân cư số 1 phường Hải Dương",
        person="hai_duong_cell_secretary",
    ),
    AccountSpec(
        "uyvien.hd",
        Role.MEMBER,
        "hp-phuong-hai-duong",
        "Đảng ủy viên phường Hải Dương",
        person="hai_duong_committee_member",
    ),
)
# Grants start with the demo's history, so every record of it is in scope.
GRANTS_VALID_FROM = HISTORY_START
