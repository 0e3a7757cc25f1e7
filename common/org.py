"""The company's organisation: levels from company down to section, unit references, districts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from common.errors import ValidationProblem

__all__ = [
    "CESC_DISTRICTS",
    "District",
    "OrgLevel",
    "OrgUnitRef",
    "validate_org_code",
]

_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class OrgLevel(StrEnum):
    """A level of the hierarchy, top to bottom; each unit sits directly under the level above."""

    COMPANY = "company"
    ZONE = "zone"
    CIRCLE = "circle"
    DIVISION = "division"
    SUBDIVISION = "subdivision"
    SECTION = "section"

    @property
    def depth(self) -> int:
        """0 for the company, 5 for a section."""
        return _LEVELS.index(self)

    @property
    def parent(self) -> OrgLevel | None:
        """The level directly above, or None for the company."""
        return _LEVELS[self.depth - 1] if self.depth > 0 else None

    @property
    def child(self) -> OrgLevel | None:
        """The level directly below, or None for a section."""
        return _LEVELS[self.depth + 1] if self.depth + 1 < len(_LEVELS) else None


_LEVELS: tuple[OrgLevel, ...] = tuple(OrgLevel)


def validate_org_code(value: str, field: str = "code") -> str:
    """An org unit's code in uppercase: 2 to 16 letters A-Z or digits, e.g. "MYS", "MYSC1"."""
    if not isinstance(value, str):
        raise ValidationProblem(field, f"must be text, got {type(value).__name__}")
    text = value.strip().upper()
    if not text:
        raise ValidationProblem(field, "must not be empty")
    for ch in text:
        if ch not in _CODE_CHARS:
            raise ValidationProblem(
                field, f"contains {ch!r}; only letters A-Z and digits 0-9 are allowed"
            )
    if not 2 <= len(text) <= 16:
        raise ValidationProblem(field, f"must be 2 to 16 letters or digits, got {len(text)}")
    return text


def _parse_path(path: object) -> tuple[int, ...]:
    """The ids in a materialised path like "/1/4/17/"."""
    if not isinstance(path, str):
        raise ValidationProblem("path", f"must be text, got {type(path).__name__}")
    if len(path) < 3 or not path.startswith("/") or not path.endswith("/"):
        raise ValidationProblem(
            "path", f"must look like /1/4/17/ (ids between slashes), got {path!r}"
        )
    ids: list[int] = []
    for part in path[1:-1].split("/"):
        if not part.isascii() or not part.isdigit() or part.startswith("0"):
            raise ValidationProblem(
                "path", f"part {part!r} of {path!r} is not a positive id without leading zeros"
            )
        ids.append(int(part))
    return tuple(ids)


@dataclass(frozen=True)
class OrgUnitRef:
    """A unit of the organisation as other code refers to it, with its materialised path."""

    id: int
    level: OrgLevel
    code: str
    path: str

    def __post_init__(self) -> None:
        if isinstance(self.id, bool) or not isinstance(self.id, int) or self.id < 1:
            raise ValidationProblem("id", f"must be a positive integer, got {self.id!r}")
        try:
            level = OrgLevel(self.level)
        except ValueError:
            names = ", ".join(_LEVELS)
            raise ValidationProblem(
                "level", f"must be one of {names}; got {self.level!r}"
            ) from None
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "code", validate_org_code(self.code))
        ids = _parse_path(self.path)
        if ids[-1] != self.id:
            raise ValidationProblem(
                "path", f"must end with the unit's own id {self.id}, got {self.path!r}"
            )
        if len(ids) != level.depth + 1:
            raise ValidationProblem(
                "path",
                f"a {level} sits {level.depth} levels below the company, so its path needs "
                f"{level.depth + 1} ids; {self.path!r} has {len(ids)}",
            )
        if len(set(ids)) != len(ids):
            raise ValidationProblem("path", f"repeats an id: {self.path!r}")

    @property
    def ancestor_ids(self) -> tuple[int, ...]:
        """The ids above this unit, company first (empty for the company)."""
        return _parse_path(self.path)[:-1]

    def contains(self, other: OrgUnitRef) -> bool:
        """True if `other` is this unit or lies anywhere beneath it."""
        return other.path.startswith(self.path)


@dataclass(frozen=True)
class District:
    """A revenue district that CESC serves, with its name in English and Kannada."""

    name_en: str
    name_kn: str


CESC_DISTRICTS: tuple[District, ...] = (
    District("Mysuru", "ಮೈಸೂರು"),
    District("Mandya", "ಮಂಡ್ಯ"),
    District("Hassan", "ಹಾಸನ"),
    District("Chamarajanagar", "ಚಾಮರಾಜನಗರ"),
    District("Kodagu", "ಕೊಡಗು"),
)
"""The five districts of CESC Mysore's area."""
