"""A good workbook creates everything through the actions; importing it again changes
nothing; a changed value updates just that row."""

from __future__ import annotations

import datetime as dt
import io

from namro.audit.chain import verify
from namro.audit.models import AuditEvent
from namro.organizations.importing import ImportResult, import_workbook
from namro.organizations.models import Membership, Organization, Person, Post
from tests.factories import World
from tests.importing.workbooks import (
    MEMBERSHIP_HEADER,
    ORG_HEADER,
    PERSON_HEADER,
    POST_HEADER,
    ward_a_file,
    xlsx,
)


def _import(content: bytes, world: World, **kwargs: object) -> ImportResult:
    return import_workbook(io.BytesIO(content), acting_user=world.office_a, **kwargs)  # type: ignore[arg-type]


def _counts(result: ImportResult) -> dict[str, tuple[int, int, int]]:
    return {key: (c.created, c.updated, c.unchanged) for key, c in result.counts.items()}


def test_good_file_creates_everything_under_the_right_parents(world: World) -> None:
    # given a file whose child cell is listed before its parent
    events_before = AuditEvent.objects.count()
    # when ward A's office imports it
    result = _import(ward_a_file(), world)
    # then every row is created, parents first, and each write is audited as the office
    assert result.ok, result.errors
    assert _counts(result) == {
        "organizations": (2, 0, 0),
        "persons": (2, 0, 0),
        "posts": (1, 0, 0),
        "memberships": (1, 0, 0),
    }
    cell = Organization.objects.get(code="tran-phu-kdc-2")
    child = Organization.objects.get(code="tran-phu-kdc-2a")
    assert cell.ancestor_paths()[-1] == world.ward_a.path
    assert child.ancestor_paths()[-1] == cell.path
    assert (cell.short_name, cell.kind.code, cell.valid_from) == ("CB KDC 2", "chi-bo", dt.date(2020, 1, 1))
    an = Person.objects.get(card_number="09000001")
    binh = Person.objects.get(card_number="09000002")
    assert (an.full_name, an.birth_date, an.gender, an.status) == (
        "Lê Văn An",
        dt.date(1970, 3, 15),
        Person.Gender.MALE,
        Person.Status.OFFICIAL,
    )
    assert (binh.gender, binh.status, binh.organization) == (Person.Gender.FEMALE, Person.Status.PROBATIONARY, child)
    post = Post.objects.get(organization=cell, title="Bí thư Chi bộ khu dân cư số 2")
    assert (post.kind, post.rank) == (Post.Kind.SECRETARY, 1)
    assert Membership.objects.get(post=post).person == an
    events = AuditEvent.objects.filter(seq__gt=events_before)
    assert events.count() == 6
    assert set(events.values_list("actor_label", flat=True)) == {"vanphong.a"}
    assert verify() is None


def test_reimporting_the_same_file_changes_nothing_and_writes_no_event(world: World) -> None:
    # given the file imported once
    assert _import(ward_a_file(), world).ok
    events_before = AuditEvent.objects.count()
    # when it is imported again
    result = _import(ward_a_file(), world)
    # then every row is unchanged and the audit log did not grow
    assert _counts(result) == {
        "organizations": (0, 0, 2),
        "persons": (0, 0, 2),
        "posts": (0, 0, 1),
        "memberships": (0, 0, 1),
    }
    assert AuditEvent.objects.count() == events_before


def test_a_changed_value_updates_only_that_row(world: World) -> None:
    # given the file imported once
    assert _import(ward_a_file(), world).ok
    events_before = AuditEvent.objects.count()
    # when the organisation's name, a member's status and a holder's end date change
    changed = ward_a_file(
        **{
            "Tổ chức": [
                ORG_HEADER,
                ["tran-phu-kdc-2a", "Chi bộ khu dân cư số 2A", "", "tran-phu-kdc-2", "chi-bo", "CB", "01/01/2021"],
                [
                    "tran-phu-kdc-2",
                    "Chi bộ KDC số 2 (mới)",
                    "CB KDC 2",
                    "phuong-tran-phu",
                    "chi-bo",
                    "CB",
                    "01/01/2020",
                ],
            ],
            "Đảng viên": [
                PERSON_HEADER,
                ["09000001", "Lê Văn An", "15/03/1970", "Nam", "Chính thức", "19/05/1995", "tran-phu-kdc-2"],
                ["09000002", "Phạm Thị Bình", "20/10/1985", "Nữ", "Chính thức", "03/02/2024", "tran-phu-kdc-2a"],
            ],
            "Giữ chức vụ": [
                MEMBERSHIP_HEADER,
                ["09000001", "tran-phu-kdc-2", "Bí thư Chi bộ khu dân cư số 2", "01/06/2020", "31/12/2024"],
            ],
        }
    )
    result = _import(changed, world)
    # then exactly those rows are updated, each with one audit event
    assert result.ok, result.errors
    assert _counts(result) == {
        "organizations": (0, 1, 1),
        "persons": (0, 1, 1),
        "posts": (0, 0, 1),
        "memberships": (0, 1, 0),
    }
    assert Organization.objects.get(code="tran-phu-kdc-2").name == "Chi bộ KDC số 2 (mới)"
    assert Person.objects.get(card_number="09000002").status == Person.Status.OFFICIAL
    assert Membership.objects.get(person__card_number="09000001").end == dt.date(2024, 12, 31)
    new_actions = list(AuditEvent.objects.filter(seq__gt=events_before).values_list("action", flat=True))
    assert sorted(new_actions) == ["membership.end", "organization.update", "person.update"]


