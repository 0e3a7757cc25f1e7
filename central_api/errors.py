"""Errors the services raise, and how each becomes an HTTP answer naming the field and reason."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from common.errors import ValidationProblem

log = logging.getLogger("trm.central")


class ServiceError(Exception):
    """A refusal a user can act on; `status` is the HTTP status that fits."""

    status = 400

    def __init__(self, reason: str, *, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    status = 409


class Forbidden(ServiceError):
    status = 403


class Unauthorised(ServiceError):
    status = 401


class BadInput(ServiceError):
    status = 422


def _problem(status: int, items: list[dict[str, Any]]) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(status_code=status, content={"detail": items}, headers=headers)


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "body"


def install_error_handlers(app: FastAPI) -> None:
    """Every refusal is JSON {"detail": [{"field", "reason"}]}; no user input yields a 500."""

    @app.exception_handler(ServiceError)
    async def _service_error(_: Request, exc: ServiceError) -> JSONResponse:
        return _problem(exc.status, [{"field": exc.field, "reason": exc.reason}])

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        items = []
        for err in exc.errors():
            reason = str(err.get("msg", "invalid"))
            if err.get("type") == "extra_forbidden":
                reason = "unknown field"
            items.append({"field": _field_of(err.get("loc", ())), "reason": reason})
        return _problem(422, items)

    @app.exception_handler(ValidationProblem)
    async def _validation_problem(_: Request, exc: ValidationProblem) -> JSONResponse:
        # Only our own refusals: any other ValueError is a fault and must stay a 500.
        return _problem(422, [{"field": exc.field, "reason": exc.reason}])

    @app.exception_handler(DataError)
    async def _data_error(_: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot hold that validation let through: still the sender's mistake.
        log.warning("database refused a value: %s", str(exc.orig).splitlines()[0])
        return _problem(422, [{"field": None, "reason": "a value could not be stored as sent"}])

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _problem(exc.status_code, [{"field": None, "reason": str(exc.detail)}])


class BodySizeLimit:
    """Refuse request bodies over `limit` bytes with 413 before they are read into memory."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        response = _problem(
            413, [{"field": "body", "reason": f"request body is larger than {self.limit} bytes"}]
        )
        await send({"type": "http.response.start", "status": 413, "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})


class _TooLarge(Exception):
    pass
