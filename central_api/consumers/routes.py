"""HTTP routes for consumer accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from central_api.consumers import service
from central_api.consumers.schemas import (
    ConsumerCreate,
    ConsumerRead,
    ConsumerUpdate,
    ConsumerWithBalance,
)
from central_api.db import write_transaction
from central_api.deps import Principal, SessionDep, require
from central_api.identity.permissions import Permission
from common.identifiers import normalise_mobile, normalise_rr_number, validate_account_id

router = APIRouter(prefix="/consumers", tags=["consumers"])
Reader = Annotated[Principal, Depends(require(Permission.CONSUMERS_READ))]
Writer = Annotated[Principal, Depends(require(Permission.CONSUMERS_WRITE))]
RR = Annotated[str, Path(min_length=4, max_length=20, pattern=r"^[A-Za-z0-9]+$")]


@router.get("", response_model=list[ConsumerRead])
def search(
    session: SessionDep,
    principal: Reader,
    rr_number: Annotated[str | None, Query(max_length=20)] = None,
    account_id: Annotated[str | None, Query(max_length=10)] = None,
    name: Annotated[str | None, Query(max_length=100)] = None,
    mobile: Annotated[str | None, Query(max_length=16)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[ConsumerRead]:
    found = service.search(
        session,
        principal=principal,
        rr_number=normalise_rr_number(rr_number) if rr_number else None,
        account_id=validate_account_id(account_id) if account_id else None,
        name_prefix=name,
        mobile=normalise_mobile(mobile) if mobile else None,
        limit=limit,
    )
    return [ConsumerRead.model_validate(c) for c in found]


@router.get("/{rr_number}", response_model=ConsumerWithBalance)
def get_consumer(rr_number: RR, session: SessionDep, principal: Reader) -> ConsumerWithBalance:
    consumer = service.by_rr_number(session, principal=principal, rr_number=rr_number.upper())
    return ConsumerWithBalance.model_validate(
        {
            **ConsumerRead.model_validate(consumer).model_dump(),
            "balance_paise": service.balance_of(session, consumer.id),
        }
    )


@router.post("", response_model=ConsumerRead, status_code=201)
def create_consumer(body: ConsumerCreate, session: SessionDep, principal: Writer) -> ConsumerRead:
    with write_transaction(session):
        consumer = service.create(session, principal=principal, data=body)
    return ConsumerRead.model_validate(consumer)


@router.patch("/{rr_number}", response_model=ConsumerRead)
def update_consumer(
    rr_number: RR, body: ConsumerUpdate, session: SessionDep, principal: Writer
) -> ConsumerRead:
    with write_transaction(session):
        consumer = service.update(
            session, principal=principal, rr_number=rr_number.upper(), data=body
        )
    return ConsumerRead.model_validate(consumer)
