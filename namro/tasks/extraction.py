"""Draft tasks from the pasted text of a conclusion or resolution (SPEC C3, "Extraction").

The office pastes a Kết luận, Nghị quyết or Thông báo kết luận and gets one
:class:`ExtractedTask` per assignment in it, with the five "rõ" pre-filled from the
phrases the Party uses: "Giao Ban Tuyên giáo Thành ủy chủ trì, phối hợp với UBND thành
phố …, hoàn thành trước ngày 30/6/2020; báo cáo kết quả về Thường trực Thành ủy". Every
field keeps the (start, end) span of its source phrase in the pasted text, so the page can
highlight what it read and a person can correct it before anything is issued; the same
clarity gate then applies (:func:`to_draft` → :func:`namro.tasks.clarity.check_clarity`).

This module is pure: no database. Bodies and posts stay phrases with a
:func:`canonical_body_key` ("UBND thành phố" and "Ủy ban nhân dân thành phố" share one key)
that the database layer matches to organisations, bodies and the people holding a post on
the document's date.

How the text is read:

* Matching runs on an accent-folded copy of the text that keeps letter case and a map back
  to the original offsets, so "Uỷ ban"/"Ủy ban", "hoà"/"hòa" and text typed without
  diacritics all match, and spans still point into what was pasted.
* Letter case carries meaning in Vietnamese administrative writing: names of bodies are
  capitalised ("Ban Tổ chức", "Phòng Quản lý đô thị") and the verbs that start a job are not
  ("tổ chức hội nghị", "quản lý"). That is how the end of a name is found when no
  "chủ trì" marks it.
* Items are numbered or bulleted paragraphs and the sentences that assign work ("Giao …",
  "Đề nghị …", "Yêu cầu …", "Ban Thường vụ Thành ủy giao …", "X chủ trì …", "X có trách
  nhiệm …"). Preambles, assessments ("Ban Thường vụ Thành ủy cơ bản đồng ý …"), headings
  and the "Nơi nhận" list give no task. A paragraph that ends with a colon after naming a
  lead ("Giao UBND thành phố:") hands that lead to the bullets below it.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from namro.lib.text import fold
from namro.lib.workdays import WorkCalendar, lunar_date
from namro.tasks.clarity import CoOperator, LeadKind, Recurrence, TaskDraft

# --- what extraction returns ---------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """A piece of the pasted text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class Party:
    """A body, post or person named in the text, not yet resolved to a record.

    ``key`` is :func:`canonical_body_key` of the phrase (with a shared qualifier added back:
    in "Ban Tổ chức, Ban Tuyên giáo Thành ủy" the first is "ban to chuc thanh uy").
    ``kind`` is "person" for a post or a comrade ("đồng chí Bí thư Thành ủy"), "unit"
    otherwise; ``is_group`` marks a phrase that stands for many ("các cấp ủy trực thuộc").
    """

    phrase: Phrase
    key: str
    kind: LeadKind
    is_group: bool = False


class DeadlineKind(StrEnum):
    DATE = "date"
    WORKING_DAYS = "working_days"
    RECURRENCE = "recurrence"


@dataclass(frozen=True)
class Deadline:
    """The time of a task as written.

    ``date`` is the due day for DATE, and for WORKING_DAYS the day computed with the
    calendar from the document's date (for display; the task keeps ``working_days`` and
    counts from its own issuance). A recurrence has no single date.
    """

    phrase: Phrase
    kind: DeadlineKind
    date: dt.date | None = None
    working_days: int | None = None
    recurrence: Recurrence | None = None


@dataclass(frozen=True)
class Target:
    """A numeric target: "giảm 20%", "hoàn thành 15 km", "kết nạp 120 đảng viên"."""

    phrase: Phrase
    value: Decimal
    unit: str


@dataclass(frozen=True)
class ExtractedTask:
    """One assignment read from the text, with the source phrase of every field."""

    source: Phrase
    reference_date: dt.date
    leads: tuple[Party, ...] = ()
    co_operators: tuple[Party, ...] = ()
    title: Phrase | None = None
    deadline: Deadline | None = None
    deliverable: Phrase | None = None
    target: Target | None = None
    acceptor: Party | None = None
    responsibility: Phrase | None = None
    lead_inherited: bool = False

    @property
    def lead(self) -> Party | None:
        """The lead when exactly one is named."""
        return self.leads[0] if len(self.leads) == 1 else None

    @property
    def several_leads(self) -> bool:
        return len({p.key for p in self.leads}) > 1 or any(p.is_group for p in self.leads)

    def highlights(self) -> list[tuple[str, Phrase]]:
        """(field, phrase) pairs in text order, for the page that shows what was read."""
        found: list[tuple[str, Phrase]] = [("lead", p.phrase) for p in self.leads]
        found += [("co_operator", p.phrase) for p in self.co_operators]
        for name, phrase in (
            ("title", self.title),
            ("deadline", self.deadline.phrase if self.deadline else None),
            ("deliverable", self.deliverable),
            ("target", self.target.phrase if self.target else None),
            ("acceptor", self.acceptor.phrase if self.acceptor else None),
            ("responsibility", self.responsibility),
        ):
            if phrase is not None:
                found.append((name, phrase))
        return sorted(found, key=lambda pair: (pair[1].start, pair[1].end))


# --- canonical keys of bodies and posts ----------------------------------------------------

# Abbreviations of Party and State bodies, expanded before folding. Compound forms first.
ABBREVIATIONS: dict[str, str] = {
    "BTVTU": "ban thường vụ thành ủy",
    "UBKTTU": "ủy ban kiểm tra thành ủy",
    "VPTU": "văn phòng thành ủy",
    "UBMTTQVN": "ủy ban mặt trận tổ quốc việt nam",
    "UBMTTQ": "ủy ban mặt trận tổ quốc",
    "MTTQVN": "mặt trận tổ quốc việt nam",
    "MTTQ": "mặt trận tổ quốc",
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "HDND": "hội đồng nhân dân",
    "UBKT": "ủy ban kiểm tra",
    "BTV": "ban thường vụ",
    "BCH": "ban chấp hành",
    "BTG": "ban tuyên giáo",
    "BTC": "ban tổ chức",
    "BDV": "ban dân vận",
    "HLHPN": "hội liên hiệp phụ nữ",
    "LĐLĐ": "liên đoàn lao động",
    "CCB": "cựu chiến binh",
    "ĐU": "đảng ủy",
    "TU": "thành ủy",
    "TP": "thành phố",
    "Tp": "thành phố",
    "UV": "ủy viên",
}
_ABBREVIATION = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\.?(?![\w])"
)


def canonical_body_key(phrase: str) -> str:
    """A stable, accent-folded key for a body or post phrase, for the database layer to match.

    "Ủy ban nhân dân thành phố", "UBND thành phố" and "UBND TP" give
    "uy ban nhan dan thanh pho"; "đồng chí Bí thư Thành ủy" gives "bi thu thanh uy" (the
    honorific is dropped); "Ủy ban MTTQ Việt Nam thành phố" and "Mặt trận Tổ quốc thành
    phố" give "uy ban mat tran to quoc thanh pho".
    """
    text = unicodedata.normalize("NFC", phrase)
    text = _ABBREVIATION.sub(lambda m: " " + ABBREVIATIONS[m.group(1)] + " ", text)
    key = fold(text)
    key = re.sub(r"(?<![a-z])(?:dong chi|d/c)(?![a-z])", " ", key)
    key = re.sub(r"[^a-z0-9]+", " ", key)
    key = re.sub(r"\bmat tran to quoc viet nam\b", "mat tran to quoc", key)
    key = re.sub(r"(?<!uy ban )\bmat tran to quoc\b", "uy ban mat tran to quoc", key)
    return " ".join(key.split())


