"""The graphql-schema-linter rules the schema must pass with no finding: every rule the
linter has except the four that only sort (fields, enum values, input fields and
interface fields in alphabetical order — the schema keeps declaration order, which
reads better). ``python -m tests.graph.schema_lint_rules`` prints them for the
Makefile's ``schema-lint``."""

from __future__ import annotations

RULES = (
    "arguments-have-descriptions",
    "defined-types-are-used",
    "deprecations-have-a-reason",
    "descriptions-are-capitalized",
    "enum-values-all-caps",
    "enum-values-have-descriptions",
    "fields-are-camel-cased",
    "fields-have-descriptions",
    "input-object-values-are-camel-cased",
    "input-object-values-have-descriptions",
    "relay-connection-arguments-spec",
    "relay-connection-types-spec",
    "relay-page-info-spec",
    "types-are-capitalized",
    "types-have-descriptions",
)

if __name__ == "__main__":
    print(",".join(RULES))
