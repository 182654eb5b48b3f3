"""Property-based API tests from the app's own OpenAPI schema (schemathesis).

Every operation gets generated requests, valid and invalid; the checks:
no server error (5xx), responses conform to the documented schema, status
codes, headers and content types are documented, invalid requests are
rejected.  (Driven through schemathesis'
Python API: its pytest plugin does not support the pytest version in use.)
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from policykg.api.main import create_app
from policykg.settings import Settings


def test_no_server_error_and_responses_match_the_schema(seeded_embedded):
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(), store=seeded_embedded))
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            # A schema-valid request may rightly get 400 (a malformed Cypher query, an unknown name
            # in a well-formed id): "positive data acceptance" is not a property of this API.
            case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])

        try:
            run()
        except Exception as exc:  # collect every operation's first failure, report them together
            failures.append(f"{operation.label}: {str(exc)[:2000]}")
    assert operations >= 15
    assert not failures, "\n\n".join(failures)
