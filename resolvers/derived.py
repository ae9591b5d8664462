"""Values derived from the store JSON the shared response cache holds, remembered per
object.

Every read the cache answers hands out the same parsed JSON objects until the store's
data changes (a changed list is parsed into new objects), and a merged list rebuilds its
records from those lists on every page it serves. :func:`per_object` remembers a pure
function's value per argument *object* (its identity, plus any further hashable
arguments): the same product dict gives the same record without rebuilding it, and a
changed product — a new object — is derived afresh, so what is remembered is exactly as
fresh as the cache it came from. Each remembered value holds its object, so an object's
id cannot be reused by another while its value is kept; the least recently used go
first past :data:`KEPT`.

Only for functions of their arguments alone (not of the time, the caller or the request)
over JSON nobody mutates — a store record, or a graph object built from one (graph
objects are read, never written, by their resolvers; what depends on the request is
resolved per field).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

P = ParamSpec("P")
V = TypeVar("V")

KEPT = 4_096
"""Values kept per function: more than every store's products together, and a bound on
the store objects (a few kB each) a function's values keep alive past the cache's own
byte bound — at most this many per function, however often the stores' data changes."""


def per_object(function: Callable[P, V]) -> Callable[P, V]:
    """``function(obj, *args)`` remembered per ``obj`` (identity) and ``args`` (value).

    The least recently used value goes first past :data:`KEPT` — kept in an
    ``OrderedDict`` (C): cold, every product of a read is new and each insert evicted
    through cachetools' Python layers, a few percent of a request's CPU."""
    compute = cast(Callable[..., V], function)
    kept: OrderedDict[tuple[Hashable, ...], tuple[Any, V]] = OrderedDict()

    @wraps(function)
    def remembered(obj: Any, *args: Hashable) -> V:
        key = (id(obj), *args)
        found = kept.get(key)
        if found is not None and found[0] is obj:
            kept.move_to_end(key)
            return found[1]
        value = compute(obj, *args)
        kept[key] = (obj, value)
        kept.move_to_end(key)  # a replaced value (its id reused) is now the newest
        if len(kept) > KEPT:
            kept.popitem(last=False)
        return value

    return cast(Callable[P, V], remembered)
