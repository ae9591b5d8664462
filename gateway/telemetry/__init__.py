"""How the gateway is observed: OpenTelemetry traces, structured logs (metrics are
:mod:`gateway.metrics`)."""
