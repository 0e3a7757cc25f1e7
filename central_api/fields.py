"""Pydantic field types shared by the centre's request schemas; each check names its field."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic import Strict as StrictType

from common.identifiers import (
    normalise_mobile,
    normalise_rr_number,
    validate_account_id,
    validate_counter_code,
)
from common.text import clean_address, clean_name, clean_note


class Strict(BaseModel):
    """A request body: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StrictUpdate(Strict):
    """A partial update: a field left out is unchanged; null clears only the fields in CLEARABLE."""

    CLEARABLE: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _refuse_null(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name, value in data.items():
                if value is None and name in cls.model_fields and name not in cls.CLEARABLE:
                    raise ValueError(f"{name}: must not be null; leave it out to keep it as it is")
        return data


PersonName = Annotated[
    str, StringConstraints(max_length=100), AfterValidator(lambda v: clean_name(v, "name"))
]
Address = Annotated[
    str, StringConstraints(max_length=200), AfterValidator(lambda v: clean_address(v))
]
RRNumber = Annotated[str, StringConstraints(max_length=20), AfterValidator(normalise_rr_number)]
AccountId = Annotated[str, StringConstraints(max_length=10), AfterValidator(validate_account_id)]
CounterCode = Annotated[
    str, StringConstraints(max_length=16), AfterValidator(validate_counter_code)
]
Mobile = Annotated[str, StringConstraints(max_length=16), AfterValidator(normalise_mobile)]
OrgCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{2,16}$")]
Username = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9._]{2,39}$")]
Password = Annotated[str, StringConstraints(min_length=10, max_length=200)]
Pin = Annotated[str, StringConstraints(pattern=r"^[0-9]{4,6}$")]
Reason = Annotated[str, StringConstraints(max_length=200), AfterValidator(clean_note)]
Email = Annotated[
    str, StringConstraints(max_length=120, pattern=r"^[^@\s<>;\"']+@[^@\s<>;\"']+\.[a-zA-Z]{2,}$")
]
# Paise are whole numbers sent as JSON integers: "100", 1.5 and true are refused, not coerced.
PositivePaise = Annotated[int, StrictType(), Field(gt=0, le=10**13)]
SignedPaise = Annotated[int, StrictType(), Field(ge=-(10**13), le=10**13)]
