"""The journal's hash chain (DESIGN invariant 4): canonical JSON, entry hashes, verification.

Each journal entry stores the hash of the previous entry, and its own hash is the SHA-256 of the
canonical form of ``{"prev": prev_hash, "body": body}``. The canonical form is byte-exact:
UTF-8, keys sorted by code point, no whitespace, no ASCII escaping. Strings are hashed as given
(no Unicode normalisation), so callers must store exactly what they hashed.

Floats are refused because their text form is not portable and money is integer paise; dates and
datetimes are refused so that each caller chooses the ISO form explicitly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "GENESIS_HASH",
    "ChainReport",
    "canonical_json",
    "encodes_as_is",
    "entry_hash",
    "is_hash_hex",
    "sha256_hex",
    "verify_chain",
]

GENESIS_HASH: str = "0" * 64
"""The `prev_hash` of the first entry in every counter's journal."""

_HEX_DIGITS = frozenset("0123456789abcdef")

_JsonValue = str | int | bool | None | list["_JsonValue"] | dict[str, "_JsonValue"]


def _child_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(path: str) -> str:
    return f"at {path!r}" if path else "at the top level"


def _plain(value: object, path: str) -> _JsonValue:
    """Copy `value` into plain JSON types, refusing anything without one canonical form."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise TypeError(
                f"canonical_json: string {_describe(path)} is not valid Unicode "
                f"(lone surrogate at position {exc.start})"
            ) from None
        return str.__str__(value)
    if isinstance(value, float):
        what = "NaN" if value != value else "float"
        raise TypeError(
            f"canonical_json: {what} {value!r} {_describe(path)} is not allowed; "
            "use integers (money in paise) or strings"
        )
    if isinstance(value, Mapping):
        out: dict[str, _JsonValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(
                    f"canonical_json: key {key!r} {_describe(path)} is a "
                    f"{type(key).__name__}; only string keys are allowed"
                )
            out[str.__str__(key)] = _plain(item, _child_path(path, key))
        return out
    if isinstance(value, list):
        return [_plain(item, f"{path}[{i}]") for i, item in enumerate(value)]
    raise TypeError(
        f"canonical_json: {type(value).__name__} {_describe(path)} is not allowed; "
        "only str, int, bool, None, list and dict with string keys "
        "(convert dates and datetimes to ISO strings first)"
    )


_PLAIN_TYPES = frozenset({str, int, bool, type(None)})
_MAX_FAST_DEPTH = 64  # deeper (or cyclic) values take the careful path, which names the fault

# One encoder, built once: json.dumps with these options would build a new one on every call.
# It skips the encoder's own cycle check: it only ever sees values that passed _already_plain
# (a cycle never ends, so it exceeds the depth limit there) or fresh copies made by _plain.
_ENCODER = json.JSONEncoder(
    sort_keys=True,
    separators=(",", ":"),
    ensure_ascii=False,
    allow_nan=False,
    check_circular=False,
)


def _already_plain(value: object) -> bool:
    """True when `value` holds only exact plain JSON types, so it needs no copying.

    A loop over a stack rather than recursion: this runs for every entry the centre receives.
    """
    plain = _PLAIN_TYPES
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        kind = type(item)
        if kind in plain:
            continue
        if depth >= _MAX_FAST_DEPTH:
            return False
        if kind is dict:
            for key, child in item.items():  # type: ignore[attr-defined]
                if type(key) is not str:
                    return False
                if type(child) not in plain:
                    stack.append((child, depth + 1))
        elif kind is list:
            for child in item:  # type: ignore[attr-defined]
                if type(child) not in plain:
                    stack.append((child, depth + 1))
        else:
            return False
    return True


def _encodable(text: str) -> bool:
    """True if `text` encodes as UTF-8 (holds no lone surrogate)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _children_as_is(item: object, depth: int, stack: list[tuple[object, int]]) -> bool:
    """Check a dict's keys or a list's strings now and stack its containers; False if any
    key or string would not encode as is, or `item` is neither a dict nor a list."""
    kind = type(item)
    if kind is dict:
        children: Iterable[object] = item.values()  # type: ignore[attr-defined]
        for key in item:  # type: ignore[attr-defined]
            if type(key) is not str or not _encodable(key):
                return False
    elif kind is list:
        children = item  # type: ignore[assignment]
    else:
        return False
    for child in children:
        child_kind = type(child)
        if child_kind is str:
            if not (child.isascii() or _encodable(child)):  # type: ignore[attr-defined, arg-type]
                return False
        elif child_kind not in _PLAIN_TYPES:
            stack.append((child, depth + 1))
    return True


