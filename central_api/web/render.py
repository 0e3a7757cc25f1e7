"""Rendering workbench pages: the templates, their helpers, security headers, refusals as pages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from central_api.deps import Principal
from central_api.errors import ServiceError
from central_api.web.i18n import language, translator
from central_api.web.session import (
    ACTING_ROLES,
    SESSION_COOKIE,
    SignInNeeded,
    WebRefusal,
    csrf_token_for,
)
from common.errors import ValidationProblem
from common.money import format_inr

HERE = Path(__file__).resolve().parent
PREFIX = "/web"
# The repository's resources/ folder (as central_api.billing finds resources/tariffs); an
# installation may point elsewhere with TRM_RESOURCES_DIR.
RESOURCES_DIR = Path(
    os.environ.get("TRM_RESOURCES_DIR", str(Path(__file__).resolve().parents[2] / "resources"))
)
KANNADA_FONT = "NotoSansKannada-Regular.ttf"
IST = ZoneInfo("Asia/Kolkata")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; "
        "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["inr"] = lambda paise: format_inr(int(paise))


def in_india(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Times are kept in UTC; people read them in India time."""
    return moment.astimezone(IST).strftime(fmt)


templates.env.filters["ist"] = in_india
templates.env.globals["PREFIX"] = PREFIX


def font_path(name: str) -> Path:
    """A font shipped in resources/fonts."""
    return RESOURCES_DIR / "fonts" / name


def page(
    request: Request,
    template: str,
    principal: Principal | None,
    *,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render `template` in the reader's language, with the session's CSRF token for forms."""
    lang = language(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    response = templates.TemplateResponse(
        request,
        template,
        {
            "t": translator(lang),
            "lang": lang,
            "principal": principal,
            "csrf": csrf_token_for(token) if principal and token else "",
            "can_act": principal is not None and principal.actor in ACTING_ROLES,
            "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            **context,
        },
        status_code=status,
    )
    response.headers.update(SECURITY_HEADERS)
    return response


def safe_next(target: str | None) -> str:
    """A redirect target inside the workbench only: never another site."""
    if target and target.startswith(f"{PREFIX}/") and "//" not in target and "\\" not in target:
        return target
    return f"{PREFIX}/grid"


def see_other(target: str) -> RedirectResponse:
    response = RedirectResponse(target, status_code=303)
    response.headers.update(SECURITY_HEADERS)
    return response


@contextmanager
def refusals_as_pages() -> Iterator[None]:
    """A service's refusal (or a validation problem) becomes a workbench refusal page."""
    try:
        yield
    except ServiceError as exc:
        raise WebRefusal(exc.status, exc.reason, field=exc.field) from exc
    except ValidationProblem as exc:
        raise WebRefusal(422, exc.reason, field=exc.field) from exc


def install(app: FastAPI) -> None:
    """Static files and the refusal page; the routes are included by the caller."""
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="web-static")

    @app.exception_handler(WebRefusal)
    async def _refused(request: Request, exc: WebRefusal) -> Response:
        if isinstance(exc, SignInNeeded) and request.method == "GET":
            target = quote(
                request.url.path + (f"?{request.url.query}" if request.url.query else "")
            )
            return see_other(f"{PREFIX}/sign-in?next={target}")
        return page(
            request,
            "refused.html",
            None,
            status=exc.status,
            reason=exc.reason,
            field=exc.field,
            back=safe_next(_referer_path(request)),
        )


def _referer_path(request: Request) -> str | None:
    referer = request.headers.get("referer", "")
    origin = f"{request.url.scheme}://{request.url.netloc}"
    return referer[len(origin) :] if referer.startswith(origin) else None
