"""``build_store_app``: one store's routers wrapped in the shared machinery.

A store's ``create_app`` seeds its data, builds its routers, and hands them here
with its error renderer, rate-limit rule picker and demo credentials; this adds
the error handlers, the ``SimMiddleware`` and (unless ``control=False``) the
``/__sim/`` control API.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, FastAPI

from stores.common.control import control_router
from stores.common.errors import ErrorRenderer, install_error_handlers
from stores.common.middleware import RulePicker, SimMiddleware
from stores.common.state import SimState
from stores.common.webhooks import WebhookDispatcher


@dataclass
class StoreSpec:
    """What makes one store a store."""

    title: str
    description: str
    render_error: ErrorRenderer
    pick_rule: RulePicker
    credentials: Callable[[], dict[str, Any]]
    reseed: Callable[[], None]
    validation_status: int = 400
    version: str = "1.0.0"


def build_store_app(
    spec: StoreSpec,
    *,
    state: SimState,
    routers: Sequence[APIRouter],
    control: bool = True,
    webhooks: WebhookDispatcher | None = None,
) -> FastAPI:
    """A FastAPI app serving ``routers`` with the store's errors, limits and control API."""
    app = FastAPI(
        title=spec.title,
        description=spec.description,
        version=spec.version,
        docs_url="/docs",
        redoc_url=None,
    )
    included = list(routers)
    if control:
        included.append(
            control_router(
                state, credentials=spec.credentials, reseed=spec.reseed, webhooks=webhooks
            )
        )
    # The routers' own routes, as they are: each APIRoute already analysed its endpoint
    # when it was declared, and ``include_router`` (prefix/tags/dependencies we never use)
    # would analyse every endpoint a second time — half the cost of building a store.
    for router in included:
        app.router.routes.extend(router.routes)
    install_error_handlers(app, spec.render_error, spec.validation_status)
    # Flat routers only: each APIRouter's routes carry their full path template.
    store_routes = [route for router in routers for route in router.routes]
    app.add_middleware(
        SimMiddleware,
        state=state,
        routes=store_routes,
        pick_rule=spec.pick_rule,
        render_error=spec.render_error,
    )
    app.state.sim = state
    app.state.webhooks = webhooks
    return app
