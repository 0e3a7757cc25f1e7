"""Browser sessions: sign-in through the identity service, the cookie's flags, CSRF, sign-out,
expiry, and who may use the workbench at all."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from central_api.db import make_session_factory, transaction, utcnow
from central_api.identity.models import AuthToken
from central_api.web.session import SESSION_COOKIE
from tests.central_api.web.conftest import SIGN_IN_TOKEN, csrf_of, sign_in
from tests.support.world import World


def _post_sign_in(client: TestClient, username: str, password: str, next_page: str = "") -> object:
    token = SIGN_IN_TOKEN.search(client.get("/web/sign-in").text)
    assert token
    return client.post(
        "/web/sign-in",
        data={
            "sign_in_token": token.group(1),
            "username": username,
            "password": password,
            "next": next_page,
        },
    )


def test_a_page_without_a_session_sends_the_reader_to_sign_in_and_back(
    browser: TestClient, world: World
) -> None:
    response = browser.get("/web/suspense?state=open")
    assert response.status_code == 303
    assert response.headers["location"] == "/web/sign-in?next=/web/suspense%3Fstate%3Dopen"
    page = browser.get(response.headers["location"])
    assert 'name="next" value="/web/suspense?state=open"' in page.text
    signed = _post_sign_in(browser, "accounts.officer", "correct horse battery", "/web/quarantine")
    assert signed.status_code == 303  # type: ignore[attr-defined]
    assert signed.headers["location"] == "/web/quarantine"  # type: ignore[attr-defined]


def test_the_session_cookie_is_httponly_secure_strict_and_the_token_is_kept_hashed(
    browser: TestClient, world: World, engine: Engine
) -> None:
    response = _post_sign_in(browser, "accounts.officer", "correct horse battery")
    cookie = next(
        c
        for c in response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
        if c.startswith(f"{SESSION_COOKIE}=")
    )
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "samesite=strict", "path=/"} <= flags
    token = cookie.split(";")[0].split("=", 1)[1]
    with make_session_factory(engine)() as session:
        hashes = set(session.scalars(select(AuthToken.token_hash)))
    assert hashlib.sha256(token.encode()).hexdigest() in hashes
    assert token not in hashes
    assert browser.get("/web/suspense").status_code == 200


def test_a_wrong_password_is_refused_naming_the_field_and_repeated_failures_lock(
    browser: TestClient, world: World
) -> None:
    wrong = _post_sign_in(browser, "accounts.officer", "not the password")
    assert wrong.status_code == 401  # type: ignore[attr-defined]
    assert "wrong username or password" in wrong.text  # type: ignore[attr-defined]
    assert '<code id="field">password</code>' in wrong.text  # type: ignore[attr-defined]
    for _ in range(4):
        _post_sign_in(browser, "accounts.officer", "not the password")
    locked = _post_sign_in(browser, "accounts.officer", "correct horse battery")
    assert locked.status_code == 401  # type: ignore[attr-defined]
    assert "too many failed sign-ins" in locked.text  # type: ignore[attr-defined]
    assert SESSION_COOKIE not in browser.cookies


def test_roles_outside_accounts_cannot_use_the_workbench_and_keep_no_token(
    browser: TestClient, world: World, engine: Engine
) -> None:
    response = _post_sign_in(browser, "cashier", "correct horse battery")
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert "cashier may not use the accounts workbench" in response.text  # type: ignore[attr-defined]
    assert SESSION_COOKIE not in browser.cookies
    with make_session_factory(engine)() as session:
        issued = session.scalars(
            select(AuthToken)
            .where(AuthToken.user_id == world.users["cashier"].id)
            .order_by(AuthToken.created_at.desc())
        ).first()
    assert issued is not None and issued.revoked_at is not None


def test_the_sign_in_form_must_come_from_our_own_page(browser: TestClient, world: World) -> None:
    forged = browser.post(
        "/web/sign-in",
        data={"username": "accounts.officer", "password": "correct horse battery"},
    )
    assert forged.status_code == 403
    assert "sign-in form has expired" in forged.text
    assert SESSION_COOKIE not in browser.cookies


def test_sign_out_revokes_the_token_so_the_old_cookie_is_worthless(
    browser: TestClient, world: World
) -> None:
    csrf = sign_in(browser, "auditor")
    stolen = browser.cookies[SESSION_COOKIE]
    assert browser.post("/web/sign-out", data={}).status_code == 403  # no CSRF token
    out = browser.post("/web/sign-out", data={"csrf_token": csrf})
    assert out.status_code == 303
    assert SESSION_COOKIE not in browser.cookies
    browser.cookies.set(SESSION_COOKIE, stolen, domain="testserver")
    replay = browser.get("/web/suspense")
    assert replay.status_code == 303
    assert replay.headers["location"].startswith("/web/sign-in")


def test_an_expired_session_goes_back_to_sign_in(
    browser: TestClient, world: World, engine: Engine
) -> None:
    sign_in(browser, "accounts.officer")
    with transaction(make_session_factory(engine)) as session:
        session.execute(
            update(AuthToken)
            .where(AuthToken.user_id == world.users["accounts_officer"].id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    response = browser.get("/web/quarantine")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/web/sign-in")
    refused = browser.post("/web/sign-out", data={"csrf_token": "0" * 64})
    assert refused.status_code == 401


def test_a_form_post_needs_this_sessions_csrf_token(browser: TestClient, world: World) -> None:
    other = TestClient(browser.app, base_url="https://testserver", follow_redirects=False)
    their_csrf = sign_in(other, "vv.accounts.officer")
    mine = sign_in(browser, "accounts.officer")
    assert their_csrf != mine
    altered = mine[:-1] + ("1" if mine[-1] == "0" else "0")
    for token in (None, "", their_csrf, altered, "x" * 100_000):
        data = {} if token is None else {"csrf_token": token}
        response = browser.post("/web/sign-out", data=data)
        assert response.status_code in (403, 413), (token, response.status_code)
    assert browser.get("/web/suspense").status_code == 200  # still signed in


def test_pages_carry_security_headers_utf8_and_switch_to_kannada(
    browser: TestClient, world: World
) -> None:
    sign_in(browser, "accounts.officer")
    english = browser.get("/web/suspense")
    assert '<meta charset="utf-8">' in english.text
    assert english.headers["content-type"] == "text/html; charset=utf-8"
    assert "frame-ancestors 'none'" in english.headers["content-security-policy"]
    assert english.headers["cache-control"] == "no-store"
    switched = browser.get("/web/language?to=kn&next=/web/suspense")
    assert switched.status_code == 303
    assert switched.headers["location"] == "/web/suspense"
    kannada = browser.get("/web/suspense")
    assert '<html lang="kn">' in kannada.text
    assert "<h1>ಸಸ್ಪೆನ್ಸ್ ಖಾತೆ</h1>" in kannada.text
    assert csrf_of(kannada.text)


def test_redirects_never_leave_the_workbench(browser: TestClient, world: World) -> None:
    for target in ("https://evil.example/", "//evil.example/web/", "/api/v1/users", "/web/\\x"):
        response = browser.get("/web/language", params={"to": "en", "next": target})
        assert response.headers["location"] == "/web/grid", target


def test_the_kannada_font_is_served_from_the_shipped_resources(
    browser: TestClient,
) -> None:
    response = browser.get("/web/fonts/NotoSansKannada-Regular.ttf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "font/ttf"
    assert response.content[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true")
