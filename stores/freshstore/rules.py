"""Laravel's ``exists`` and ``unique`` rules over the in-memory tables. Handlers
collect every failure first and raise one 422, so a bad request changes nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from stores.common import FieldError, StoreError
from stores.freshstore.errors import VALIDATION_STATUS, attribute


class Rules:
    """Collects field errors; ``check()`` raises them as one 422."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def exists(self, table: Mapping[int, Any], field: str, value: int | None) -> None:
        """``value`` (when given) is the id of a row of ``table``."""
        if value is not None and not _alive(table, value):
            self.fail(field, f"The selected {attribute(field)} is invalid.")

    def all_exist(self, table: Mapping[int, Any], field: str, values: Iterable[int] | None) -> None:
        for index, value in enumerate(values or ()):
            if not _alive(table, value):
                self.fail(f"{field}.{index}", f"The selected {field}.{index} is invalid.")

    def check(self) -> None:
        if self.errors:
            raise StoreError(
                VALIDATION_STATUS, "VALIDATION_ERROR", "The given data was invalid.", self.errors
            )


def _alive(table: Mapping[int, Any], row_id: int) -> bool:
    row = table.get(row_id)
    return row is not None and not row.get("_deleted")
