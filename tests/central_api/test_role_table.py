"""Every route, walked with every role and device kind: the table below is the access policy.

A route missing from the table fails the test, so a new route cannot ship without a decision.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from central_api.web.session import SESSION_COOKIE, csrf_token_for
from common.roles import DeviceKind, Role
from tests.support.world import World

R = Role
D = DeviceKind
ALL_STAFF = frozenset(Role)
ALL_DEVICES = frozenset(DeviceKind)
EVERYONE = ALL_STAFF | ALL_DEVICES
PUBLIC = "public"
SPOT_READERS = frozenset({R.METER_READER, D.SPOT_BILLING})
SPOT_WATCHERS = frozenset(
    {R.METER_READER, R.SUPERVISOR, R.ACCOUNTS_OFFICER, R.ADMIN, R.AUDITOR, D.SPOT_BILLING}
)
RECON_READ = frozenset({R.ACCOUNTS_OFFICER, R.ADMIN, R.AUDITOR})
RECON_ACT = frozenset({R.ACCOUNTS_OFFICER, R.ADMIN})

# (method, path) -> who may call it. PUBLIC routes need no sign-in.
POLICY: dict[tuple[str, str], frozenset[Role | DeviceKind] | str] = {
    ("GET", "/api/v1/health"): PUBLIC,
    ("POST", "/api/v1/auth/login"): PUBLIC,
    ("POST", "/api/v1/auth/device-token"): PUBLIC,
    ("POST", "/api/v1/auth/logout"): EVERYONE,
    ("GET", "/api/v1/auth/me"): EVERYONE,
    ("GET", "/api/v1/users"): frozenset({R.ADMIN, R.AUDITOR}),
    ("POST", "/api/v1/users"): frozenset({R.ADMIN}),
    ("PATCH", "/api/v1/users/{username}"): frozenset({R.ADMIN}),
    # A counter, with its location's supervisor present (the centre checks the PIN).
    ("PUT", "/api/v1/users/{username}/fingerprint"): frozenset({D.COUNTER}),
    ("GET", "/api/v1/devices"): frozenset({R.ADMIN}),
    ("POST", "/api/v1/devices"): frozenset({R.ADMIN}),
    ("POST", "/api/v1/devices/{code}/revoke"): frozenset({R.ADMIN}),
    ("GET", "/api/v1/org/units"): EVERYONE,
    ("POST", "/api/v1/org/units"): frozenset({R.ADMIN}),
    ("GET", "/api/v1/org/locations"): EVERYONE,
    ("POST", "/api/v1/org/locations"): frozenset({R.ADMIN}),
    ("GET", "/api/v1/org/locations/{location_code}/counters"): EVERYONE,
    ("POST", "/api/v1/org/locations/{location_code}/counters"): frozenset({R.ADMIN}),
    ("GET", "/api/v1/consumers"): EVERYONE,
    ("POST", "/api/v1/consumers"): frozenset({R.ADMIN, R.ACCOUNTS_OFFICER}),
    ("GET", "/api/v1/consumers/{rr_number}"): EVERYONE,
    ("PATCH", "/api/v1/consumers/{rr_number}"): frozenset({R.ADMIN, R.ACCOUNTS_OFFICER}),
    ("GET", "/api/v1/consumers/{rr_number}/ledger"): frozenset(
        {R.CASHIER, R.SUPERVISOR, R.ACCOUNTS_OFFICER, R.ADMIN, R.AUDITOR, D.COUNTER, D.ATP_KIOSK}
    ),
    ("GET", "/api/v1/ledger/adjustments"): frozenset({R.ACCOUNTS_OFFICER}),
    ("POST", "/api/v1/ledger/adjustments"): frozenset({R.ACCOUNTS_OFFICER}),
    ("POST", "/api/v1/ledger/adjustments/{adjustment_id}/approve"): frozenset({R.ACCOUNTS_OFFICER}),
    ("POST", "/api/v1/ledger/adjustments/{adjustment_id}/reject"): frozenset({R.ACCOUNTS_OFFICER}),
    ("GET", "/api/v1/audit/events"): frozenset({R.ADMIN, R.AUDITOR}),
    ("POST", "/api/v1/sync/push"): frozenset({D.COUNTER}),
    ("GET", "/api/v1/sync/pull"): frozenset({D.COUNTER}),
    ("GET", "/api/v1/sync/counters"): frozenset(
        {R.SUPERVISOR, R.ACCOUNTS_OFFICER, R.ADMIN, R.AUDITOR}
    ),
    ("GET", "/api/v1/sync/conflicts"): frozenset(
        {R.SUPERVISOR, R.ACCOUNTS_OFFICER, R.ADMIN, R.AUDITOR}
    ),
    ("GET", "/api/v1/suspense"): frozenset({R.SUPERVISOR, R.ACCOUNTS_OFFICER, R.ADMIN, R.AUDITOR}),
    ("GET", "/api/v1/spot-billing/routes"): SPOT_WATCHERS,
    ("GET", "/api/v1/spot-billing/routes/{route_code}/cycles/{cycle}"): SPOT_READERS,
    ("GET", "/api/v1/spot-billing/routes/{route_code}/cycles/{cycle}/progress"): SPOT_WATCHERS,
    ("POST", "/api/v1/spot-billing/routes/{route_code}/cycles/{cycle}/readings"): SPOT_READERS,
    (
        "PUT",
        "/api/v1/spot-billing/routes/{route_code}/cycles/{cycle}/readings/{rr_number}/photo",
    ): SPOT_READERS,
    ("GET", "/api/v1/spot-billing/reviews"): frozenset({R.ACCOUNTS_OFFICER}),
    ("POST", "/api/v1/spot-billing/reviews/{review_id}/accept"): frozenset({R.ACCOUNTS_OFFICER}),
    ("POST", "/api/v1/spot-billing/reviews/{review_id}/reject"): frozenset({R.ACCOUNTS_OFFICER}),
    ("GET", "/api/v1/reconciliation/grid"): RECON_READ,
    ("GET", "/api/v1/reconciliation/cells/{counter_code}/{business_date}"): RECON_READ,
    ("GET", "/api/v1/reconciliation/bank-lines/unmatched"): RECON_READ,
    ("POST", "/api/v1/reconciliation/bank-statements"): RECON_ACT,
    ("POST", "/api/v1/reconciliation/auto-match"): RECON_ACT,
    ("POST", "/api/v1/reconciliation/matches"): RECON_ACT,
    ("POST", "/api/v1/reconciliation/matches/{match_id}/undo"): RECON_ACT,
    ("POST", "/api/v1/reconciliation/cheque-returns"): RECON_ACT,
    ("GET", "/api/v1/reconciliation/suspense-transfers"): RECON_READ,
    ("POST", "/api/v1/reconciliation/suspense-transfers"): RECON_ACT,
    ("POST", "/api/v1/reconciliation/suspense-transfers/{request_id}/decide"): RECON_ACT,
    ("GET", "/api/v1/reconciliation/account-transfers"): RECON_READ,
    ("POST", "/api/v1/reconciliation/account-transfers"): RECON_ACT,
    ("POST", "/api/v1/reconciliation/account-transfers/{request_id}/decide"): RECON_ACT,
    ("POST", "/api/v1/reconciliation/quarantine/{conflict_id}/resolve"): RECON_ACT,
}

PATH_VALUES = {
    "username": "cashier",
    "code": "DEV-SPOT-BILLING",
    "location_code": "MYS001",
    "rr_number": "MYS1000001",
    "adjustment_id": "999",
    "suspense_id": "999",
    "route_code": "NRSEC-R00001",
    "cycle": "2025-06",
    "review_id": "999",
    "counter_code": "MYS001-1",
    "business_date": "2026-11-02",
    "match_id": "999",
    "request_id": "999",
    "conflict_id": "999",
}


def _routes(client: TestClient) -> list[tuple[str, str]]:
    spec = client.get("/api/openapi.json").json()
    return sorted(
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
    )


def _url(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], path)


def _is_permission_refusal(response_json: dict[str, object]) -> bool:
    detail = response_json.get("detail")
    return isinstance(detail, list) and any("may not do" in str(d) for d in detail)


def test_every_route_has_a_policy(client: TestClient) -> None:
    assert set(_routes(client)) == set(POLICY)


@pytest.mark.parametrize("route", sorted(POLICY), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_admits_exactly_its_roles(
    client: TestClient, world: World, route: tuple[str, str]
) -> None:
    method, path = route
    allowed = POLICY[route]
    url = _url(path)
    anonymous = client.request(method, url, json={})
    if allowed == PUBLIC:
        assert anonymous.status_code not in (401, 403), anonymous.text
        return
    assert anonymous.status_code == 401, f"anonymous got {anonymous.status_code}"
    assert isinstance(allowed, frozenset)
    # Refused actors first: an allowed call (e.g. revoking a device) must not change the rest.
    actors = sorted(EVERYONE, key=lambda a: (a in allowed, a.value))
    for actor in actors:
        response = client.request(method, url, json={}, headers=world.auth(actor.value))
        if actor in allowed:
            assert response.status_code != 401, f"{actor} signed out on {method} {path}"
            assert not (response.status_code == 403 and _is_permission_refusal(response.json())), (
                f"{actor} should be allowed {method} {path}"
            )
        else:
            assert response.status_code == 403, (
                f"{actor} got {response.status_code} on {method} {path}"
            )
            assert _is_permission_refusal(response.json())


# The workbench's pages (not in the OpenAPI schema): walked from the app's own routes, signed in
# with the session cookie. A refused actor gets 403; no session sends a page to the sign-in form
# and refuses a form post with 401.
WEB_PUBLIC = "public"
WEB_READ = frozenset({R.ACCOUNTS_OFFICER, R.ADMIN, R.AUDITOR})
WEB_ACT = frozenset({R.ACCOUNTS_OFFICER, R.ADMIN})
WEB_POLICY: dict[tuple[str, str], frozenset[Role | DeviceKind] | str] = {
    ("GET", "/web/"): WEB_PUBLIC,
    ("GET", "/web/sign-in"): WEB_PUBLIC,
    ("POST", "/web/sign-in"): WEB_PUBLIC,
    ("GET", "/web/language"): WEB_PUBLIC,
    ("GET", "/web/fonts/NotoSansKannada-Regular.ttf"): WEB_PUBLIC,
    ("POST", "/web/sign-out"): WEB_READ,
    ("GET", "/web/grid"): WEB_READ,
    ("GET", "/web/cells/{counter_code}/{business_date}"): WEB_READ,
    ("GET", "/web/suspense"): WEB_READ,
    ("GET", "/web/quarantine"): WEB_READ,
    ("GET", "/web/cheque-return"): WEB_READ,
    ("GET", "/web/bank"): WEB_READ,
    ("POST", "/web/suspense/{suspense_id}/ask"): WEB_ACT,
    ("POST", "/web/suspense-transfers/{request_id}/decide"): WEB_ACT,
    ("POST", "/web/payment-transfers"): WEB_ACT,
    ("POST", "/web/payment-transfers/{request_id}/decide"): WEB_ACT,
    ("POST", "/web/matches"): WEB_ACT,
    ("POST", "/web/matches/{match_id}/undo"): WEB_ACT,
    ("POST", "/web/cheque-return"): WEB_ACT,
    ("POST", "/web/bank"): WEB_ACT,
    ("POST", "/web/quarantine/{conflict_id}/resolve"): WEB_ACT,
}
WEB_QUERY = {"/web/language": "?to=kn&next=/web/grid"}


def _web_routes(client: TestClient) -> set[tuple[str, str]]:
    routes: Any = client.app.routes  # type: ignore[attr-defined]
    try:  # newer FastAPI keeps an included router whole; this walks into it
        from fastapi.routing import iter_route_contexts

        routes = list(iter_route_contexts(routes))
    except ImportError:
        pass
    return {
        (method, route.path)
        for route in routes
        if (getattr(route, "path", "") or "").startswith("/web")
        for method in getattr(route, "methods", None) or ()
        if method != "HEAD"
    }


def test_every_web_page_has_a_policy(client: TestClient) -> None:
    assert _web_routes(client) == set(WEB_POLICY)


def _as(client: TestClient, method: str, url: str, token: str | None) -> Any:
    """A request with `token` as the session cookie and, for a post, this session's CSRF token."""
    headers = {"cookie": f"{SESSION_COOKIE}={token}"} if token else {}
    data = {"csrf_token": csrf_token_for(token)} if token and method == "POST" else {}
    client.cookies.clear()
    return client.request(method, url, data=data, headers=headers, follow_redirects=False)