def test_existing_rows_are_matched_by_natural_key(world: World) -> None:
    # given a member already in the database (built by the world) moved to a new cell
    card = world.person_a.card_number
    content = xlsx(
        {
            "Đảng viên": [PERSON_HEADER, [card, "Nguyễn Văn Đức", None, None, None, None, "tran-phu-kdc-1"]],
            "Giữ chức vụ": [MEMBERSHIP_HEADER, [card, "phuong-tran-phu", world.secretary_a.title, "01/09/2020"]],
        }
    )
    # when the file names them by card number and the post by organisation and title
    result = _import(content, world)
    # then nothing new is created: the person and the membership are the existing ones
    assert result.ok, result.errors
    assert result.counts["persons"].created == 0
    assert result.counts["memberships"].unchanged == 1
    assert Person.objects.filter(card_number=card).count() == 1


def test_blank_optional_cells_clear_and_missing_columns_keep(world: World) -> None:
    # given a member with a birth date and gender
    assert _import(ward_a_file(), world).ok
    # when a file blanks the birth date and leaves out the gender and status columns
    content = xlsx(
        {
            "Đảng viên": [
                ["Số thẻ", "Họ và tên", "Ngày sinh", "Mã tổ chức"],
                ["09000001", "Lê Văn An", "", "tran-phu-kdc-2"],
            ]
        }
    )
    result = _import(content, world)
    # then the birth date is cleared and the gender is kept
    assert result.ok, result.errors
    an = Person.objects.get(card_number="09000001")
    assert (an.birth_date, an.gender) == (None, Person.Gender.MALE)


def test_excel_dates_codes_and_ascii_headers_are_accepted(world: World) -> None:
    # given a file with real Excel dates, enum codes instead of labels and unaccented names
    content = xlsx(
        {
            "To_chuc": [
                ["Ma", "Ten", "Ma cap tren", "Cap", "Hieu luc tu"],
                ["tran-phu-kdc-9", "Chi bộ 9", "phuong-tran-phu", "chi-bo", dt.datetime(2021, 2, 3)],
            ],
            "Dang vien": [
                ["So the", "Ho va ten", "Gioi tinh", "Tinh trang", "Ma to chuc"],
                [12345678, "Vũ Thị Cúc", "female", "probationary", "tran-phu-kdc-9"],
            ],
            "Chuc vu": [["Ma to chuc", "Chuc danh", "Loai"], ["tran-phu-kdc-9", "Phó Bí thư", "deputy_secretary"]],
        }
    )
    # when it is imported
    result = _import(content, world)
    # then it reads exactly as the Vietnamese file would
    assert result.ok, result.errors
    assert Organization.objects.get(code="tran-phu-kdc-9").valid_from == dt.date(2021, 2, 3)
    cuc = Person.objects.get(card_number="12345678")
    assert (cuc.gender, cuc.status) == (Person.Gender.FEMALE, Person.Status.PROBATIONARY)
    assert Post.objects.get(title="Phó Bí thư").kind == Post.Kind.DEPUTY_SECRETARY


def test_dry_run_reports_counts_and_saves_nothing(world: World) -> None:
    # given a good file
    events_before, orgs_before = AuditEvent.objects.count(), Organization.objects.count()
    # when it is only checked
    result = _import(ward_a_file(), world, dry_run=True)
    # then the counts are those of a real import and nothing is stored
    assert result.ok
    assert result.dry_run
    assert result.counts["persons"].created == 2
    assert Organization.objects.count() == orgs_before
    assert not Person.objects.filter(card_number__in=["09000001", "09000002"]).exists()
    assert AuditEvent.objects.count() == events_before


def test_operator_import_is_unscoped(world: World) -> None:
    # given a file touching both wards
    content = xlsx(
        {
            "Tổ chức": [
                ORG_HEADER,
                ["tran-phu-kdc-5", "Chi bộ 5 Trần Phú", "", "phuong-tran-phu", "chi-bo", "", "01/01/2020"],
                [
                    "le-thanh-nghi-kdc-5",
                    "Chi bộ 5 Lê Thanh Nghị",
                    "",
                    "phuong-le-thanh-nghi",
                    "chi-bo",
                    "",
                    "01/01/2020",
                ],
            ]
        }
    )
    # when the command-line operator (no user) imports it
    result = import_workbook(io.BytesIO(content), acting_user=None)
    # then both are created, audited as the system
    assert result.ok, result.errors
    assert Organization.objects.filter(code__in=["tran-phu-kdc-5", "le-thanh-nghi-kdc-5"]).count() == 2
    assert AuditEvent.objects.order_by("-seq").first().actor_label == "system"  # type: ignore[union-attr]


def test_progress_reaches_the_total(world: World) -> None:
    calls: list[tuple[int, int]] = []
    result = _import(ward_a_file(), world, progress=lambda done, total: calls.append((done, total)))
    assert result.ok
    assert calls[-1] == (6, 6)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


def test_posts_sheet_ranks_default_and_memberships_may_follow_new_posts(world: World) -> None:
    content = xlsx(
        {
            "Chức vụ": [POST_HEADER, ["phuong-tran-phu", "Phó Bí thư Đảng ủy phường", "Phó Bí thư", None]],
            "Giữ chức vụ": [
                MEMBERSHIP_HEADER,
                [
                    world.person_a.card_number,
                    "phuong-tran-phu",
                    "Phó Bí thư Đảng ủy phường",
                    "01/01/2015",
                    "31/08/2020",
                ],
            ],
        }
    )
    result = _import(content, world)
    assert result.ok, result.errors
    post = Post.objects.get(title="Phó Bí thư Đảng ủy phường")
    assert post.rank == 100
    assert Membership.objects.get(post=post).end == dt.date(2020, 8, 31)