# --- the entry points ----------------------------------------------------------------------


def extract(text: str, reference_date: dt.date, calendar: WorkCalendar | None = None) -> list[ExtractedTask]:
    """Read the draft tasks of a conclusion or resolution dated ``reference_date``.

    ``calendar`` counts "trong N ngày làm việc" and "trước Tết" (default: weekends only).
    Nothing here is final: each task is a draft for a person to confirm.
    """
    view = _Text(text)
    return _Reader(view, reference_date, calendar or WorkCalendar()).read()


def to_draft(extracted: ExtractedTask) -> TaskDraft:
    """The :class:`TaskDraft` the clarity gate checks, with names as canonical keys.

    Leads stay what the text says: a unit is reported by the gate as ``lead_is_unit`` until
    the database layer puts the person holding its head post in its place. Co-operators get
    no role (the text rarely gives one), the acceptance criterion is the numeric target when
    there is one, and the document's date is the start.
    """
    leads = extracted.leads
    lead_kind: LeadKind | None = None
    if leads:
        lead_kind = "person" if all(p.kind == "person" for p in leads) else "unit"
    deadline = extracted.deadline
    return TaskDraft(
        title=_sentence_case(extracted.title.text) if extracted.title else "",
        description=extracted.source.text,
        lead_kind=lead_kind,
        lead_ids=tuple(p.key for p in leads),
        lead_name=", ".join(p.phrase.text for p in leads),
        lead_is_group=any(p.is_group for p in leads),
        co_operators=tuple(CoOperator(p.kind, p.key, p.phrase.text) for p in extracted.co_operators),
        start=extracted.reference_date,
        deadline=deadline.date if deadline and deadline.kind == DeadlineKind.DATE else None,
        deadline_working_days=deadline.working_days if deadline else None,
        recurrence=deadline.recurrence if deadline else None,
        deliverable=_sentence_case(extracted.deliverable.text) if extracted.deliverable else "",
        acceptance_criterion=extracted.target.phrase.text if extracted.target else "",
        target_value=extracted.target.value if extracted.target else None,
        target_unit=extracted.target.unit if extracted.target else "",
        responsibility=_sentence_case(extracted.responsibility.text) if extracted.responsibility else "",
        acceptor=extracted.acceptor.key if extracted.acceptor else None,
        acceptor_name=extracted.acceptor.phrase.text if extracted.acceptor else "",
    )


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the folded view -----------------------------------------------------------------------


class _Text:
    """The pasted text folded letter by letter (diacritics off, đ → d, case kept), with the
    original offset of every folded character, so patterns can be written without accents
    and still report spans into the original."""

    def __init__(self, text: str) -> None:
        self.original = text
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(text):
            if ch in "đĐ":
                out = "d" if ch == "đ" else "D"
            else:
                out = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
            chars.extend(out)
            index.extend([i] * len(out))
        self.s = "".join(chars)
        self._index = index

    def phrase(self, start: int, end: int) -> Phrase | None:
        """The original text behind folded ``[start, end)``, trimmed of spaces and list punctuation."""
        s = self.s
        while start < end and (s[start].isspace() or s[start] in ",;:"):
            start += 1
        while end > start and (s[end - 1].isspace() or s[end - 1] in ",;:."):
            end -= 1
        if start >= end:
            return None
        o_start = self._index[start]
        o_end = self._index[end - 1] + 1
        while o_end < len(self.original) and unicodedata.category(self.original[o_end]) == "Mn":
            o_end += 1
        return Phrase(self.original[o_start:o_end], o_start, o_end)


# --- vocabulary ----------------------------------------------------------------------------
# All patterns run on folded text. Lower-case entries are case-sensitive on purpose.

# The first words of the name of a body, post or group of them.
_HEAD_WORDS = (
    "Ban",
    "BTV",
    "BCH",
    "Thuong truc",
    "Thanh uy",
    "Tinh uy",
    "Huyen uy",
    "Dang uy",
    "Dang bo",
    "Dang doan",
    "Chi bo",
    "Chi uy",
    "UBND",
    "HDND",
    "UBKT",
    "UBMTTQ",
    "MTTQ",
    "Uy ban",
    "Hoi dong",
    "Hoi",
    "Van phong",
    "VPTU",
    "Phong",
    "Trung tam",
    "Mat tran",
    "Lien doan",
    "Thanh doan",
    "Doan",
    "Cong an",
    "Vien",
    "Toa an",
    "Chi cuc",
    "Thanh tra",
    "Truong",
    "Bi thu",
    "Pho Bi thu",
    "Chu tich",
    "Pho Chu tich",
    "Pho Truong",
    "Chu nhiem",
    "Pho Chu nhiem",
    "Chanh",
    "Pho Chanh",
    "Giam doc",
    "Pho Giam doc",
    "Thu truong",
    "Uy vien",
    "Thanh uy vien",
    "Nguoi dung dau",
    "Dong chi",
    "Cac",
    "cac",
    "nhung",
    "dong chi",
    "d/c",
    "D/c",
    "nguoi dung dau",
)
_HEAD = re.compile(r"(?:" + "|".join(re.escape(w) for w in sorted(_HEAD_WORDS, key=len, reverse=True)) + r")(?![\w])")

# Lower-case syllables that continue a capitalised one inside a name ("Ban Thường vụ").
_NAME_BIGRAMS: frozenset[tuple[str, str]] = frozenset(
    (first, second)
    for first, second in (
        pair.split()
        for pair in (
            "thuong vu",
            "thuong truc",
            "thanh uy",
            "tinh uy",
            "dang uy",
            "huyen uy",
            "chi uy",
            "uy ban",
            "uy vien",
            "ban nhan",
            "nhan dan",
            "chap hanh",
            "kiem tra",
            "dang bo",
            "chi bo",
            "bi thu",
            "chu tich",
            "van phong",
            "to chuc",
            "tuyen giao",
            "dan van",
            "noi chinh",
            "mat tran",
            "to quoc",
            "hoi dong",
            "dong nhan",
            "chu nhiem",
            "truong ban",
            "truong phong",
            "cong an",
            "thanh doan",
            "lien doan",
            "lao dong",
            "lien hiep",
            "phu nu",
            "cuu chien",
            "chien binh",
            "nong dan",
            "chi huy",
            "quan su",
            "giam doc",
            "chanh van",
            "dong chi",
            "cac dong",
            "thanh nien",
            "chinh tri",
            "xa hoi",
            "nguoi dung",
            "dung dau",
            "doan the",
            "trung tam",
            "quan ly",
            "thong tin",
            "van hoa",
            "giao duc",
            "dao tao",
            "kinh te",
            "tai chinh",
            "ke hoach",
            "tai nguyen",
            "moi truong",
            "do thi",
            "y te",
            "tu phap",
            "noi vu",
            "thanh tra",
            "phat trien",
            "viet nam",
        )
    )
)
_LOCATION = re.compile(r" (?:thanh pho|thi tran|thi xa|tinh|phuong|xa|huyen|quan|khu dan cu|so)(?![\w])")
_NEXT_WORD = re.compile(r"(?: - | |-)(?P<w>[^\s,;:.()“”\"'/]+(?:/[^\s,;:.()“”\"']+)?)")

