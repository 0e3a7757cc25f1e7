"""The sync wire schemas: journal entries and their hashes, push batches, results, pull pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from common.chain import GENESIS_HASH, entry_hash, verify_chain
from common.sync_protocol import (
    ENVELOPE_KEYS,
    MAX_BATCH_ENTRIES,
    PROTOCOL_VERSION,
    EntryKind,
    EntryOutcome,
    EntryResult,
    JournalEntryWire,
    PaymentMode,
    PullPage,
    PushBatch,
    PushResponse,
)

IST = ZoneInfo("Asia/Kolkata")
COUNTER = "MYS001-1"


def make_entry(
    sequence: int = 1, prev_hash: str = GENESIS_HASH, **changes: Any
) -> JournalEntryWire:
    """A sealed receipt entry; keyword arguments replace any of its fields."""
    fields: dict[str, Any] = {
        "counter_code": COUNTER,
        "sequence": sequence,
        "kind": EntryKind.RECEIPT,
        "business_date": date(2026, 4, 1),
        "local_time": datetime(2026, 4, 1, 9, 30, tzinfo=IST),
        "cashier": "ravi.k",
        "prev_hash": prev_hash,
        "body": {"rr_number": "MYS1234567", "amount": 125050, "mode": PaymentMode.CASH},
    }
    fields.update(changes)
    return JournalEntryWire.sealed(**fields)


def make_chain(count: int) -> list[JournalEntryWire]:
    entries: list[JournalEntryWire] = []
    prev = GENESIS_HASH
    for sequence in range(1, count + 1):
        entry = make_entry(sequence, prev, body={"amount": sequence * 100})
        entries.append(entry)
        prev = entry.hash
    return entries


def wire_fields(entry: JournalEntryWire, **changes: Any) -> dict[str, Any]:
    """The entry as JSON-ready fields, with some replaced."""
    return {**entry.model_dump(mode="json"), **changes}


def errors_of(info: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    """Each error's location (dotted) and message."""
    return {".".join(str(p) for p in e["loc"]): e["msg"] for e in info.value.errors()}


def test_protocol_version_is_1() -> None:
    assert PROTOCOL_VERSION == 1


def test_enumerations_have_the_agreed_wire_values() -> None:
    assert [str(k) for k in EntryKind] == [
        "receipt",
        "cancellation",
        "reprint",
        "cash_in",
        "cash_out",
        "day_open",
        "day_close",
        "shift_close",
        "day_reopen",
        "remittance",
    ]
    assert [str(m) for m in PaymentMode] == ["cash", "cheque", "demand_draft", "card", "upi"]
    assert [str(o) for o in EntryOutcome] == ["accepted", "duplicate", "conflict", "rejected"]


# journal entries


def test_hashed_body_is_the_envelope_plus_the_entry_fields() -> None:
    entry = make_entry()
    assert entry.body_for_hash() == {
        "counter_code": "MYS001-1",
        "sequence": 1,
        "kind": "receipt",
        "business_date": "2026-04-01",
        "local_time": "2026-04-01T09:30:00+05:30",
        "cashier": "ravi.k",
        "rr_number": "MYS1234567",
        "amount": 125050,
        "mode": PaymentMode.CASH,
    }
    assert entry.hash == entry_hash(GENESIS_HASH, entry.body_for_hash())
    assert entry.recompute_hash() == entry.hash and entry.hash_matches()


def test_hash_is_pinned_for_a_known_entry() -> None:
    # Counters in the field and the centre must agree byte for byte; a change here is a protocol
    # change and needs a new PROTOCOL_VERSION.
    assert make_entry().hash == entry_hash(
        GENESIS_HASH,
        {
            "amount": 125050,
            "business_date": "2026-04-01",
            "cashier": "ravi.k",
            "counter_code": "MYS001-1",
            "kind": "receipt",
            "local_time": "2026-04-01T09:30:00+05:30",
            "mode": "cash",
            "rr_number": "MYS1234567",
            "sequence": 1,
        },
    )