@pytest.mark.parametrize("route", sorted(WEB_POLICY), ids=lambda r: f"{r[0]} {r[1]}")
def test_web_page_admits_exactly_its_roles(
    client: TestClient, world: World, route: tuple[str, str]
) -> None:
    method, path = route
    allowed = WEB_POLICY[route]
    url = _url(path) + WEB_QUERY.get(path, "")
    anonymous = _as(client, method, url, None)
    to_sign_in = anonymous.headers.get("location", "").startswith("/web/sign-in")
    if allowed == WEB_PUBLIC:
        assert anonymous.status_code != 401 and not to_sign_in, anonymous.status_code
        return
    if method == "GET":
        assert anonymous.status_code == 303 and to_sign_in
    else:
        assert anonymous.status_code == 401
    assert isinstance(allowed, frozenset)
    actors = sorted(EVERYONE, key=lambda a: (a in allowed, a.value))
    for actor in actors:
        response = _as(client, method, url, world.tokens[actor.value])
        if actor in allowed:
            assert response.status_code not in (401, 403), f"{actor} refused {method} {path}"
            signed_out = response.headers.get("location", "").startswith("/web/sign-in")
            assert not signed_out or path == "/web/sign-out", f"{actor} signed out on {path}"
        else:
            assert response.status_code == 403, f"{actor} got {response.status_code} on {path}"
            assert f"{actor.value} may not" in response.text
