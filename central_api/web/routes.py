"""Workbench pages for signing in and out, the language, and the shipped font.

Each route only translates a page or a form to a service call; the rules live in the services.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from central_api.db import utcnow, write_transaction
from central_api.deps import SessionDep
from central_api.identity import service as identity
from central_api.identity.schemas import LoginIn
from central_api.web import queues, reconciliation
from central_api.web.i18n import LANG_COOKIE, LANGUAGES
from central_api.web.render import (
    KANNADA_FONT,
    PREFIX,
    font_path,
    page,
    safe_next,
    see_other,
)
from central_api.web.session import (
    SESSION_COOKIE,
    SIGN_IN_COOKIE,
    WEB_ROLES,
    SignedForm,
    WebRefusal,
    cookie_options,
    new_sign_in_token,
    read_form,
    same_token,
    text_field,
    validated,
)

router = APIRouter(prefix=PREFIX, include_in_schema=False)
NextPage = Annotated[str, Query(alias="next", max_length=500)]
SIGN_IN_MINUTES = 30


@router.get("/", response_class=RedirectResponse)
def home() -> RedirectResponse:
    return see_other(f"{PREFIX}/grid")


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, next_page: NextPage = "") -> HTMLResponse:
    return _sign_in_form(request, next_page, None)


def _sign_in_form(request: Request, next_page: str, refusal: WebRefusal | None) -> HTMLResponse:
    """The sign-in form, with a fresh double-submit token (there is no session to bind to yet)."""
    token = new_sign_in_token()
    response = page(
        request,
        "sign_in.html",
        None,
        status=refusal.status if refusal else 200,
        sign_in_token=token,
        next=safe_next(next_page),
        reason=refusal.reason if refusal else "",
        field=refusal.field if refusal else "",
    )
    response.set_cookie(SIGN_IN_COOKIE, token, **cookie_options(SIGN_IN_MINUTES * 60))
    return response


async def sign_in_form(request: Request) -> FormData:
    form = await read_form(request)
    if not same_token(form.get("sign_in_token"), request.cookies.get(SIGN_IN_COOKIE, "")):
        raise WebRefusal(
            403, "the sign-in form has expired or came from elsewhere; reload it", field="form"
        )
    return form


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request, session: SessionDep, form: Annotated[FormData, Depends(sign_in_form)]
) -> Response:
    """Sign in with the identity service's own check (lockout included) and keep the token in
    the session cookie; a refusal shows the form again with the reason."""
    next_page = safe_next(text_field(form, "next", required=False, max_chars=500))
    try:
        token, max_age = _signed_in(request, session, form)
    except WebRefusal as refusal:
        return _sign_in_form(request, next_page, refusal)
    response = see_other(next_page)
    response.set_cookie(SESSION_COOKIE, token, **cookie_options(max_age))
    response.delete_cookie(SIGN_IN_COOKIE, path="/", secure=True, httponly=True, samesite="strict")
    return response


def _signed_in(request: Request, session: SessionDep, form: FormData) -> tuple[str, int]:
    """A new session token and its lifetime in seconds, for a workbench role only."""
    credentials = validated(
        LoginIn,
        {
            "username": text_field(form, "username", max_chars=40),
            "password": form.get("password") if isinstance(form.get("password"), str) else "",
        },
    )
    with write_transaction(session):
        outcome = identity.login(
            session,
            request.app.state.settings,
            username=credentials.username,
            password=credentials.password,
        )
        role = outcome.user.role if outcome.user else ""
        if outcome.token and role not in WEB_ROLES:
            identity.logout(session, token=outcome.token)  # not a workbench role: void it at once
    if outcome.refusal is not None:
        raise WebRefusal(401, outcome.refusal.reason, field=outcome.refusal.field)
    if role not in WEB_ROLES:
        raise WebRefusal(403, f"{role} may not use the accounts workbench", field="username")
    assert outcome.token and outcome.expires_at
    return outcome.token, int((outcome.expires_at - utcnow()).total_seconds())


@router.post("/sign-out", response_class=RedirectResponse)
def sign_out(request: Request, session: SessionDep, _: SignedForm) -> RedirectResponse:
    """Revoke the session's token and forget the cookie."""
    with write_transaction(session):
        identity.logout(session, token=request.cookies.get(SESSION_COOKIE, ""))
    response = see_other(f"{PREFIX}/sign-in")
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="strict")
    return response


@router.get("/language", response_class=RedirectResponse)
def choose_language(
    to: Annotated[str, Query(max_length=5)], next_page: NextPage = ""
) -> RedirectResponse:
    """Switch the page language (a preference only: no sign-in needed, nothing else changes)."""
    response = see_other(safe_next(next_page))
    if to in LANGUAGES:
        response.set_cookie(LANG_COOKIE, to, **cookie_options(365 * 86400))
    return response


@router.get(f"/fonts/{KANNADA_FONT}", response_class=FileResponse)
def kannada_font() -> Response:
    """The shipped Noto Sans Kannada, so pages shape Kannada whatever the reader's machine has."""
    path = font_path(KANNADA_FONT)
    if not path.is_file():
        return Response(status_code=404)
    return FileResponse(
        path, media_type="font/ttf", headers={"Cache-Control": "public, max-age=86400"}
    )


# The queue and reconciliation pages live in their own modules, under the same router.
router.include_router(queues.router, prefix="")
router.include_router(reconciliation.router, prefix="")
