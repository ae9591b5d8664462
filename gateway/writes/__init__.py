"""The one write path: every store write endpoint is declared once (:mod:`spec`) and
run by one executor (:mod:`executor`) — local rules (:mod:`validate`), who may call
and with which credential (:mod:`access`), the store's refusals as user errors
(:mod:`refusals`), idempotency keys (``gateway.state.idempotency``), invalidation and
loader priming. The declarations live in ``schema/writes/<store>.py``."""