@pytest.mark.parametrize(
    "local_time",
    [
        datetime(2026, 4, 1, 9, 30, tzinfo=IST),
        datetime(2026, 4, 1, 4, 0, tzinfo=UTC),
        datetime(2026, 4, 1, 9, 30, 0, 120000, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    ],
)
def test_hash_survives_a_json_round_trip(local_time: datetime) -> None:
    entry = make_entry(local_time=local_time)
    received = JournalEntryWire.model_validate_json(entry.model_dump_json())
    assert received.hash_matches()
    assert received.recompute_hash() == entry.hash


@given(
    st.dictionaries(
        st.text(max_size=6).filter(lambda k: k not in ENVELOPE_KEYS),
        st.none() | st.booleans() | st.integers(-(2**63), 2**63) | st.text(max_size=10),
        max_size=5,
    )
)
def test_any_body_round_trips_through_json_with_its_hash(body: dict[str, Any]) -> None:
    entry = make_entry(body=body)
    assert JournalEntryWire.model_validate_json(entry.model_dump_json()).hash_matches()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sequence", 2),
        ("kind", "reprint"),
        ("business_date", "2026-04-02"),
        ("local_time", "2026-04-01T09:31:00+05:30"),
        ("cashier", "suma.r"),
        ("prev_hash", "1" * 64),
        ("body", {"rr_number": "MYS1234567", "amount": 125051, "mode": "cash"}),
    ],
)
def test_changing_any_field_breaks_the_hash(field: str, value: object) -> None:
    tampered = JournalEntryWire.model_validate(wire_fields(make_entry(), **{field: value}))
    assert not tampered.hash_matches()


def test_a_sealed_chain_verifies_with_verify_chain() -> None:
    chain = make_chain(5)
    triples = [(e.prev_hash, e.body_for_hash(), e.hash) for e in chain]
    assert verify_chain(triples, expected_first_prev=GENESIS_HASH).ok


@pytest.mark.parametrize(
    ("changes", "loc", "words"),
    [
        ({"counter_code": "mys001-1"}, "counter_code", "must be in canonical form 'MYS001-1'"),
        ({"counter_code": "M/1"}, "counter_code", "contains '/'"),
        ({"sequence": 0}, "sequence", "greater than or equal to 1"),
        ({"sequence": True}, "sequence", "valid integer"),
        ({"sequence": "5"}, "sequence", "valid integer"),
        ({"kind": "refund"}, "kind", "'receipt'"),
        ({"business_date": "01-04-2026"}, "business_date", "date"),
        ({"local_time": "2026-04-01T09:30:00"}, "local_time", "must carry a UTC offset"),
        ({"cashier": ""}, "cashier", "must not be empty"),
        ({"cashier": " ravi"}, "cashier", "must not start or end with spaces"),
        ({"cashier": "ravi\n"}, "cashier", "must not start or end with spaces"),
        ({"cashier": "ra\tvi"}, "cashier", "control characters"),
        ({"prev_hash": "0" * 63}, "prev_hash", "must be 64 lowercase hex digits"),
        ({"hash": "A" * 64}, "hash", "must be 64 lowercase hex digits"),
        ({"body": {"amount": 12.5}}, "body", "float 12.5 at 'amount' is not allowed"),
        ({"body": {"kind": "x"}}, "body", "must not repeat the entry's own fields ['kind']"),
        ({"body": {"sequence": 9, "cashier": "x"}}, "body", "['cashier', 'sequence']"),
        ({"terminal": "T1"}, "terminal", "Extra inputs are not permitted"),
    ],
)
def test_journal_entry_explains_what_is_wrong(
    changes: dict[str, Any], loc: str, words: str
) -> None:
    with pytest.raises(ValidationError) as info:
        JournalEntryWire.model_validate(wire_fields(make_entry(), **changes))
    errors = errors_of(info)
    assert loc in errors, errors
    assert words in errors[loc]


def test_journal_entries_are_frozen() -> None:
    entry = make_entry()
    with pytest.raises(ValidationError, match="frozen"):
        entry.sequence = 2  # type: ignore[misc]


def test_sealed_validates_like_a_received_entry() -> None:
    with pytest.raises(ValidationError, match="local_time"):
        make_entry(local_time=datetime(2026, 4, 1, 9, 30))


# push batches


def test_push_batch_accepts_entries_of_one_counter_in_order() -> None:
    batch = PushBatch(protocol=PROTOCOL_VERSION, counter_code=COUNTER, entries=make_chain(3))
    assert [e.sequence for e in batch.entries] == [1, 2, 3]
    again = PushBatch.model_validate_json(batch.model_dump_json())
    assert all(e.hash_matches() for e in again.entries)


def test_push_batch_allows_a_gap_so_the_centre_can_report_it() -> None:
    chain = make_chain(4)
    batch = PushBatch(protocol=1, counter_code=COUNTER, entries=[chain[0], chain[3]])
    assert [e.sequence for e in batch.entries] == [1, 4]


