"""The organisation: levels, unit references and their paths, codes, districts."""

from __future__ import annotations

import pytest

from common.errors import ValidationProblem
from common.org import CESC_DISTRICTS, OrgLevel, OrgUnitRef, validate_org_code

LEVELS_TOP_DOWN = [
    OrgLevel.COMPANY,
    OrgLevel.ZONE,
    OrgLevel.CIRCLE,
    OrgLevel.DIVISION,
    OrgLevel.SUBDIVISION,
    OrgLevel.SECTION,
]


def test_org_levels_are_the_six_in_order_with_plain_string_values() -> None:
    assert list(OrgLevel) == LEVELS_TOP_DOWN
    assert [str(level) for level in OrgLevel] == [
        "company",
        "zone",
        "circle",
        "division",
        "subdivision",
        "section",
    ]
    assert OrgLevel("subdivision") is OrgLevel.SUBDIVISION


@pytest.mark.parametrize(
    ("level", "depth", "parent", "child"),
    [
        (OrgLevel.COMPANY, 0, None, OrgLevel.ZONE),
        (OrgLevel.ZONE, 1, OrgLevel.COMPANY, OrgLevel.CIRCLE),
        (OrgLevel.CIRCLE, 2, OrgLevel.ZONE, OrgLevel.DIVISION),
        (OrgLevel.DIVISION, 3, OrgLevel.CIRCLE, OrgLevel.SUBDIVISION),
        (OrgLevel.SUBDIVISION, 4, OrgLevel.DIVISION, OrgLevel.SECTION),
        (OrgLevel.SECTION, 5, OrgLevel.SUBDIVISION, None),
    ],
)
def test_org_level_depth_parent_and_child(
    level: OrgLevel, depth: int, parent: OrgLevel | None, child: OrgLevel | None
) -> None:
    assert (level.depth, level.parent, level.child) == (depth, parent, child)


# codes


@pytest.mark.parametrize(
    ("typed", "code"), [("MYS", "MYS"), ("mysc1", "MYSC1"), (" K2 ", "K2"), ("A" * 16, "A" * 16)]
)
def test_validate_org_code_accepts_and_uppercases(typed: str, code: str) -> None:
    assert validate_org_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("M", "code: must be 2 to 16 letters or digits, got 1"),
        ("A" * 17, "code: must be 2 to 16 letters or digits, got 17"),
        ("MYS-1", "code: contains '-'; only letters A-Z and digits 0-9 are allowed"),
        ("ಮೈಸೂರು", "code: contains 'ಮ'; only letters A-Z and digits 0-9 are allowed"),
        ("", "code: must not be empty"),
    ],
)
def test_validate_org_code_explains_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(ValidationProblem) as info:
        validate_org_code(typed)
    assert str(info.value) == message


def test_validate_org_code_uses_the_given_field() -> None:
    with pytest.raises(ValidationProblem) as info:
        validate_org_code("x", field="parent_code")
    assert info.value.field == "parent_code"


# unit references


def unit(unit_id: int, level: OrgLevel, path: str, code: str = "U1") -> OrgUnitRef:
    return OrgUnitRef(id=unit_id, level=level, code=code, path=path)


COMPANY = unit(1, OrgLevel.COMPANY, "/1/", "CESC")
ZONE = unit(4, OrgLevel.ZONE, "/1/4/", "MYSZ")
CIRCLE = unit(17, OrgLevel.CIRCLE, "/1/4/17/", "MYSC")
OTHER_CIRCLE = unit(170, OrgLevel.CIRCLE, "/1/4/170/", "HSNC")
SECTION = unit(99, OrgLevel.SECTION, "/1/4/17/30/41/99/", "MYSS1")


@pytest.mark.parametrize(
    ("outer", "inner", "contains"),
    [
        (COMPANY, SECTION, True),
        (ZONE, CIRCLE, True),
        (CIRCLE, CIRCLE, True),
        (CIRCLE, SECTION, True),
        (SECTION, CIRCLE, False),
        (CIRCLE, OTHER_CIRCLE, False),
        (OTHER_CIRCLE, SECTION, False),
    ],
)
def test_contains_is_ancestor_or_self_by_path(
    outer: OrgUnitRef, inner: OrgUnitRef, contains: bool
) -> None:
    assert outer.contains(inner) is contains


def test_a_circle_whose_id_starts_like_another_is_not_inside_it() -> None:
    # "/1/4/17/" must not be treated as a prefix of "/1/4/170/": paths end with a slash.
    assert not CIRCLE.contains(OTHER_CIRCLE)


def test_ancestor_ids_lists_the_units_above() -> None:
    assert SECTION.ancestor_ids == (1, 4, 17, 30, 41)
    assert COMPANY.ancestor_ids == ()


def test_unit_ref_normalises_code_and_accepts_level_as_text() -> None:
    ref = OrgUnitRef(id=4, level="zone", code="mysz", path="/1/4/")  # type: ignore[arg-type]
    assert (ref.level, ref.code) == (OrgLevel.ZONE, "MYSZ")


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"id": 0}, "id", "must be a positive integer"),
        ({"id": True}, "id", "must be a positive integer"),
        ({"level": "district"}, "level", "must be one of company, zone"),
        ({"code": "M"}, "code", "must be 2 to 16"),
        ({"path": "1/4/17"}, "path", "must look like /1/4/17/"),
        ({"path": "/"}, "path", "must look like /1/4/17/"),
        ({"path": "/1/4//17/"}, "path", "part '' of '/1/4//17/' is not a positive id"),
        ({"path": "/1/04/17/"}, "path", "part '04'"),
        ({"path": "/1/x/17/"}, "path", "part 'x'"),
        ({"path": "/1/4/18/"}, "path", "must end with the unit's own id 17"),
        ({"path": "/1/17/"}, "path", "a circle sits 2 levels below the company"),
        ({"path": "/17/4/17/"}, "path", "repeats an id"),
    ],
)
def test_unit_ref_explains_what_is_wrong(kwargs: dict[str, object], field: str, words: str) -> None:
    fields: dict[str, object] = {
        "id": 17,
        "level": OrgLevel.CIRCLE,
        "code": "MYSC",
        "path": "/1/4/17/",
    }
    fields.update(kwargs)
    with pytest.raises(ValidationProblem) as info:
        OrgUnitRef(**fields)  # type: ignore[arg-type]
    assert info.value.field == field
    assert words in info.value.reason


def test_unit_refs_are_frozen_values() -> None:
    assert unit(4, OrgLevel.ZONE, "/1/4/", "MYSZ") == ZONE
    with pytest.raises(AttributeError):
        ZONE.code = "X"  # type: ignore[misc]


# districts


def test_cesc_serves_five_districts_named_in_english_and_kannada() -> None:
    assert [(d.name_en, d.name_kn) for d in CESC_DISTRICTS] == [
        ("Mysuru", "ಮೈಸೂರು"),
        ("Mandya", "ಮಂಡ್ಯ"),
        ("Hassan", "ಹಾಸನ"),
        ("Chamarajanagar", "ಚಾಮರಾಜನಗರ"),
        ("Kodagu", "ಕೊಡಗು"),
    ]
