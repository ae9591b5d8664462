"""Who may call a write, and with which credential the store is called.

Who may call is decided by the one permission mechanism (``gateway.identity``): the
factory puts the declaration's :attr:`~gateway.writes.spec.Access.requirement` on the
mutation (``@requires``), so a refused caller gets ``null`` and ``UNAUTHENTICATED`` /
``FORBIDDEN`` before the executor runs. The executor asks here only for the store
credential that requirement admits the caller with (:func:`store_credential`) and for
whose idempotency keys these are (:func:`caller_scope`).
"""

from __future__ import annotations

from typing import Any

from gateway.cache import fingerprint
from gateway.identity import PUBLIC, StoreCredential
from gateway.writes.spec import Write


def store_credential(context: Any, write: Write) -> StoreCredential:
    """The credential the store call presents: the gateway's own for a public write,
    else the one the write's requirement admits this caller with (a forwarded
    end-user credential, or an operator's); raises when there is none."""
    requirement = write.access.requirement
    if requirement is None:
        return PUBLIC
    return context.credential(write.source, requirement)


def caller_scope(context: Any) -> str:
    """Who owns an idempotency key: the operator's subject, the Litekart customer, the
    Rewards user — together (anonymous callers share one scope)."""
    caller = context.caller
    return fingerprint(
        "caller",
        caller.operator.subject if caller.operator else None,
        caller.litekart_customer.customer_id if caller.litekart_customer else None,
        caller.rewards_user.token if caller.rewards_user else None,
    )