# Words that start a job: the action verbs of conclusions and the adverbs put before them.
_GUARDED_VERBS = {
    # "các tổ chức đảng", "tổ chức chính trị - xã hội" are nouns
    "to chuc": r"(?<!cac )(?<!nhung )(?<!ban )to chuc(?! (?:dang|chinh tri|co so|doan the|thanh vien|xa hoi|kinh te))",
    # "các ban xây dựng Đảng", "cơ quan tham mưu", "dự án đầu tư xây dựng"
    "xay dung": r"(?<!ban )(?<!co quan )(?<!dau tu )xay dung",
    "tham muu": r"(?<!ban )(?<!co quan )tham muu",
    "quan ly": r"(?<!ban )quan ly",
    "kiem tra": r"(?<!ban )(?<!doan )kiem tra",
    "lap": r"(?<!doc )lap",
    "phoi hop": r"(?<!su )phoi hop",
    "trinh": r"(?<!to )(?<!chuong )(?<!cong )(?<!qua )(?<!lo )(?<!giao )trinh",
}
_VERB_WORDS = (
    "ban hanh",
    "bao cao",
    "bao dam",
    "bien soan",
    "bo sung",
    "bo tri",
    "boi duong",
    "cai tao",
    "can doi",
    "chan chinh",
    "chi dao",
    "chinh trang",
    "chuan bi",
    "chu dong",
    "cung co",
    "cu the hoa",
    "dam bao",
    "danh gia",
    "day manh",
    "day nhanh",
    "de xuat",
    "dieu chinh",
    "don doc",
    "doi thoai",
    "du hoi nghi",
    "du hop",
    "du sinh hoat",
    "giai phong",
    "giai quyet",
    "giam sat",
    "gui",
    "hoa giai",
    "hoan chinh",
    "hoan tat",
    "hoan thanh",
    "hoan thien",
    "ho tro",
    "huong dan",
    "khac phuc",
    "khan truong",
    "khao sat",
    "kiem diem",
    "kien toan",
    "kip thoi",
    "lap dat",
    "lam ro",
    "lam viec",
    "lua chon",
    "nam bat",
    "nam chac",
    "nam tinh hinh",
    "nang cap",
    "nghien cuu",
    "nghiem tuc",
    "nop",
    "phan dau",
    "phat dong",
    "phat hanh",
    "phat huy",
    "quan triet",
    "quyet liet",
    "ra soat",
    "sap xep",
    "so ket",
    "soan thao",
    "som",
    "sua doi",
    "tang cuong",
    "tap trung",
    "tham dinh",
    "thanh tra",
    "theo doi",
    "thong ke",
    "thuc hien",
    "thuong xuyen",
    "tiep cong dan",
    "tiep nhan",
    "tiep tuc",
    "tong hop",
    "tong ket",
    "trien khai",
    "truc tiep",
    "tuyen truyen",
    "van dong",
    "xac minh",
    "xem xet",
    "xu ly",
    *_GUARDED_VERBS,
)
_VERB_ALTERNATION = "|".join(
    _GUARDED_VERBS.get(word, re.escape(word)) for word in sorted(_VERB_WORDS, key=len, reverse=True)
)
# After "được" a verb qualifies a name ("các đồng chí được phân công theo dõi địa bàn").
_NOT_AFTER = r"(?<![\w/])(?<!duoc )(?<!duoc phan cong )(?<!duoc giao )"
_VERB = re.compile(_NOT_AFTER + r"(?:" + _VERB_ALTERNATION + r")(?![\w])")
_VERB_ANY_CASE = re.compile(_NOT_AFTER + r"(?:" + _VERB_ALTERNATION + r")(?![\w])", re.IGNORECASE)

# What the standing committee says of itself: an assessment, not an assignment.
_ASSESSMENT = re.compile(
    r"\s+(?:danh gia|ghi nhan|bieu duong|dong y|thong nhat|nhat tri|tan thanh|co ban|hoan toan|cho rang|nhan thay"
    r"|ket luan|luu y|phe binh|chi ra|da |dang )"
)
_ISSUER_KEY = re.compile(r"^(?:ban thuong vu|thuong truc|ban chap hanh|thanh uy|tinh uy)\b")

_TRIGGER = re.compile(
    r"(?:(?i:giao)(?!\s+(?:thong|luu|dich|ban)\b)(?:\s+nhiem vu)?(?:\s+cho)?"
    r"|(?i:de nghi)(?!\s+cua)|(?i:yeu cau)(?!\s+(?:cua|dat ra)))\s+(?=\S)"
)
_ISSUER_VERB = re.compile(r"\s+(?:giao|de nghi|yeu cau)(?:\s+cho)?\s+(?=\S)")

_LEAD_MARKER = re.compile(
    r"(?<!da )(?<![\w])(?:chu tri|co trach nhiem|chiu trach nhiem|lam dau moi|la dau moi)(?![\w])"
    r"(?! (?:hoi nghi|cuoc hop|phien hop|buoi lam viec|buoi tiep|ky hop))"
)
_CO_OPERATION = re.compile(
    r"(?<![\w])(?:(?<!su )phoi hop(?: chat che)?(?: voi| cung)?|cung voi|voi su phoi hop cua)\s+(?=\S)"
)
_APPOSITION = re.compile(r"(?i:dong chi|d/c)\s[^,]+,\s*")
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:va\s+)?|\s+(?:va|cung)\s+")
_SENTENCE_END = re.compile(r"[.;:!?…](?=\s|$)")
_CLAUSE_BOUNDARY = re.compile(r"[.;:!?…]\s+")

_PERSON_KEY = re.compile(
    r"^(?:cac |nhung )?(?:pho )?(?:bi thu|chu tich|truong ban|truong phong|truong cong an|chu nhiem|chanh van phong"
    r"|giam doc|thu truong|uy vien|thanh uy vien|nguoi dung dau|chi huy truong)\b"
)
_LEVEL_WORD = re.compile(
    r"(?<![\w])(?:[Tt]hanh uy|TU|[Tt]inh uy|[Tt]hanh pho|TP|tinh|phuong|xa|huyen|quan|thi tran)(?![\w])"
)
_SHARED_QUALIFIER = re.compile(r"(?:\s+(?:Thanh uy|TU|Tinh uy|thanh pho|Thanh pho|TP|tinh))+$")

_ACCEPTOR = re.compile(
    r"(?<![\w])(?:(?P<report>(?i:bao cao|b/c)"
    r"(?: ket qua(?: thuc hien)?| tien do(?: thuc hien)?| tinh hinh(?: thuc hien)?)?)"
    r"|(?P<submit>" + _GUARDED_VERBS["trinh"] + r"))(?: (?:ve|voi|len|cho))?\s+(?=\S)"
)
_RELAY = re.compile(r"\s+de\s+(?:tong hop|theo doi)")
_RESPONSIBILITY = re.compile(r"(?<![\w])chiu trach nhiem(?: chinh)?(?:\s+(?P<before>truoc|voi)\s+)?")
_ABOUT = re.compile(r"\s*(?:ve|neu)\s+(?:viec\s+)?")

_LEAD_IN = re.compile(
    r"(?:(?i:thoi gian)(?: hoan thanh| thuc hien| to chuc)?\s*:?\s*"
    r"|(?:hoan thanh xong|hoan thanh|thuc hien xong|xong)\s+"
    r"|(?<=,\s)thuc hien\s+)$"
)
_TIME_LEAD_IN_COLON = re.compile(r"(?i:thoi gian)(?: hoan thanh| thuc hien)?\s*:\s*$")

