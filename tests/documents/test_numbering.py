"""Document numbers: NN-KIND/SYMBOL, sequential per issuer, kind and term, no gaps or duplicates."""

from __future__ import annotations

import datetime as dt
import threading
import time
from unittest import mock

import pytest
from django.db import close_old_connections, connection

from namro.documents.actions import do_create_document, do_issue_document
from namro.documents.models import Document, DocumentKind, NumberSequence
from namro.lib.errors import ActionError
from namro.organizations.actions import do_create_term
from tests.factories import World


def _kind(code: str) -> DocumentKind:
    return DocumentKind.objects.get(code=code)


def _issue(world: World, code: str, signed_on: dt.date, **kw: object) -> Document:
    draft = do_create_document(
        organization=world.city, kind=_kind(code), title=f"Văn bản {code}", acting_user=None, **kw
    )
    return do_issue_document(draft, signed_on=signed_on, acting_user=None)


def test_numbers_run_per_kind_and_are_written_as_party_documents(world: World) -> None:
    first = _issue(world, "NQ", dt.date(2021, 3, 1))
    second = _issue(world, "NQ", dt.date(2021, 3, 2))
    conclusion = _issue(world, "KL", dt.date(2021, 3, 2))
    assert (first.reference, second.reference, conclusion.reference) == ("01-NQ/TU", "02-NQ/TU", "01-KL/TU")


def test_confidential_documents_share_the_sequence(world: World) -> None:
    _issue(world, "KL", dt.date(2021, 3, 1))
    secret = _issue(world, "KL", dt.date(2021, 3, 2), confidential=True)
    after = _issue(world, "KL", dt.date(2021, 3, 3))
    assert (secret.number, after.number) == (2, 3)


def test_numbers_restart_with_a_new_term(world: World) -> None:
    do_create_term(
        organization=world.city, name="2025–2030", start=dt.date(2025, 7, 1), end=dt.date(2030, 6, 30), acting_user=None
    )
    _issue(world, "NQ", dt.date(2024, 5, 1))
    _issue(world, "NQ", dt.date(2025, 6, 30))
    new_term = _issue(world, "NQ", dt.date(2025, 7, 2))
    assert new_term.reference == "01-NQ/TU"
    assert new_term.term.name == "2025–2030"


def test_a_body_with_its_own_symbol_has_its_own_sequence(world: World) -> None:
    _issue(world, "TB", dt.date(2021, 3, 1))
    inspection = _issue(world, "TB", dt.date(2021, 3, 1), issuer_symbol="UBKTTU")
    assert inspection.reference == "01-TB/UBKTTU"


def test_issuing_outside_any_term_is_refused_by_field(world: World) -> None:
    draft = do_create_document(organization=world.city, kind=_kind("NQ"), title="Nghị quyết", acting_user=None)
    with pytest.raises(ActionError) as err:
        do_issue_document(draft, signed_on=dt.date(2019, 1, 1), acting_user=None)
    assert (err.value.code, err.value.field) == ("no_term_on_date", "signed_on")
    draft.refresh_from_db()
    assert draft.number is None


def test_a_document_is_issued_once(world: World) -> None:
    issued = _issue(world, "NQ", dt.date(2021, 3, 1))
    with pytest.raises(ActionError) as err:
        do_issue_document(issued, signed_on=dt.date(2021, 3, 2), acting_user=None)
    assert err.value.code == "already_issued"


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuers_never_share_a_number(world: World) -> None:
    # given ten drafts issued by ten threads at once (real concurrent transactions)
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race is real only on PostgreSQL (run in CI)")
    drafts = [
        do_create_document(organization=world.city, kind=_kind("KL"), title=f"Kết luận {i}", acting_user=None)
        for i in range(10)
    ]
    barrier = threading.Barrier(len(drafts))
    errors: list[BaseException] = []

    def issue(document: Document) -> None:
        try:
            barrier.wait()
            do_issue_document(document, signed_on=dt.date(2021, 4, 1), acting_user=None)
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    # Widen the window between reading the last number and writing the next, so that
    # without the row lock every thread would read the same number (this test then fails).
    original_save = NumberSequence.save

    def slow_save(self: NumberSequence, *args: object, **kwargs: object) -> None:
        time.sleep(0.05)
        original_save(self, *args, **kwargs)  # type: ignore[arg-type]

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    with mock.patch.object(NumberSequence, "save", slow_save):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    # then every draft got a number, all different, 1..10 with no gap
    assert not errors
    numbers = sorted(Document.objects.filter(kind__code="KL").values_list("number", flat=True))
    assert numbers == list(range(1, 11))
