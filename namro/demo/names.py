"""Vietnamese names for the demo's synthetic party members.

Every demo person is invented: a seeded generator picks a family name, a middle name and a
given name from the lists below, so the same seed always yields the same people. No real
person's data is used; a few full names of public officials are refused outright so that a
random draw cannot put one of them into a fictional post.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Family names with rough weights (Nguyễn is far the most common). Order matters: the
# generator is deterministic only while these lists keep their order.
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 30),
    ("Trần", 10),
    ("Lê", 9),
    ("Phạm", 7),
    ("Vũ", 5),
    ("Hoàng", 4),
    ("Đỗ", 3),
    ("Bùi", 3),
    ("Đặng", 3),
    ("Ngô", 2),
    ("Đinh", 2),
    ("Đoàn", 2),
    ("Lương", 1),
    ("Phan", 1),
    ("Tạ", 1),
    ("Tô", 1),
    ("Trịnh", 1),
    ("Cao", 1),
    ("Mạc", 1),
    ("Nhữ", 1),
)

MIDDLE_NAMES_MALE: tuple[str, ...] = (
    "Văn",
    "Văn",
    "Văn",
    "Đức",
    "Hữu",
    "Quang",
    "Minh",
    "Xuân",
    "Thanh",
    "Ngọc",
    "Công",
    "Đình",
    "Mạnh",
    "Tiến",
    "Trọng",
    "Duy",
)

MIDDLE_NAMES_FEMALE: tuple[str, ...] = (
    "Thị",
    "Thị",
    "Thị",
    "Thị",
    "Thu",
    "Thanh",
    "Ngọc",
    "Minh",
    "Hồng",
    "Phương",
    "Thúy",
    "Kim",
    "Bích",
    "Hải",
)

GIVEN_NAMES_MALE: tuple[str, ...] = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Hưng",
    "Huy",
    "Khánh",
    "Kiên",
    "Lâm",
    "Long",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Quyết",
    "Sơn",
    "Tân",
    "Thắng",
    "Thành",
    "Thịnh",
    "Toàn",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
)

GIVEN_NAMES_FEMALE: tuple[str, ...] = (
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Huệ",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Lý",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
)

# Full names the generator never returns: national and local public officials whose names the
# lists above could otherwise spell. The demo must never seat a real person in a fictional post.
RESERVED_FULL_NAMES: frozenset[str] = frozenset(
    {
        "Nguyễn Văn An",
        "Nguyễn Xuân Phúc",
        "Phạm Minh Chính",
        "Trần Thanh Mẫn",
        "Vương Đình Huệ",
        "Võ Văn Thưởng",
        "Nguyễn Văn Thành",
        "Lê Văn Thành",
        "Trần Đức Thắng",
        "Lê Văn Hiệu",
        "Phạm Xuân Thăng",
        "Nguyễn Dương Thái",
        "Nguyễn Mạnh Hiển",
        "Lê Tiến Dũng",
    }
)


@dataclass(frozen=True)
class GeneratedName:
    full_name: str
    female: bool


class NameGenerator:
    """Deterministic, duplicate-free Vietnamese full names from a fixed seed."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._used: set[str] = set(RESERVED_FULL_NAMES)
        self._families = [name for name, _weight in FAMILY_NAMES]
        self._weights = [weight for _name, weight in FAMILY_NAMES]

    def name(self, *, female: bool) -> GeneratedName:
        """A new name of the given gender, never one returned before or a reserved one."""
        middles = MIDDLE_NAMES_FEMALE if female else MIDDLE_NAMES_MALE
        givens = GIVEN_NAMES_FEMALE if female else GIVEN_NAMES_MALE
        for attempt in range(200):
            family = self._rng.choices(self._families, weights=self._weights)[0]
            parts = [family, self._rng.choice(middles)]
            if attempt >= 50:
                # Three-part names run out for common families; a second middle name is common.
                parts.append(self._rng.choice(middles[4:]))
            parts.append(self._rng.choice(givens))
            full_name = " ".join(parts)
            if full_name not in self._used:
                self._used.add(full_name)
                return GeneratedName(full_name, female)
        raise RuntimeError("name lists exhausted; add names to namro/demo/names.py")