def test_push_batch_takes_up_to_500_entries() -> None:
    many = [make_entry(n, body={}) for n in range(1, MAX_BATCH_ENTRIES + 1)]
    assert len(PushBatch(protocol=1, counter_code=COUNTER, entries=many).entries) == 500
    with pytest.raises(ValidationError, match="at most 500"):
        PushBatch(protocol=1, counter_code=COUNTER, entries=[*many, make_entry(501)])
    with pytest.raises(ValidationError, match="at least 1"):
        PushBatch(protocol=1, counter_code=COUNTER, entries=[])


@pytest.mark.parametrize(
    ("changes", "loc", "words"),
    [
        ({"protocol": 2}, "protocol", "version 2 is not spoken here; expected 1"),
        ({"protocol": "1"}, "protocol", "valid integer"),
        ({"counter_code": "mys001-1"}, "counter_code", "canonical form"),
        (
            {"entries": [make_entry(1), make_entry(2, counter_code="MYS002-1")]},
            "entries",
            "entry 1 is from counter MYS002-1, but the batch is from MYS001-1",
        ),
        (
            {"entries": [make_entry(2), make_entry(1)]},
            "entries",
            "entry 1 has sequence 1 after 2; entries must be in increasing sequence order",
        ),
        (
            {"entries": [make_entry(1), make_entry(1)]},
            "entries",
            "entry 1 has sequence 1 after 1",
        ),
    ],
)
def test_push_batch_explains_what_is_wrong(changes: dict[str, Any], loc: str, words: str) -> None:
    fields: dict[str, Any] = {"protocol": 1, "counter_code": COUNTER, "entries": make_chain(2)}
    fields.update(changes)
    with pytest.raises(ValidationError) as info:
        PushBatch.model_validate(fields)
    errors = errors_of(info)
    assert loc in errors, errors
    assert words in errors[loc]


# results


@pytest.mark.parametrize("outcome", [EntryOutcome.ACCEPTED, EntryOutcome.DUPLICATE])
def test_entry_result_needs_no_detail_when_taken(outcome: EntryOutcome) -> None:
    assert EntryResult(sequence=3, outcome=outcome).detail is None


@pytest.mark.parametrize("outcome", [EntryOutcome.CONFLICT, EntryOutcome.REJECTED])
def test_entry_result_must_say_why_when_not_taken(outcome: EntryOutcome) -> None:
    with pytest.raises(ValidationError) as info:
        EntryResult(sequence=3, outcome=outcome)
    assert f"must say why when the outcome is {outcome}" in errors_of(info)["detail"]
    assert EntryResult(sequence=3, outcome=outcome, detail="hash differs").detail


def test_push_response_round_trips() -> None:
    response = PushResponse(
        results=[
            EntryResult(sequence=1, outcome=EntryOutcome.DUPLICATE),
            EntryResult(sequence=2, outcome=EntryOutcome.ACCEPTED),
            EntryResult(sequence=4, outcome=EntryOutcome.CONFLICT, detail="held a different entry"),
        ],
        highest_contiguous=2,
    )
    assert PushResponse.model_validate_json(response.model_dump_json()) == response


@pytest.mark.parametrize("value", [-1, "2", 1.0])
def test_push_response_highest_contiguous_is_a_non_negative_integer(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        PushResponse.model_validate({"results": [], "highest_contiguous": value})
    assert "highest_contiguous" in errors_of(info)


# pull pages


def test_pull_page_round_trips() -> None:
    page = PullPage(
        cursor="",
        next_cursor="c:1024",
        has_more=True,
        consumers=[{"rr_number": "MYS1234567", "name": "ಮಂಜುನಾಥ", "balance": 125050}],
        cashiers=[{"username": "ravi.k", "active": True}],
    )
    assert PullPage.model_validate_json(page.model_dump_json()) == page


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"next_cursor": ""}, "next_cursor"),
        ({"has_more": "maybe"}, "has_more"),
        ({"consumers": {"a": 1}}, "consumers"),
        ({"extra": 1}, "extra"),
    ],
)
def test_pull_page_explains_what_is_wrong(changes: dict[str, Any], loc: str) -> None:
    fields: dict[str, Any] = {
        "cursor": "",
        "next_cursor": "c:1",
        "has_more": False,
        "consumers": [],
        "cashiers": [],
    }
    fields.update(changes)
    with pytest.raises(ValidationError) as info:
        PullPage.model_validate(fields)
    assert loc in errors_of(info)
