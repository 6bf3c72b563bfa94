"""Meeting attachments (invitations, minutes scans, slides): the office of the meeting's
organisation uploads them, anyone who may read the meeting downloads them, always as an
attachment with safe headers; a refused file keeps the whole upload out."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.documents.actions import do_attach_to_meeting
from namro.documents.models import Meeting, MeetingAttachment
from namro.lib.errors import ActionError
from tests.documents import records
from tests.factories import World

ClientFor = Callable[[User], Client]
PDF = b"%PDF-1.4 bien ban hoi nghi"
PNG = b"\x89PNG\r\n\x1a\n anh slide"
EXE = b"MZ\x90\x00\x03\x00\x00\x00 chuong trinh"
INVITATION = "Giấy mời hội nghị.pdf"


def _upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)


def _attach_url(meeting: Meeting) -> str:
    return reverse("documents:meeting_attach", args=[meeting.pk])


def _download_url(meeting: Meeting, item: MeetingAttachment) -> str:
    return reverse("documents:meeting_attachment", args=[meeting.pk, item.pk])


def _attached(meeting: Meeting, name: str = INVITATION, data: bytes = PDF) -> MeetingAttachment:
    return do_attach_to_meeting(meeting, name=name, data=data, acting_user=None)


@pytest.fixture
def meeting(world: World) -> Meeting:
    return records.ward_a_meeting(world)


# --- Upload ----------------------------------------------------------------------------------


def test_the_office_attaches_several_files_at_once(world: World, meeting: Meeting, client_for: ClientFor) -> None:
    # given the office of ward A on its meeting
    client = client_for(world.office_a)
    # when it uploads an invitation and a slide in one go
    response = client.post(
        _attach_url(meeting), {"files": [_upload(INVITATION, PDF), _upload("slide 1.png", PNG, "image/png")]}
    )
    # then both are kept with what they are, who sent them, and a path of our own making
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:meeting", args=[meeting.pk]) + "#attachments"
    items = list(meeting.attachments.order_by("id"))
    assert [(i.original_name, i.content_type, i.size) for i in items] == [
        (INVITATION, "application/pdf", len(PDF)),
        ("slide 1.png", "image/png", len(PNG)),
    ]
    assert all(i.uploaded_by == world.office_a for i in items)
    assert items[0].file.read() == PDF
    stored = str(items[0].file.name)
    assert stored.startswith(f"meetings/{meeting.pk}/")
    assert "Giấy" not in stored
    assert ".pdf" not in stored
    # and each upload is an audit event on the meeting
    events = AuditEvent.objects.for_target(meeting).filter(action="meeting.attach").order_by("seq")
    assert [(e.after or {}).get("file") for e in events] == [INVITATION, "slide 1.png"]
    assert events[0].actor == world.office_a


def test_the_meeting_page_lists_the_files_and_offers_the_form_to_the_office(
    world: World, meeting: Meeting, client_for: ClientFor
) -> None:
    item = _attached(meeting)
    body = client_for(world.office_a).get(reverse("documents:meeting", args=[meeting.pk])).content.decode()
    assert f'href="{_download_url(meeting, item)}"' in body
    assert INVITATION in body
    assert f'action="{_attach_url(meeting)}"' in body
    assert 'name="files"' in body
    assert "multiple" in body


def test_the_success_message_counts_the_files(world: World, meeting: Meeting, client_for: ClientFor) -> None:
    response = client_for(world.office_a).post(_attach_url(meeting), {"files": [_upload(INVITATION, PDF)]}, follow=True)
    assert "Đã đính kèm 1 tệp vào cuộc họp." in response.content.decode()


def test_a_renamed_program_is_refused_and_nothing_is_kept(
    world: World, meeting: Meeting, client_for: ClientFor
) -> None:
    # given a program renamed to .pdf sent together with a real PDF
    files = [_upload(INVITATION, PDF), _upload("Biên bản.pdf", EXE)]
    # when the office uploads them
    response = client_for(world.office_a).post(_attach_url(meeting), {"files": files}, follow=True)
    # then the page names the bad file and why, and neither file is kept
    body = response.content.decode()
    assert "Tệp “Biên bản.pdf”: Nội dung tệp không đúng với loại tệp “.pdf”." in body
    assert not MeetingAttachment.objects.exists()
    assert not AuditEvent.objects.filter(action="meeting.attach").exists()


def test_a_file_type_that_is_not_allowed_is_refused(world: World, meeting: Meeting, client_for: ClientFor) -> None:
    response = client_for(world.office_a).post(
        _attach_url(meeting), {"files": [_upload("cai-dat.exe", EXE, "application/octet-stream")]}, follow=True
    )
    body = response.content.decode()
    assert "Tệp “cai-dat.exe”: Chỉ nhận tệp PDF" in body
    assert not MeetingAttachment.objects.exists()


@override_settings(EVIDENCE_MAX_BYTES=1024 * 1024)
def test_a_file_too_big_is_refused_naming_it(world: World, meeting: Meeting, client_for: ClientFor) -> None:
    big = PDF + b"0" * (1024 * 1024)
    response = client_for(world.office_a).post(
        _attach_url(meeting), {"files": [_upload("Tài liệu.pdf", big)]}, follow=True
    )
    assert "Tệp “Tài liệu.pdf”: Tệp quá lớn (tối đa 1 MB)." in response.content.decode()
    assert not MeetingAttachment.objects.exists()


def test_sending_no_file_says_so(world: World, meeting: Meeting, client_for: ClientFor) -> None:
    response = client_for(world.office_a).post(_attach_url(meeting), {}, follow=True)
    assert "chọn ít nhất một tệp" in response.content.decode()
    assert not MeetingAttachment.objects.exists()


def test_too_many_files_at_once_are_refused(world: World, meeting: Meeting, client_for: ClientFor) -> None:
    files = [_upload(f"tep-{i}.pdf", PDF) for i in range(11)]
    response = client_for(world.office_a).post(_attach_url(meeting), {"files": files}, follow=True)
    assert "gửi tối đa 10 tệp một lần" in response.content.decode()
    assert not MeetingAttachment.objects.exists()


def test_the_action_refuses_a_mismatch_with_the_field_named(meeting: Meeting) -> None:
    with pytest.raises(ActionError) as refused:
        _attached(meeting, name="Biên bản.pdf", data=EXE)
    assert (refused.value.code, refused.value.field) == ("file_content_mismatch", "files")
    assert not MeetingAttachment.objects.exists()


def test_a_path_in_the_uploaded_name_is_dropped(meeting: Meeting) -> None:
    item = _attached(meeting, name="../../etc/Giấy mời.pdf")
    assert item.original_name == "Giấy mời.pdf"
    assert ".." not in str(item.file.name)


# --- Who may upload --------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), [("member_a", 403), ("office_b", 404)])
def test_only_the_office_of_the_meeting_may_upload(
    world: World, meeting: Meeting, client_for: ClientFor, persona: str, status: int
) -> None:
    response = client_for(getattr(world, persona)).post(_attach_url(meeting), {"files": [_upload(INVITATION, PDF)]})
    assert response.status_code == status
    assert not MeetingAttachment.objects.exists()


def test_a_member_sees_the_files_but_not_the_form(world: World, meeting: Meeting, client_for: ClientFor) -> None:
    item = _attached(meeting)
    body = client_for(world.member_a).get(reverse("documents:meeting", args=[meeting.pk])).content.decode()
    assert f'href="{_download_url(meeting, item)}"' in body
    assert f'action="{_attach_url(meeting)}"' not in body


def test_the_anonymous_are_sent_to_log_in(meeting: Meeting) -> None:
    response = Client().post(_attach_url(meeting), {"files": [_upload(INVITATION, PDF)]})
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not MeetingAttachment.objects.exists()


def test_upload_takes_post_only(world: World, meeting: Meeting, client_for: ClientFor) -> None:
    assert client_for(world.office_a).get(_attach_url(meeting)).status_code == 405


# --- Download --------------------------------------------------------------------------------


def test_the_file_comes_as_an_attachment_with_safe_headers(
    world: World, meeting: Meeting, client_for: ClientFor
) -> None:
    item = _attached(meeting)
    response = client_for(world.office_a).get(_download_url(meeting, item))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(INVITATION)}"
    assert "no-store" in response["Cache-Control"]


def test_an_ascii_name_is_kept_as_is(world: World, meeting: Meeting, client_for: ClientFor) -> None:
    item = _attached(meeting, name="giay-moi.pdf")
    response = client_for(world.member_a).get(_download_url(meeting, item))
    assert response["Content-Disposition"] == 'attachment; filename="giay-moi.pdf"'


@pytest.mark.parametrize(("persona", "status"), [("office_a", 200), ("member_a", 200), ("office_b", 404)])
def test_who_may_download(world: World, meeting: Meeting, client_for: ClientFor, persona: str, status: int) -> None:
    item = _attached(meeting)
    assert client_for(getattr(world, persona)).get(_download_url(meeting, item)).status_code == status


def test_the_anonymous_cannot_download(meeting: Meeting) -> None:
    item = _attached(meeting)
    assert Client().get(_download_url(meeting, item))["Location"].startswith(reverse("accounts:login"))


def test_a_file_of_another_meeting_is_not_found_through_this_one(
    world: World, meeting: Meeting, client_for: ClientFor
) -> None:
    # given a file of ward B's meeting, and ward A's meeting the reader may see
    other = _attached(records.meeting(world.ward_b))
    # then ward A's office cannot reach it by putting its id under ward A's meeting
    assert client_for(world.office_a).get(_download_url(meeting, other)).status_code == 404


# --- Queries ---------------------------------------------------------------------------------


def _page_queries(client: Client, meeting: Meeting) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("documents:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_meeting_page_queries_do_not_grow_with_the_files(
    world: World, meeting: Meeting, client_for: ClientFor
) -> None:
    client = client_for(world.office_a)
    client.get("/")  # the session's first request writes the session row
    _attached(meeting)
    few = _page_queries(client, meeting)
    for i in range(6):
        do_attach_to_meeting(meeting, name=f"slide-{i}.png", data=PNG, acting_user=world.office_a)
    assert _page_queries(client, meeting) == few


def test_a_file_gone_from_storage_is_not_found_not_an_error(
    world: World, meeting: Meeting, client_for: ClientFor
) -> None:
    # given an attachment whose file was lost (a restore without the media volume)
    item = _attached(meeting)
    item.file.storage.delete(item.file.name)
    # when a reader downloads it, then the answer is 404, not a server error
    assert client_for(world.office_a).get(_download_url(meeting, item)).status_code == 404
