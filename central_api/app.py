"""The FastAPI application factory for the central service."""

from __future__ import annotations

import logging

from fastapi import APIRouter, FastAPI
from sqlalchemy import text
from sqlalchemy.engine import Engine

from central_api.audit.routes import router as audit_router
from central_api.billing.routes import router as billing_router
from central_api.config import Settings
from central_api.consumers.routes import router as consumers_router
from central_api.db import make_engine, make_session_factory
from central_api.errors import BodySizeLimit, install_error_handlers
from central_api.identity.routes import auth_router, devices_router, users_router
from central_api.ledger.routes import router as ledger_router
from central_api.org.routes import router as org_router
from central_api.reconciliation.routes import router as reconciliation_router
from central_api.sync.routes import router as sync_router
from central_api.sync.routes import suspense_router
from central_api.web.render import install as install_workbench
from central_api.web.routes import router as web_router

API_PREFIX = "/api/v1"
log = logging.getLogger("trm.central")


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Build the service for `settings`; pass `engine` to share one with the caller (tests)."""
    settings = settings or Settings.from_env()
    engine = engine or make_engine(settings.database_url, echo=settings.sql_echo)
    app = FastAPI(
        title="TRM central service",
        version="0.1.0",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)

    api = APIRouter(prefix=API_PREFIX)
    for router in (
        auth_router,
        users_router,
        devices_router,
        org_router,
        consumers_router,
        ledger_router,
        audit_router,
        sync_router,
        suspense_router,
        billing_router,
        reconciliation_router,
    ):
        api.include_router(router)

    @api.get("/health", tags=["health"])
    def health() -> dict[str, str]:
        """Liveness and database reachability, for load balancers; no secrets, no auth."""
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        return {"status": "ok", "database": engine.dialect.name}

    app.include_router(api)
    install_workbench(app)
    app.include_router(web_router)
    return app