_WORK_NOUN = re.compile(
    r"(?<![\w])(?i:de an|ke hoach|to trinh|phuong an|de cuong|chuong trinh|tai lieu|danh sach|bo tieu chi|quy che"
    r"|du thao|so tay)(?![\w])"
)
_NORMATIVE_NOUN = re.compile(
    r"(?<![\w])(?i:bao cao|huong dan|thong bao|nghi quyet|ket luan|chi thi|quy dinh|quyet dinh|van ban"
    r"|tieu chi)(?![\w])"
)
_PRODUCTION_VERB_BEFORE = re.compile(
    r"(?<![\w])(?:xay dung|ban hanh|du thao|soan thao|bien soan|tham muu|sua doi|bo sung|hoan thien|hoan chinh|de xuat"
    r"|trinh|lap|chuan bi|gui|nop|phat hanh|thong qua)\s+$",
    re.IGNORECASE,
)
_NOT_A_PRODUCT_BEFORE = re.compile(
    r"(?<![\w])(?:thuc hien|trien khai|quan triet|theo|cua|tai|ve|voi|trong|can cu|tham gia|(?<!xay )dung)"
    r"\s+(?:cac\s+|nhung\s+)?$",
    re.IGNORECASE,
)
_REFERENCE_AFTER = re.compile(r"\s+so(?![\w])")
_NEXT_STEP = re.compile(r",\s+(?:gui|nop|trinh|bao cao|phat hanh)(?![\w])")
_APPROVAL = re.compile(
    r"\s+(?:xem xet(?:,? (?:quyet dinh|cho y kien|phe duyet|thong qua))?|cho y kien|phe duyet|quyet dinh|thong qua"
    r"|ky ban hanh|ky|ban hanh)(?![\w])"
)

_UNITS = (
    "km2",
    "km",
    "m2",
    "m²",
    "m3",
    "ha",
    "ty dong",
    "trieu dong",
    "nghin dong",
    "dong",
    "dang vien",
    "chi bo",
    "to chuc co so dang",
    "to chuc dang",
    "ho gia dinh",
    "ho",
    "nguoi",
    "luot nguoi",
    "luot",
    "cuoc",
    "cay xanh",
    "cay",
    "bong den",
    "cong trinh",
    "tuyen duong",
    "tuyen pho",
    "can nha",
    "ngoi nha",
    "lop",
    "hoi nghi",
    "diem",
    "mo hinh",
    "khu dan cu",
    "truong hop",
    "ho so",
    "chuyen de",
    "tin bai",
    "bai viet",
    "tan",
    "m",
)
_TARGET = re.compile(
    r"(?<![\w/.,])(?:(?P<verb>dat|giam|tang|hoan thanh|trong moi|trong|lap dat|ket nap|cai tao|nang cap|xay dung moi"
    r"|xay dung|lam moi|sua chua|be tong hoa|thu hut|boi duong|dao tao)\s+(?:(?:it nhat|toi thieu|tren|khoang|them|len"
    r"|xuong con|xuong|con)\s+)?)?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?:\s*(?P<pct>%)|\s+(?P<unit>" + "|".join(re.escape(u) for u in _UNITS) + r"))(?![\w/])"
)
# After a verb that sets a target, a number counts whatever follows it, up to three words
# ("đạt 1.500 đơn vị máu"), but not time ("trong 15 ngày" is not a target).
_TARGET_ANY_UNIT = re.compile(
    r"(?<![\w/.,])(?P<verb>dat|giam|tang|hoan thanh|lap dat|ket nap|cai tao|nang cap|xay dung moi|xay dung|lam moi"
    r"|sua chua|thu hut|boi duong|dao tao|ho tro|tiep nhan)\s+(?:(?:it nhat|toi thieu|tren|khoang|them)\s+)?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?P<pct>(?!))?"
    r"\s+(?P<unit>(?!(?:ngay|thang|nam|quy|tuan|gio|lan)(?![\w]))[a-z]+"
    r"(?: (?!(?:trong|truoc|tai|tren|o|cua|cho|vao|den|so|moi|va|voi|nam|thang|ngay)(?![\w]))[a-z]+){0,2})(?![\w/])"
)

# --- time phrases --------------------------------------------------------------------------

_PREFIX = (
    r"(?P<p>(?i:truoc|cham nhat|muon nhat|han chot|han cuoi|den het|den|het|trong|du kien)(?: (?:la|vao|den|het))*)"
)
_DATE = re.compile(
    r"(?:" + _PREFIX + r"\s+)?(?:(?i:ngay)\s+)?"
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?(?![\d/])"
    r"|(?P<sd>\d{1,2}) thang (?P<sm>\d{1,2})(?: nam (?P<sy>\d{4}))?(?![\d/]))"
)
_PERIOD_PREFIX = (
    r"(?:(?P<p>(?i:trong|den het|het|cuoi|truoc|vao|ngay trong|xong trong"
    r"|(?:tai |vao |trong )?(?:hoi nghi|ky hop|phien hop|cuoc hop)(?: [a-z]+)??))\s+)?"
)
_MONTH = re.compile(
    _PERIOD_PREFIX + r"(?i:thang)\s+(?P<m>\d{1,2})(?:\s*(?:[/.-]|nam)\s*(?P<y>\d{4}))?(?![\d/])(?!\s+nam\b)"
)
_QUARTER = re.compile(
    _PERIOD_PREFIX + r"(?i:quy)\s+(?P<q>IV|III|II|I|[1-4])(?![\w])(?:\s*(?:[/.-]|nam)\s*(?P<y>\d{4}))?"
)
_HALF = re.compile(
    r"(?:(?P<p>(?i:trong|den het|het|ngay trong))\s+)?(?:6|sau) thang (?P<h>dau|cuoi) nam(?:\s+(?P<y>\d{4}))?"
)
_YEAR = re.compile(
    r"(?P<p>(?i:trong|den het|het|cuoi|den|ngay trong))\s+nam(?:\s+(?P<y>\d{4})|(?P<next> sau| toi)| nay)?(?![\w])"
    r"(?!\s+(?:qua|hoc|truoc)\b)"
)
_TET = re.compile(
    r"(?i:truoc)\s+(?:dip\s+)?Tet(?:\s+(?:Nguyen dan|Am lich|co truyen))?"
    r"(?:\s+(?P<canchi>(?:Giap|At|Binh|Dinh|Mau|Ky|Canh|Tan|Nham|Quy)"
    r" (?:Ty|Suu|Dan|Mao|Thin|Ngo|Mui|Than|Dau|Tuat|Hoi)))?"
    r"(?:\s+(?:nam\s+)?(?P<y>\d{4}))?"
)
_WORKING_DAYS = re.compile(
    r"(?:(?i:trong)(?:\s+(?:thoi han|vong))?\s+)?(?P<n>\d{1,3})\s+ngay(?P<lv>\s+lam viec)?"
    r"(?P<from>,?\s+(?:ke\s+)?tu\s+(?:ngay|khi)\s+(?:ky\s+)?(?:ban hanh|nhan duoc|nhan|ky)"
    r"(?:\s+(?:thong bao ket luan|thong bao|ket luan|nghi quyet|van ban|quyet dinh))?(?:\s+nay)?)?",
    re.IGNORECASE,
)
_CONTINUOUS = re.compile(r"(?<![\w])(?i:thuong xuyen)(?![\w])")
_PERIODIC = re.compile(
    r"(?<![\w])(?i:(?:dinh ky\s+)?(?:hang|moi)\s+(?P<per>tuan|thang|quy|nam)|dinh ky\s+(?P<per2>tuan|thang|quy|nam)"
    r"|(?:dinh ky|hang)\s+(?P<half>6|sau)\s+thang(?:\s+(?:mot|1)\s+lan)?|(?P<half2>6|sau)\s+thang\s+(?:mot|1)\s+lan"
    r"|(?:(?:it nhat|toi thieu)\s+)?\d{1,2}\s+lan\s*/\s*(?P<per3>tuan|thang|quy|nam))"
    r"(?![\w])"
)
_PERIODS = {
    "tuan": Recurrence.WEEKLY,
    "thang": Recurrence.MONTHLY,
    "quy": Recurrence.QUARTERLY,
    "nam": Recurrence.YEARLY,
}
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_CAN = ("Giap", "At", "Binh", "Dinh", "Mau", "Ky", "Canh", "Tan", "Nham", "Quy")
_CHI = ("Ty", "Suu", "Dan", "Mao", "Thin", "Ty", "Ngo", "Mui", "Than", "Dau", "Tuat", "Hoi")

