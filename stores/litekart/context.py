"""What every Litekart router is built with: the database, auth and webhooks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stores.common import SimState, WebhookDispatcher
from stores.litekart.auth import Auth
from stores.litekart.db import Database


@dataclass
class Context:
    """One app's shared objects."""

    db: Database
    auth: Auth
    state: SimState
    hooks: WebhookDispatcher

    def emit(self, event: str, data: dict[str, Any]) -> None:
        self.hooks.emit(event, data)
