"""Limits that keep one request from stalling the gateway or spending what it must not.

- :mod:`gateway.limits.calls`: the per-request upstream-call budget.
"""