# --- paragraphs ----------------------------------------------------------------------------

_MARKER = re.compile(
    r"[ \t]*(?:(?P<roman>[IVX]{1,5})[.)]|(?P<num>\d{1,2}(?:\.\d{1,2})*)[.)]|(?P<letter>[a-z])[).]"
    r"|(?P<dash>[-–—])|(?P<plus>\+)|(?P<bullet>[•·*▪◦]))[ \t]+"
)
_END_OF_BODY = re.compile(r"(?im)^\s*(?:noi nhan\s*:|T/M\s|T/L\s|TM\.|K/T\s)")


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    lead_in: int  # where "hoàn thành", "xong", "Thời gian hoàn thành:" before it begins
    kind: DeadlineKind
    date: dt.date | None = None
    working_days: int | None = None
    recurrence: Recurrence | None = None


@dataclass(frozen=True)
class _Paragraph:
    start: int
    body: int
    end: int
    marker: str | None


@dataclass(frozen=True)
class _Parent:
    """A "Giao X:" paragraph whose lead the bullets under it inherit."""

    leads: tuple[Party, ...]
    co_operators: tuple[Party, ...]
    marker: str | None


class _Reader:
    """One pass over one document: paragraphs → items → fields."""

    def __init__(self, view: _Text, reference: dt.date, calendar: WorkCalendar) -> None:
        self.view = view
        self.s = view.s
        self.reference = reference
        self.calendar = calendar

    # -- paragraphs and items --

    def read(self) -> list[ExtractedTask]:
        tasks: list[ExtractedTask] = []
        parent: _Parent | None = None
        for paragraph in self._paragraphs():
            if parent is not None and (paragraph.marker is None or paragraph.marker == parent.marker):
                parent = None
            for start, end in self._items(paragraph):
                task = self._parse(start, end, parent if paragraph.marker is not None else None)
                if task is None:
                    continue
                if task.leads and not task.lead_inherited and self.s[start:end].rstrip().endswith(":"):
                    parent = _Parent(task.leads, task.co_operators, paragraph.marker)
                    continue
                tasks.append(task)
        return tasks

    def _paragraphs(self) -> list[_Paragraph]:
        s = self.s
        cut = _END_OF_BODY.search(s)
        limit = cut.start() if cut else len(s)
        paragraphs: list[_Paragraph] = []
        current: list[int] | None = None  # [start, body, end] of the paragraph being built
        marker: str | None = None
        previous_end = -2
        for line in re.finditer(r"[^\n]+", s[:limit]):
            ls, le = line.start(), line.end()
            if not s[ls:le].strip():
                continue
            m = _MARKER.match(s, ls, le)
            blank_before = s[previous_end:ls].count("\n") > 1 if previous_end >= 0 else True
            ended = current is not None and s[current[0] : current[2]].rstrip()[-1:] in ".;:!?…"
            new = current is None or m is not None or blank_before or ended or self._trigger_at(ls + _indent(s, ls))
            if new:
                if current is not None:
                    paragraphs.append(_Paragraph(current[0], current[1], current[2], marker))
                body = m.end() if m else ls + _indent(s, ls)
                current = [ls, body, le]
                marker = next((name for name, value in m.groupdict().items() if value), None) if m else None
            elif current is not None:
                current[2] = le
            previous_end = le
        if current is not None:
            paragraphs.append(_Paragraph(current[0], current[1], current[2], marker))
        return paragraphs

    def _items(self, paragraph: _Paragraph) -> list[tuple[int, int]]:
        """The [start, end) of each item in a paragraph: one per clause that starts a task."""
        s = self.s
        body, end = paragraph.body, paragraph.end
        numbered = paragraph.marker is not None
        clause_starts = [body] + [m.end() for m in _CLAUSE_BOUNDARY.finditer(s, body, end)]
        starts = [c for c in clause_starts if c < end and self._starts_task(c, end, first=c == body, numbered=numbered)]
        if numbered and (not starts or starts[0] != body) and _VERB_ANY_CASE.match(s, body, end):
            starts.insert(0, body)  # "a) Xây dựng kế hoạch …": a job whose lead is above it, or missing
        bounds = [*starts, end]
        return [(a, _rstrip(s, a, b)) for a, b in itertools.pairwise(bounds)]

    def _trigger_at(self, pos: int) -> bool:
        """A capitalised trigger at the start of a line begins a new paragraph."""
        return self.s[pos : pos + 1].isupper() and self._trigger_end(pos, len(self.s)) is not None

    def _trigger_end(self, pos: int, limit: int) -> int | None:
        """End of "Giao", "Đề nghị", "Yêu cầu" or "<issuer> giao …" at ``pos``."""
        m = _TRIGGER.match(self.s, pos, limit)
        if m:
            return m.end()
        name_end = self._name_end(pos, limit)
        if name_end > pos:
            issued = _ISSUER_VERB.match(self.s, name_end, limit)
            if issued:
                return issued.end()
        return None

    def _starts_task(self, pos: int, limit: int, *, first: bool, numbered: bool) -> bool:
        s = self.s
        if self._trigger_end(pos, limit) is not None:
            return True
        pos = self._skip_time(pos, limit)
        if not _HEAD.match(s, pos, limit):
            return False
        end, reason, _after = self._lead_segment(pos, limit)
        if reason == "marker":
            return True
        if not (first and numbered):
            return False
        # "b) UBND thành phố chỉ đạo …", "- Các đảng ủy phường, xã tổ chức …": names, then a job
        if reason not in ("verb", "co_operation") or self._names_end(pos, end) != end:
            return False
        return not _ISSUER_KEY.match(canonical_body_key(s[pos:end])) and not _ASSESSMENT.match(" " + s[end:limit])

    # -- one item --

    def _parse(self, a: int, b: int, parent: _Parent | None) -> ExtractedTask | None:
        s, view = self.s, self.view
        source = view.phrase(a, b)
        if source is None:
            return None
        times = self._times(a, b)
        acceptor_match, acceptor = self._acceptor(a, b)
        responsibility, about, responsibility_at = self._responsibility(a, b, times)

        cursor = a
        trigger_end = self._trigger_end(a, b)
        if trigger_end is not None:
            cursor = trigger_end
        cursor = self._skip_time(cursor, b)
        leads: tuple[Party, ...] = ()
        after_lead = cursor
        lead_end, reason, marker_end = self._lead_segment(cursor, b)
        named = bool(_HEAD.match(s, cursor, b)) or (trigger_end is not None and s[cursor : cursor + 1].isupper())
        if named and lead_end > cursor:
            if reason == "marker":
                after_lead = marker_end
            else:
                # no "chủ trì" closes the name: it ends where the name does ("Giao UBND thành phố
                # tiếp thu …" even when "tiếp thu" is not a verb this module knows)
                lead_end = after_lead = self._names_end(cursor, lead_end)
            leads = self._parties(cursor, lead_end)
        inherited = False
        if not leads and parent is not None:
            leads, inherited = parent.leads, True

        co_operators: tuple[Party, ...] = ()
        co_match = _CO_OPERATION.search(s, cursor, b)
        co_end = None
        if co_match and _HEAD.match(s, co_match.end(), b):
            co_end = self._list_end(co_match.end(), b, times, acceptor_match)
            co_end = self._names_end(co_match.end(), co_end)
            co_operators = self._parties(co_match.end(), co_end)
        elif inherited and parent is not None:
            co_operators = parent.co_operators

        if responsibility_at == lead_end and about is not None and leads and not inherited:
            job_start = about  # "Giao X chịu trách nhiệm trước … về việc <job>"
        else:
            job_start = self._job_start(after_lead, b, co_match, co_end)
        title_end = self._title_end(job_start, b, times, acceptor_match, co_match)
        title = view.phrase(job_start, title_end) if title_end > job_start else None

        found = [m for m in (_TARGET.search(s, a, b), _TARGET_ANY_UNIT.search(s, a, b)) if m]
        target_match = min(found, key=lambda m: m.start()) if found else None
        target = self._target(target_match) if target_match else None
        return ExtractedTask(
            source=source,
            reference_date=self.reference,
            leads=leads,
            co_operators=co_operators,
            title=title,
            deadline=self._deadline(times),
            deliverable=self._deliverable(job_start, title_end, b, target_match, acceptor_match, times),
            target=target,
            acceptor=acceptor,
            responsibility=responsibility,
            lead_inherited=inherited,
        )

    def _lead_segment(self, start: int, limit: int) -> tuple[int, str, int]:
        """Where the lead's name ends, why ("marker", "verb", "time", "co_operation",
        "sentence" or "end"), and where the job may start after a "chủ trì" marker."""
        s = self.s
        candidates: list[tuple[int, str, int]] = []
        marker = _LEAD_MARKER.search(s, start, limit)
        if marker:
            after = marker.end()
            while after < limit and (s[after].isspace() or s[after] == ","):
                after += 1
            candidates.append((marker.start(), "marker", after))
        verb = _VERB.search(s, start, limit)
        if verb:
            candidates.append((verb.start(), "co_operation" if s.startswith("phoi hop", verb.start()) else "verb", 0))
        for time in self._times(start, limit):
            candidates.append((time.start, "time", 0))
            break
        stop = _SENTENCE_END.search(s, start, limit)
        if stop:
            candidates.append((stop.start(), "sentence", 0))
        if not candidates:
            return limit, "end", limit
        end, reason, after = min(candidates, key=lambda c: c[0])
        return end, reason, after or end

    def _list_end(self, start: int, limit: int, times: list[_Time], acceptor: re.Match[str] | None) -> int:
        """End of a list of co-operating bodies: before the job's verb or the next clause."""
        ends = [limit]
        verb = _VERB.search(self.s, start, limit)
        if verb:
            ends.append(verb.start())
        stop = _SENTENCE_END.search(self.s, start, limit)
        if stop:
            ends.append(stop.start())
        ends += [t.lead_in for t in times if t.lead_in > start]
        if acceptor and acceptor.start() > start:
            ends.append(acceptor.start())
        return min(ends)

    def _job_start(self, cursor: int, limit: int, co_match: re.Match[str] | None, co_end: int | None) -> int:
        """Where the job begins: after the lead, its "chủ trì", the co-operators and a cycle."""
        s = self.s
        cursor = _skip(s, cursor, limit, " \t\n,")
        if co_match and co_end is not None and co_match.start() <= cursor:
            cursor = _skip(s, co_end, limit, " \t\n,")
        # "hằng năm xây dựng …": the cycle is the time, the job starts after it; "thường xuyên
        # quán triệt …" is how the job is done and stays in it.
        return _skip(s, self._skip_time(cursor, limit, keep_continuous=True), limit, " \t\n,")

    def _title_end(
        self,
        job_start: int,
        limit: int,
        times: list[_Time],
        acceptor: re.Match[str] | None,
        co_match: re.Match[str] | None,
    ) -> int:
        """End of the job: the first of the end of the sentence, a time phrase that closes the
        clause, a trailing "báo cáo …"/"trình …", a responsibility statement or a co-operation
        clause after a comma."""
        s = self.s
        stops = [limit]
        sentence = _SENTENCE_END.search(s, job_start, limit)
        if sentence:
            stops.append(sentence.start())
        for time in times:
            if time.lead_in > job_start and (
                self._boundary_before(time.lead_in, job_start) or self._clause_tail(time.end, limit)
            ):
                stops.append(time.lead_in)
        if (
            acceptor
            and acceptor.start() > job_start
            and self._boundary_before(acceptor.start(), job_start)
            and self._acceptor_is_a_tail(acceptor, limit, times)
        ):
            stops.append(acceptor.start())
        if co_match and co_match.start() > job_start and self._boundary_before(co_match.start(), job_start):
            stops.append(co_match.start())
        for m in _RESPONSIBILITY.finditer(s, job_start, limit):
            if m.start() > job_start and self._boundary_before(m.start(), job_start):
                stops.append(m.start())
        end = min(stops)
        while True:
            trimmed = re.sub(r"(?:[\s,;:]+|\s+(?:va|de|dong thoi))$", "", s[job_start:end])
            if len(trimmed) == end - job_start:
                return end
            end = job_start + len(trimmed)

    def _acceptor_is_a_tail(self, acceptor: re.Match[str], limit: int, times: list[_Time]) -> bool:
        """ "…, trình Ban Thường vụ Thành ủy xem xét trước …" closes the job; "…, trình Ban
        Thường vụ Thành ủy quyết định việc bổ nhiệm …" is part of it."""
        if not acceptor.group("submit"):
            return True
        end = self._name_end(acceptor.end(), limit)
        approval = _APPROVAL.match(self.s, end, limit)
        end = _skip(self.s, approval.end() if approval else end, limit, " \t\n")
        return self._clause_tail(end, limit) or any(t.lead_in <= end < t.end for t in times)

    def _boundary_before(self, pos: int, floor: int) -> bool:
        before = self.s[floor:pos].rstrip()
        return not before or before[-1] in ",;:" or bool(re.search(r"(?<![\w])(?:va|dong thoi|de)$", before))

    def _clause_tail(self, pos: int, limit: int) -> bool:
        pos = _skip(self.s, pos, limit, " \t\n")
        return pos >= limit or self.s[pos] in ",;.:"

    # -- names --

    def _name_end(self, pos: int, limit: int) -> int:
        """End of the name of a body or post starting at ``pos`` (``pos`` when none starts there)."""
        s = self.s
        head = _HEAD.match(s, pos, limit)
        if head is None:
            return pos
        end = head.end()
        previous = s[head.start() : end].split()[-1].lower()
        while end < limit:
            location = _LOCATION.match(s, end, limit)
            if location:
                end, previous = location.end(), location.group().split()[-1]
                continue
            nxt = _NEXT_WORD.match(s, end, limit)
            if nxt is None:
                break
            word = nxt.group("w")
            if word[0].isupper() or word[0].isdigit():
                end, previous = nxt.end(), word.lower()
                continue
            if word == "va":
                after = _NEXT_WORD.match(s, nxt.end(), limit)
                if after and after.group("w")[0].isupper() and not _HEAD.match(s, after.start("w"), limit):
                    end, previous = after.end(), after.group("w").lower()
                    continue
                break
            if (previous, word) in _NAME_BIGRAMS:
                end, previous = nxt.end(), word
                continue
            break
        return end

    def _list_bounds(self, start: int, end: int) -> list[tuple[int, int]]:
        """The [start, end) of each name in a list: a comma, "và" or "cùng" separates two names
        only when a new name starts after it ("các phòng, ban chuyên môn" is one)."""
        s = self.s
        while start < end and (s[start].isspace() or s.startswith("cho ", start)):
            start += 4 if s.startswith("cho ", start) else 1
        bounds: list[tuple[int, int]] = []
        current = start
        for sep in _LIST_SEPARATOR.finditer(s, start, end):
            if sep.start() > current and _HEAD.match(s, sep.end(), end):
                bounds.append((current, sep.start()))
                current = sep.end()
        bounds.append((current, end))
        bounds = [(x, y) for x, y in bounds if s[x:y].strip(" ,;:.")]
        # "đồng chí Nguyễn Văn A, Phó Bí thư Thường trực Thành ủy" is one person named twice
        merged: list[tuple[int, int]] = []
        for x, y in bounds:
            if merged and self._apposition(*merged[-1], x, y):
                merged[-1] = (merged[-1][0], y)
            else:
                merged.append((x, y))
        return merged

    def _post_start(self, x: int, y: int) -> int:
        """Where the post starts in "đồng chí Nguyễn Văn A, Phó Bí thư …"; ``x`` otherwise."""
        apposition = _APPOSITION.match(self.s, x, y)
        if apposition and _PERSON_KEY.match(canonical_body_key(self.s[apposition.end() : y])):
            return apposition.end()
        return x

    def _apposition(self, x: int, y: int, post_start: int, post_end: int) -> bool:
        """A comrade named without a post, followed by the post."""
        s = self.s
        return (
            bool(re.match(r"(?:dong chi|d/c)\s", s[x:y], re.IGNORECASE))
            and not _PERSON_KEY.match(canonical_body_key(s[x:y]))
            and bool(_PERSON_KEY.match(canonical_body_key(s[post_start:post_end])))
            and s[y:post_start].strip() == ","
        )

    def _names_end(self, start: int, end: int) -> int:
        """``end``, or earlier where the last name of the list stops being a name.

        A group ("các cơ quan liên quan") or a name this grammar does not know is taken whole."""
        bounds = self._list_bounds(start, end)
        if not bounds:
            return end
        x, y = bounds[-1]
        if not _HEAD.match(self.s, x, y) or " cac " in f" {canonical_body_key(self.s[x:y])} ":
            return end
        x = self._post_start(x, y)
        name_end = self._name_end(x, y)
        if name_end >= _rstrip(self.s, x, y, " \t\n,;:."):
            return end
        if self.s.startswith(" phu trach ", name_end) and _is_person(self.s[x:name_end]):
            return end  # "đồng chí Phó Chủ tịch UBND thành phố phụ trách khối đô thị"
        return name_end

    def _parties(self, start: int, end: int) -> tuple[Party, ...]:
        """The bodies or posts in a list such as "Ban Tổ chức, Ban Tuyên giáo Thành ủy và UBND thành phố"."""
        s = self.s
        bounds = self._list_bounds(start, end)
        if not bounds:
            return ()
        shared = _SHARED_QUALIFIER.search(s[bounds[-1][0] : bounds[-1][1]].rstrip(" ,;:."))
        parties: list[Party] = []
        for x, y in bounds:
            phrase = self.view.phrase(x, y)
            if phrase is None:
                continue
            key = canonical_body_key(phrase.text)
            person = _is_person(phrase.text)
            post_start = self._post_start(x, y)
            if post_start > x:  # the post is what the database can match, not the name
                key = canonical_body_key(s[post_start:y])
            if shared and not person and not _LEVEL_WORD.search(s[x:y]) and key.startswith(("ban ", "van phong")):
                key = canonical_body_key(phrase.text + shared.group())
            group = key.startswith(("cac ", "nhung ")) or " cac " in key
            parties.append(Party(phrase, key, "person" if person else "unit", group))
        return tuple(parties)

    # -- result, acceptor, responsibility --

    def _acceptor(self, start: int, limit: int) -> tuple[re.Match[str] | None, Party | None]:
        """Who receives the report or the submission: "báo cáo kết quả về Thường trực Thành ủy",
        "trình Ban Thường vụ Thành ủy xem xét". A body that only relays ("… về Văn phòng Thành ủy
        để tổng hợp, báo cáo Thường trực") gives way to the one after it."""
        found: tuple[re.Match[str] | None, Party | None] = (None, None)
        for m in _ACCEPTOR.finditer(self.s, start, limit):
            name_end = self._name_end(m.end(), limit)
            if name_end == m.end():
                continue
            parties = self._parties(m.end(), name_end)
            if not parties:
                continue
            found = (m, parties[0])
            if not _RELAY.match(self.s, name_end, limit):
                break
        return found

    def _responsibility(
        self, start: int, limit: int, times: list[_Time]
    ) -> tuple[Phrase | None, int | None, int | None]:
        """ "chịu trách nhiệm trước Ban Thường vụ Thành ủy về …", where its "về …" starts,
        and where the statement starts in the folded text."""
        s = self.s
        for m in _RESPONSIBILITY.finditer(s, start, limit):
            end = m.end()
            if m.group("before"):
                name_end = self._name_end(end, limit)
                if name_end == end:
                    continue
                end = name_end
            about = _ABOUT.match(s, end, limit)
            if not m.group("before") and about is None:
                continue  # "chịu trách nhiệm tổ chức …" only marks the lead
            stops = [limit]
            sentence = _SENTENCE_END.search(s, end, limit)
            if sentence:
                stops.append(sentence.start())
            stops += [t.lead_in for t in times if t.lead_in >= end]
            follow = re.compile(r",\s+(?i:hoan thanh|xong|bao cao|trinh|thoi gian)").search(s, end, limit)
            if follow:
                stops.append(follow.start())
            phrase = self.view.phrase(m.start(), min(stops))
            return phrase, (about.end() if about else None), m.start()
        return None, None, None

    def _deliverable(
        self,
        job_start: int,
        title_end: int,
        limit: int,
        target: re.Match[str] | None,
        acceptor: re.Match[str] | None,
        times: list[_Time],
    ) -> Phrase | None:
        """The product: a document named in the job ("xây dựng Đề án …"), else a numeric target,
        else a document named later in the item, else the report sent to the acceptor."""
        view = self.view
        noun = self._product_noun(job_start, title_end, times)
        if noun is not None:
            # "kế hoạch khắc phục …, gửi về Ban Tổ chức": the product ends where the next step starts
            step = _NEXT_STEP.search(self.s, noun, title_end)
            return view.phrase(noun, step.start() if step else title_end)
        if target and job_start <= target.start() < title_end:
            return view.phrase(_target_start(target), title_end)
        noun = self._product_noun(title_end, limit, times)
        if noun is not None:
            stops = [limit]
            sentence = re.compile(r"[,;.:](?=\s|$)").search(self.s, noun, limit)
            if sentence:
                stops.append(sentence.start())
            stops += [t.lead_in for t in times if t.lead_in > noun]
            if acceptor and acceptor.start() > noun:
                stops.append(acceptor.start())
            return view.phrase(noun, min(stops))
        if target:
            sentence = re.compile(r"[,;.:](?=\s|$)").search(self.s, target.end(), limit)
            return view.phrase(_target_start(target), sentence.start() if sentence else limit)
        if acceptor and acceptor.group("report"):
            return view.phrase(acceptor.start(), acceptor.start() + len(acceptor.group("report")))
        return None

    def _product_noun(self, start: int, end: int, times: list[_Time]) -> int | None:
        """Where the first document the job produces is named ("Đề án …", "xây dựng kế hoạch …"),
        leaving out documents it only refers to ("thực hiện Chỉ thị số 05-CT/TU")."""
        s = self.s
        candidates: list[int] = []
        for pattern, needs_verb in ((_WORK_NOUN, False), (_NORMATIVE_NOUN, True)):
            for m in pattern.finditer(s, start, end):
                if any(t.start <= m.start() < t.end for t in times):
                    continue  # "kể từ ngày ban hành thông báo này"
                before = s[max(0, m.start() - 30) : m.start()]
                if _REFERENCE_AFTER.match(s, m.end(), end) or _NOT_A_PRODUCT_BEFORE.search(before):
                    continue
                if needs_verb and not _PRODUCTION_VERB_BEFORE.search(before):
                    continue
                candidates.append(m.start())
                break
        return min(candidates) if candidates else None

    def _target(self, m: re.Match[str]) -> Target | None:
        phrase = self.view.phrase(_target_start(m), m.end())
        unit_start = m.start("pct") if m.group("pct") else m.start("unit")
        unit = self.view.phrase(unit_start, m.end())
        if phrase is None or unit is None:
            return None
        number = m.group("num").replace(".", "").replace(",", ".")
        return Target(phrase, Decimal(number), unit.text)

    # -- time --

    def _skip_time(self, pos: int, limit: int, *, keep_continuous: bool = False) -> int:
        """Past a time phrase that opens a clause ("Trong tháng 10/2020, Văn phòng …")."""
        for time in self._times(pos, limit):
            if keep_continuous and time.recurrence == Recurrence.CONTINUOUS:
                break
            if time.lead_in == pos or time.start == pos:
                return _skip(self.s, time.end, limit, " \t\n,")
            break
        return pos

    def _times(self, start: int, limit: int) -> list[_Time]:
        """Every deadline or recurrence phrase in ``[start, limit)``, in text order, not overlapping."""
        s = self.s
        found: list[_Time] = []
        for pattern, read in (
            (_DATE, self._read_date),
            (_MONTH, self._read_month),
            (_QUARTER, self._read_quarter),
            (_HALF, self._read_half),
            (_YEAR, self._read_year),
            (_TET, self._read_tet),
        ):
            for m in pattern.finditer(s, start, limit):
                lead_in = self._lead_in(m.start(), start)
                if not m.groupdict().get("p", "x") and not _TIME_LEAD_IN_COLON.search(s[start : m.start()]):
                    continue  # a bare date is a reference ("Kết luận số 15-KL/TU ngày 12/3/2020"), not a deadline
                day = read(m)
                if day is not None:
                    found.append(_Time(m.start(), m.end(), lead_in, DeadlineKind.DATE, date=day))
        for m in _WORKING_DAYS.finditer(s, start, limit):
            if m.group("lv") or m.group("from"):
                n = int(m.group("n"))
                day = self.calendar.add_working_days(self.reference, n)
                found.append(
                    _Time(m.start(), m.end(), self._lead_in(m.start(), start), DeadlineKind.WORKING_DAYS, day, n)
                )
        for m in _PERIODIC.finditer(s, start, limit):
            period = (m.group("per") or m.group("per2") or m.group("per3") or "").lower()
            recurrence = _PERIODS[period] if period else Recurrence.HALF_YEARLY
            found.append(_Time(m.start(), m.end(), m.start(), DeadlineKind.RECURRENCE, recurrence=recurrence))
        for m in _CONTINUOUS.finditer(s, start, limit):
            found.append(
                _Time(m.start(), m.end(), m.start(), DeadlineKind.RECURRENCE, recurrence=Recurrence.CONTINUOUS)
            )
        kept: list[_Time] = []
        for time in sorted(found, key=lambda t: (t.start, -t.end)):
            if all(time.start >= k.end or time.end <= k.start for k in kept):
                kept.append(time)
        return sorted(kept, key=lambda t: t.start)

    def _lead_in(self, pos: int, floor: int) -> int:
        m = _LEAD_IN.search(self.s[max(floor, pos - 40) : pos])
        return pos - len(m.group()) if m else pos

    def _deadline(self, times: list[_Time]) -> Deadline | None:
        """A date wins over working days, which win over a recurrence; a cycle ("hằng quý")
        wins over "thường xuyên", which says how, not when."""

        def rank(time: _Time) -> int:
            if time.kind == DeadlineKind.DATE:
                return 0
            if time.kind == DeadlineKind.WORKING_DAYS:
                return 1
            return 3 if time.recurrence == Recurrence.CONTINUOUS else 2

        if not times:
            return None
        best = min(times, key=lambda t: (rank(t), t.start))
        phrase = self.view.phrase(best.start, best.end)
        if phrase is None:
            return None
        return Deadline(phrase, best.kind, best.date, best.working_days, best.recurrence)

    def _read_date(self, m: re.Match[str]) -> dt.date | None:
        day, month, year = (
            (m.group("d"), m.group("m"), m.group("y"))
            if m.group("d")
            else (m.group("sd"), m.group("sm"), m.group("sy"))
        )
        try:
            if year:
                return dt.date(int(year), int(month), int(day))
            return self._roll(lambda y: dt.date(y, int(month), int(day)))
        except ValueError:
            return None

    def _read_month(self, m: re.Match[str]) -> dt.date | None:
        month = int(m.group("m"))
        if not 1 <= month <= 12:
            return None
        before = (m.group("p") or "").lower() == "truoc"

        def due(year: int) -> dt.date:
            if before:
                return dt.date(year, month, 1) - dt.timedelta(days=1)
            return dt.date(year, month, month_calendar.monthrange(year, month)[1])

        return due(int(m.group("y"))) if m.group("y") else self._roll(due)

    def _read_quarter(self, m: re.Match[str]) -> dt.date | None:
        quarter = _QUARTERS[m.group("q").upper()]
        before = (m.group("p") or "").lower() == "truoc"

        def due(year: int) -> dt.date:
            if before:
                return dt.date(year, 3 * quarter - 2, 1) - dt.timedelta(days=1)
            last = 3 * quarter
            return dt.date(year, last, month_calendar.monthrange(year, last)[1])

        return due(int(m.group("y"))) if m.group("y") else self._roll(due)

    def _read_half(self, m: re.Match[str]) -> dt.date | None:
        def due(year: int) -> dt.date:
            return dt.date(year, 6, 30) if m.group("h") == "dau" else dt.date(year, 12, 31)

        return due(int(m.group("y"))) if m.group("y") else self._roll(due)

    def _read_year(self, m: re.Match[str]) -> dt.date | None:
        if m.group("y"):
            return dt.date(int(m.group("y")), 12, 31)
        return dt.date(self.reference.year + (1 if m.group("next") else 0), 12, 31)

    def _read_tet(self, m: re.Match[str]) -> dt.date | None:
        """The last working day before Tết: the day before the last day of the lunar year,
        stepping back over the calendar's days off (the Tết break, a weekend)."""
        candidates = [int(m.group("y"))] if m.group("y") else list(range(self.reference.year, self.reference.year + 3))
        if m.group("canchi"):
            candidates = [y for y in candidates if _can_chi(y) == m.group("canchi")] or candidates
        for year in candidates:
            eve = lunar_date(year, 1, 1) - dt.timedelta(days=1)
            if m.group("y") or m.group("canchi") or eve > self.reference:
                return self.calendar.previous_working_day(eve)
        return None

    def _roll(self, due: Callable[[int], dt.date]) -> dt.date:
        """The due day in the document's year, or the next year when that day has passed
        ("trước 15/01" in a conclusion of November)."""
        day = due(self.reference.year)
        return day if day >= self.reference else due(self.reference.year + 1)


def _can_chi(year: int) -> str:
    return f"{_CAN[(year - 4) % 10]} {_CHI[(year - 4) % 12]}"


def _is_person(phrase: str) -> bool:
    """A post or a comrade ("đồng chí Bí thư Thành ủy", "Chủ tịch UBND thành phố"), not a body."""
    return bool(_PERSON_KEY.match(canonical_body_key(phrase))) or bool(
        re.match(r"(?:cac |nhung )?(?:dong chi|d/c)\b", fold(phrase))
    )


def _target_start(m: re.Match[str]) -> int:
    return m.start("verb") if m.group("verb") else m.start("num")


def _skip(s: str, pos: int, limit: int, chars: str) -> int:
    while pos < limit and s[pos] in chars:
        pos += 1
    return pos


def _rstrip(s: str, start: int, end: int, chars: str = " \t\n\r") -> int:
    while end > start and s[end - 1] in chars:
        end -= 1
    return end


def _indent(s: str, pos: int) -> int:
    return len(s[pos:]) - len(s[pos:].lstrip(" \t"))
