"""The journal hash chain: canonical form, entry hashes and tamper detection."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.chain import (
    GENESIS_HASH,
    ChainReport,
    canonical_json,
    entry_hash,
    is_hash_hex,
    sha256_hex,
    verify_chain,
)

json_leaves = st.none() | st.booleans() | st.integers() | st.text()
json_values = st.recursive(
    json_leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
bodies = st.dictionaries(st.text(max_size=8), json_values, max_size=6)
hashes = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)

Entry = tuple[str, Mapping[str, object], str]


def build_chain(bodies_in_order: list[dict[str, object]]) -> list[Entry]:
    """A correctly linked chain over the given bodies, starting from genesis."""
    entries: list[Entry] = []
    prev = GENESIS_HASH
    for body in bodies_in_order:
        digest = entry_hash(prev, body)
        entries.append((prev, body, digest))
        prev = digest
    return entries


def sample_chain() -> list[Entry]:
    return build_chain(
        [
            {"kind": "day_open", "cash_float": 500000},
            {"kind": "receipt", "amount": 125050, "rr_number": "MYS1234567", "mode": "cash"},
            {"kind": "receipt", "amount": 99, "payer": "ಮಂಜುನಾಥ", "cheque": None},
            {"kind": "cancellation", "receipt": "MYS001-1/2026-27/2", "reason": "wrong account"},
        ]
    )


# canonical_json


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"b": 1, "a": 2}, b'{"a":2,"b":1}'),
        ({"z": [1, True, None, "x"]}, b'{"z":[1,true,null,"x"]}'),
        ({"name": "ಮೈಸೂರು"}, '{"name":"ಮೈಸೂರು"}'.encode()),
        ({"nested": {"y": {}, "x": []}}, b'{"nested":{"x":[],"y":{}}}'),
        ("plain", b'"plain"'),
        (-(2**70), b"-1180591620717411303424"),
        ({"quote": 'say "hi"\n'}, b'{"quote":"say \\"hi\\"\\n"}'),
    ],
)
def test_canonical_json_is_sorted_compact_utf8(value: object, expected: bytes) -> None:
    assert canonical_json(value) == expected


@pytest.mark.parametrize(
    ("value", "path_in_message"),
    [
        ({"amount": 12.5}, "'amount'"),
        ({"a": [{"x": 1.0}]}, "'a[0].x'"),
        ({"a": float("nan")}, "NaN"),
        ({"a": float("inf")}, "'a'"),
        ({"when": datetime.date(2026, 4, 1)}, "'when'"),
        ({"when": datetime.datetime(2026, 4, 1, 9, 30)}, "'when'"),
        ({"amount": Decimal("1.00")}, "'amount'"),
        ({"items": (1, 2)}, "'items'"),
        ({"tags": {"a", "b"}}, "'tags'"),
        ({"raw": b"bytes"}, "'raw'"),
        (1.5, "top level"),
    ],
)
def test_canonical_json_refuses_values_without_one_canonical_form(
    value: object, path_in_message: str
) -> None:
    with pytest.raises(TypeError, match="canonical_json") as info:
        canonical_json(value)
    assert path_in_message in str(info.value)


def test_canonical_json_refuses_non_string_keys_naming_the_key() -> None:
    with pytest.raises(TypeError, match=r"key 1 at 'outer'"):
        canonical_json({"outer": {1: "x"}})


def test_canonical_json_refuses_lone_surrogates() -> None:
    with pytest.raises(TypeError, match="not valid Unicode"):
        canonical_json({"name": "bad\ud800"})


def test_canonical_json_writes_enum_subclasses_as_their_plain_values() -> None:
    from enum import IntEnum, StrEnum

    class Kind(StrEnum):
        RECEIPT = "receipt"

    class Level(IntEnum):
        TWO = 2

    assert canonical_json({"k": Kind.RECEIPT, "n": Level.TWO}) == b'{"k":"receipt","n":2}'


@given(bodies)
def test_canonical_json_does_not_depend_on_dict_insertion_order(body: dict[str, object]) -> None:
    reordered = dict(reversed(list(body.items())))
    assert canonical_json(reordered) == canonical_json(body)


@given(bodies)
def test_canonical_json_is_valid_utf8_json_that_round_trips(body: dict[str, object]) -> None:
    import json

    assert json.loads(canonical_json(body).decode("utf-8")) == body


# hashes


def test_sha256_hex_is_lowercase_hex_of_sha256() -> None:
    assert sha256_hex(b"abc") == hashlib.sha256(b"abc").hexdigest()
    assert is_hash_hex(sha256_hex(b""))


def test_genesis_hash_is_64_zeros() -> None:
    assert GENESIS_HASH == "0" * 64
    assert is_hash_hex(GENESIS_HASH)


@pytest.mark.parametrize("value", ["A" * 64, "0" * 63, "0" * 65, "g" * 64, 123, None])
def test_is_hash_hex_rejects_anything_but_64_lowercase_hex(value: object) -> None:
    assert not is_hash_hex(value)


def test_entry_hash_is_sha256_of_canonical_prev_and_body() -> None:
    body = {"amount": 100, "kind": "receipt"}
    expected = hashlib.sha256(
        b'{"body":{"amount":100,"kind":"receipt"},"prev":"' + GENESIS_HASH.encode() + b'"}'
    ).hexdigest()
    assert entry_hash(GENESIS_HASH, body) == expected


def test_entry_hash_known_vector_stays_stable() -> None:
    # Pinned so that an accidental change to the canonical form is caught: journals depend on it.
    assert entry_hash(GENESIS_HASH, {"a": 1}) == (
        "b4ff82161e6665abf49313749c2469ad7f951dac9ece8b0ed0b2eee1b187e891"
    )


@given(hashes, bodies, st.text(max_size=8), json_values)
def test_any_change_to_the_body_changes_the_hash(
    prev: str, body: dict[str, object], key: str, value: object
) -> None:
    changed = {**body, key: value}
    if changed == body:
        changed = {**body, key: [value, "changed"]}
    assert entry_hash(prev, changed) != entry_hash(prev, body)


@given(hashes, hashes, bodies)
def test_any_change_to_prev_changes_the_hash(
    prev: str, other: str, body: dict[str, object]
) -> None:
    if prev != other:
        assert entry_hash(prev, body) != entry_hash(other, body)


def test_bool_and_int_hash_differently() -> None:
    assert entry_hash(GENESIS_HASH, {"x": True}) != entry_hash(GENESIS_HASH, {"x": 1})


# verify_chain


def test_verify_chain_accepts_an_intact_chain_from_genesis() -> None:
    report = verify_chain(sample_chain(), expected_first_prev=GENESIS_HASH)
    assert report == ChainReport(ok=True, first_break_index=None, reason=None)


def test_verify_chain_accepts_an_empty_chain() -> None:
    assert verify_chain([]).ok


def test_verify_chain_accepts_a_continuation_from_a_known_hash() -> None:
    chain = sample_chain()
    assert verify_chain(chain[2:], expected_first_prev=chain[1][2]).ok
    assert verify_chain(chain[2:]).ok


def test_verify_chain_reports_a_chain_that_does_not_start_where_expected() -> None:
    chain = sample_chain()
    report = verify_chain(chain[1:], expected_first_prev=GENESIS_HASH)
    assert (report.ok, report.first_break_index) == (False, 0)
    assert report.reason is not None and "expected the chain to start" in report.reason


def test_verify_chain_reports_an_edited_body_at_its_index() -> None:
    chain = sample_chain()
    prev, body, digest = chain[1]
    chain[1] = (prev, {**body, "amount": 125051}, digest)
    report = verify_chain(chain)
    assert (report.ok, report.first_break_index) == (False, 1)
    assert report.reason is not None and "does not match its content" in report.reason


def test_verify_chain_reports_a_removed_entry_as_a_broken_link() -> None:
    chain = sample_chain()
    del chain[2]
    report = verify_chain(chain)
    assert (report.ok, report.first_break_index) == (False, 2)
    assert report.reason is not None and "does not match the hash of entry 1" in report.reason


def test_verify_chain_reports_swapped_entries() -> None:
    chain = sample_chain()
    chain[1], chain[2] = chain[2], chain[1]
    assert verify_chain(chain).first_break_index == 1


def test_verify_chain_reports_a_rehashed_entry_that_breaks_the_next_link() -> None:
    chain = sample_chain()
    prev, body, _ = chain[1]
    forged = {**body, "amount": 1}
    chain[1] = (prev, forged, entry_hash(prev, forged))
    report = verify_chain(chain)
    assert report.first_break_index == 2


@pytest.mark.parametrize(
    ("prev", "digest", "words"),
    [
        ("XYZ", "0" * 64, "prev_hash 'XYZ' is not 64 lowercase hex"),
        ("0" * 64, "A" * 64, "is not 64 lowercase hex"),
    ],
)
def test_verify_chain_reports_malformed_hashes(prev: str, digest: str, words: str) -> None:
    report = verify_chain([(prev, {"a": 1}, digest)])
    assert report.first_break_index == 0
    assert report.reason is not None and words in report.reason


def test_verify_chain_reports_an_unhashable_body_instead_of_raising() -> None:
    report = verify_chain([(GENESIS_HASH, {"amount": 1.5}, "0" * 64)])
    assert report.first_break_index == 0
    assert report.reason is not None and "cannot be hashed" in report.reason


@given(st.lists(bodies, min_size=1, max_size=6), st.data())
def test_tampering_with_any_entry_is_detected_at_or_before_it(
    chain_bodies: list[dict[str, object]], data: st.DataObject
) -> None:
    chain = build_chain(chain_bodies)
    assert verify_chain(chain, expected_first_prev=GENESIS_HASH).ok
    index = data.draw(st.integers(0, len(chain) - 1), label="index")
    prev, body, digest = chain[index]
    part = data.draw(st.sampled_from(["prev", "body", "hash"]), label="part")
    if part == "prev":
        chain[index] = (data.draw(hashes.filter(lambda h: h != prev)), body, digest)
    elif part == "body":
        chain[index] = (prev, {**body, "\x00tampered": True}, digest)
    else:
        chain[index] = (prev, body, data.draw(hashes.filter(lambda h: h != digest)))
    report = verify_chain(chain, expected_first_prev=GENESIS_HASH)
    assert not report.ok
    assert report.first_break_index is not None and report.first_break_index <= index
