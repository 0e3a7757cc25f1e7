"""Browser sessions for the workbench: a cookie carrying an identity token, and CSRF checks.

The cookie holds a bearer token issued by the identity service's own sign-in (stored there only
as its SHA-256, with the same expiry, revocation and lockout), so a page and an API call are
judged by one lookup. Every form POST carries a CSRF token derived from the session token: a
page from another site can neither read the cookie nor compute the token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from central_api.deps import Principal, SessionDep, current_principal
from central_api.errors import Unauthorised
from central_api.identity.permissions import GRANTS, Actor, Permission

SESSION_COOKIE = "__Host-trm_session"
SIGN_IN_COOKIE = "__Host-trm_sign_in"  # double-submit token for the sign-in form itself
CSRF_FIELD = "csrf_token"
# Who may open the workbench and who may act in it: the reconciliation API's own roles.
WEB_ROLES: frozenset[Actor] = GRANTS[Permission.RECONCILIATION_READ]
ACTING_ROLES: frozenset[Actor] = GRANTS[Permission.RECONCILIATION_ACT]
MAX_FIELD_CHARS = 10_000
ModelT = TypeVar("ModelT", bound=BaseModel)


class WebRefusal(Exception):
    """A page refused: rendered as an HTML page with the status and the reason."""

    def __init__(self, status: int, reason: str, *, field: str | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.field = field


class SignInNeeded(WebRefusal):
    """No live session: a page view goes to the sign-in form, a form post is refused."""

    def __init__(self, reason: str = "sign in to continue") -> None:
        super().__init__(401, reason, field="session")


def csrf_token_for(session_token: str) -> str:
    """The CSRF token of one session: an HMAC keyed by the session's secret token."""
    return hmac.new(session_token.encode(), b"trm.web.csrf", hashlib.sha256).hexdigest()


def new_sign_in_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(sent: object, expected: str) -> bool:
    return isinstance(sent, str) and bool(expected) and hmac.compare_digest(sent, expected)


def cookie_options(max_age: int) -> dict[str, Any]:
    """HttpOnly, Secure, SameSite=Strict, whole-site path: what a `__Host-` cookie requires."""
    return {
        "max_age": max_age,
        "path": "/",
        "secure": True,
        "httponly": True,
        "samesite": "strict",
    }


def _as_bearer(request: Request, token: str) -> Request:
    """`request` with the session token presented as the API's bearer token, so that the one
    principal lookup (expiry, revocation, disabled users) decides for pages too."""
    headers = [(k, v) for k, v in request.scope["headers"] if k != b"authorization"]
    headers.append((b"authorization", b"Bearer " + token.encode("latin-1", "replace")))
    return Request({**request.scope, "headers": headers})


def web_principal(request: Request, session: SessionDep) -> Principal:
    """The signed-in accounts officer, admin or auditor; anyone else is refused."""
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token or len(token) > 200:
        raise SignInNeeded()
    try:
        principal = current_principal(_as_bearer(request, token), session)
    except Unauthorised as exc:
        raise SignInNeeded(f"your session has ended ({exc.reason}); sign in again") from exc
    if principal.actor not in WEB_ROLES:
        raise WebRefusal(403, f"{principal.actor} may not use the accounts workbench")
    return principal


WebPrincipal = Annotated[Principal, Depends(web_principal)]


async def read_form(request: Request) -> FormData:
    """The posted form; a body that cannot be read is the sender's mistake, never a 500."""
    try:
        return await request.form(max_files=1, max_fields=50)
    except HTTPException as exc:
        raise WebRefusal(400, f"the form could not be read: {exc.detail}") from exc


async def _form_with_csrf(request: Request) -> FormData:
    form = await read_form(request)
    expected = csrf_token_for(request.cookies.get(SESSION_COOKIE, ""))
    if not same_token(form.get(CSRF_FIELD), expected):
        raise WebRefusal(
            403,
            "this form was not sent from a workbench page, or has expired; reload and retry",
            field=CSRF_FIELD,
        )
    return form


async def signed_form(request: Request, _: WebPrincipal) -> FormData:
    """A form POST by any signed-in workbench user, with the session's CSRF token."""
    return await _form_with_csrf(request)


SignedForm = Annotated[FormData, Depends(signed_form)]


def acting(
    allowed: frozenset[Actor], what: str
) -> Callable[[Request, Principal], Coroutine[Any, Any, FormData]]:
    """A dependency for a form POST: the principal must be one of `allowed` (checked first, so
    an auditor's forged post is refused whatever it carries), then the form's CSRF token must
    match the session's. Gives the posted form."""

    async def check(request: Request, principal: WebPrincipal) -> FormData:
        if principal.actor not in allowed:
            raise WebRefusal(403, f"{principal.actor} may not {what}")
        return await _form_with_csrf(request)

    return check


def text_field(form: FormData, name: str, *, required: bool = True, max_chars: int = 200) -> str:
    """A posted text field, stripped; a clear refusal naming the field when it is unusable."""
    value = form.get(name)
    if value is None or not isinstance(value, str):
        if required:
            raise WebRefusal(422, "this field is required", field=name)
        return ""
    value = value.strip()
    if "\x00" in value:
        raise WebRefusal(422, "contains a NUL character", field=name)
    if len(value) > min(max_chars, MAX_FIELD_CHARS):
        raise WebRefusal(422, f"longer than {max_chars} characters", field=name)
    if required and not value:
        raise WebRefusal(422, "this field is required", field=name)
    return value


def validated(schema: type[ModelT], data: dict[str, Any]) -> ModelT:
    """`data` checked by the API's own request schema, so a page and the API refuse alike."""
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first.get("loc", ())) or None
        raise WebRefusal(422, str(first.get("msg", "invalid")), field=field) from exc
