"""encodes_as_is: a cheap "this certainly has a canonical form" check, never wrong when True."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.chain import canonical_json, encodes_as_is

_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=16,
)


@given(_ANY)
def test_whatever_it_passes_encodes(value: Any) -> None:
    if encodes_as_is(value):
        canonical_json(value)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(alphabet=st.characters(codec="utf-8")),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(alphabet=st.characters(codec="utf-8")), inner, max_size=4)
        ),
        max_leaves=16,
    )
)
def test_it_passes_every_plain_json_value(value: Any) -> None:
    assert encodes_as_is(value)


def _deep(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    "value",
    [
        "\ud800",
        {"\udfff": 1},
        {"name": "ಕನ್ನಡ\ud800"},
        [1, ["x", "\ud800"]],
        {"a": [{"b": "\udc00"}]},
        {"amount": 1.5},
        [float("nan")],
        (1, 2),
        {1: "a"},
        _deep(200),
    ],
)
def test_it_leaves_anything_doubtful_to_canonical_json(value: object) -> None:
    assert not encodes_as_is(value)


def test_a_cycle_is_doubtful_not_an_endless_loop() -> None:
    loop: dict[str, Any] = {}
    loop["self"] = loop
    assert not encodes_as_is(loop)