def encodes_as_is(obj: object) -> bool:
    """True when canonical_json(obj) is certain to succeed without copying: only exact plain
    JSON types, string keys, no lone surrogates, not too deep. False says only "not certain":
    canonical_json then decides (and names any fault).

    A check without encoding, for validators that need to know a value has a canonical form
    but not its bytes (the centre encodes each received entry once, for its hash).
    """
    if type(obj) is str:
        return _encodable(obj)
    if type(obj) in _PLAIN_TYPES:
        return True
    stack: list[tuple[object, int]] = [(obj, 0)]
    while stack:
        item, depth = stack.pop()
        if depth >= _MAX_FAST_DEPTH or not _children_as_is(item, depth, stack):
            return False
    return True


def canonical_json(obj: object) -> bytes:
    """The canonical UTF-8 JSON bytes of `obj`; raises TypeError naming the offending key path."""
    if _already_plain(obj):  # the common case (every journal entry): no copy, no paths
        try:
            return _ENCODER.encode(obj).encode("utf-8")
        except UnicodeEncodeError:
            pass  # a lone surrogate: the careful path below names where
    plain = _plain(obj, "")
    return _ENCODER.encode(plain).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """SHA-256 of `data` as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


def is_hash_hex(value: object) -> bool:
    """True if `value` is a string of exactly 64 lowercase hex digits."""
    return isinstance(value, str) and len(value) == 64 and _HEX_DIGITS.issuperset(value)


def entry_hash(prev_hash: str, body: Mapping[str, object]) -> str:
    """The hash of one journal entry: SHA-256 of canonical_json({"prev": ..., "body": ...})."""
    return sha256_hex(canonical_json({"prev": prev_hash, "body": body}))


@dataclass(frozen=True)
class ChainReport:
    """The result of verifying a chain: where it first breaks, and why."""

    ok: bool
    first_break_index: int | None
    reason: str | None


_OK = ChainReport(ok=True, first_break_index=None, reason=None)


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 16 else f"{text[:12]}…"


def _check_entry(
    index: int, prev_hash: str, body: Mapping[str, object], stored: str, expected_prev: str | None
) -> str | None:
    """Why entry `index` breaks the chain, or None if it is sound."""
    if not is_hash_hex(prev_hash):
        return f"entry {index}: prev_hash {_short(prev_hash)!r} is not 64 lowercase hex digits"
    if not is_hash_hex(stored):
        return f"entry {index}: hash {_short(stored)!r} is not 64 lowercase hex digits"
    if expected_prev is not None and prev_hash != expected_prev:
        if index == 0:
            return (
                f"entry 0: prev_hash is {_short(prev_hash)}, expected the chain to start "
                f"from {_short(expected_prev)}"
            )
        return (
            f"entry {index}: prev_hash {_short(prev_hash)} does not match the hash of "
            f"entry {index - 1} ({_short(expected_prev)})"
        )
    try:
        computed = entry_hash(prev_hash, body)
    except TypeError as exc:
        return f"entry {index}: body cannot be hashed: {exc}"
    if computed != stored:
        return (
            f"entry {index}: stored hash {_short(stored)} does not match its content "
            f"(computed {_short(computed)})"
        )
    return None


def verify_chain(
    entries: Iterable[tuple[str, Mapping[str, object], str]],
    *,
    expected_first_prev: str | None = None,
) -> ChainReport:
    """Check that each (prev_hash, body, hash) links to the one before and hashes to itself.

    `expected_first_prev` pins where the chain must start: GENESIS_HASH for a whole journal, or the
    last hash already held when checking a continuation. None checks only the links within.
    """
    expected_prev = expected_first_prev
    for index, (prev_hash, body, stored) in enumerate(entries):
        reason = _check_entry(index, prev_hash, body, stored, expected_prev)
        if reason is not None:
            return ChainReport(ok=False, first_break_index=index, reason=reason)
        expected_prev = stored
    return _OK
