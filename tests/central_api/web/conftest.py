"""Fixtures for the workbench pages: a browser-like client over https and signing in through
the real sign-in form."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from central_api.app import create_app
from central_api.config import Settings
from tests.central_api.test_sync import counter_world  # noqa: F401  (a fixture)
from tests.support.world import PASSWORD

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')
SIGN_IN_TOKEN = re.compile(r'name="sign_in_token" value="([^"]+)"')


@pytest.fixture
def browser(engine: Engine, app_settings: Settings) -> Iterator[TestClient]:
    """A client that keeps cookies over https (the session cookie is Secure) and shows redirects."""
    app = create_app(app_settings, engine=engine)
    with TestClient(
        app,
        base_url="https://testserver",
        follow_redirects=False,
        raise_server_exceptions=os.environ.get("TRM_TEST_RAISE") == "1",
    ) as client:
        yield client


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the form; gives the page's CSRF token."""
    form = client.get("/web/sign-in")
    token = SIGN_IN_TOKEN.search(form.text)
    assert token, form.text
    response = client.post(
        "/web/sign-in",
        data={"sign_in_token": token.group(1), "username": username, "password": password},
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/web/suspense").text)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)
