"""Sealing an entry: validated as a received one is, hashed once, stored as what was hashed."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from typing import Any

import pytest
from pydantic import ValidationError

from common.chain import GENESIS_HASH, canonical_json, entry_hash
from common.sync_protocol import EntryKind, JournalEntryWire
from counter_client.store import JournalEntry, Store
from counter_client.store.entries import entry_from_row, fetch_entries, insert_entry
from tests.counter_client.store.factories import COUNTER, FakeClock


class Mode(StrEnum):
    CASH = "cash"


def _seal(body: dict[str, Any], **changes: Any) -> JournalEntry:
    fields: dict[str, Any] = {
        "counter_code": COUNTER,
        "sequence": 1,
        "kind": EntryKind.CASH_IN,
        "business_date": date(2026, 4, 1),
        "local_time": FakeClock()(),
        "cashier": "C001",
        "body": body,
        "prev_hash": GENESIS_HASH,
    }
    return JournalEntry.seal(**{**fields, **changes})


def test_a_sealed_entry_is_a_valid_wire_entry_whose_hash_matches() -> None:
    entry = _seal({"amount_paise": 100, "note": "opening float", "mode": Mode.CASH})
    wire = entry.to_wire()
    assert JournalEntryWire.model_validate(wire.model_dump()) == wire
    assert wire.hash_matches() and entry.recomputed_hash() == entry.hash
    assert entry.hash == entry_hash(GENESIS_HASH, wire.body_for_hash())
    assert type(entry.body["mode"]) is str  # plain JSON types, as hashed


def test_the_stored_body_is_the_hashed_text_and_reads_back_equal(store: Store) -> None:
    entry = _seal({"amount_paise": 100, "note": "ಆರಂಭಿಕ ನಗದು", "mode": Mode.CASH})
    row = entry.row()
    assert row["body"] == canonical_json(dict(entry.body)).decode("utf-8")
    assert json.loads(str(row["body"])) == entry.body
    with store.write() as conn:
        insert_entry(conn, entry)
    with store.read() as conn:
        (stored,) = fetch_entries(conn, COUNTER)
    assert stored == entry and stored.row() == row
    assert entry_from_row(COUNTER, row) == entry


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"body": {"amount_paise": 1.5}}, "float"),
        ({"body": {"sequence": 2}}, "must not repeat"),
        ({"counter_code": "mys001-1"}, "canonical form"),
        ({"cashier": " C001"}, "spaces"),
        ({"sequence": 0}, "greater than or equal to 1"),
        ({"prev_hash": "AB" * 32}, "64 lowercase hex"),
    ],
)
def test_sealing_refuses_what_the_centre_would_refuse(changes: dict[str, Any], words: str) -> None:
    body = changes.pop("body", {"amount_paise": 100, "note": "float"})
    with pytest.raises((ValidationError, TypeError), match=words):
        _seal(body, **changes)
