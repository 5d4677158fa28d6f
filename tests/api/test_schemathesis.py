"""Property-based test of the whole API against its own OpenAPI schema,
over real HTTP (a live server): every GET operation, with generated valid
and invalid parameters, never answers 5xx and always answers as documented
(status code, content type, headers, body schema).

Run it alone with `pytest -m api_fuzz`, or leave it out with `-m "not api_fuzz"`.
The run: EXAMPLES_PER_OPERATION generated requests for each GET operation,
valid and invalid, deterministic (derandomized) so that CI is repeatable.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES_PER_OPERATION = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Far above what the generated requests need: this test is about answers,
# not rate limits (test_access.py covers those).
GENEROUS_RATES = {"anon": "100000/minute", "user": "100000/minute"}


@pytest.fixture
def api_schema(live_server, registry, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": GENEROUS_RATES}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES_PER_OPERATION
    )
    return schema


schema = schemathesis.pytest.from_fixture("api_schema").include(method="GET")


@pytest.mark.api_fuzz
@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    # Generated cases only: schemathesis's exhaustive "coverage" examples
    # (every enum value of every parameter) would take far longer than the
    # suite can give. No shrinking either: a failure is reported as found.
    phases=[Phase.generate],
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_schemathesis_every_get_operation_answers_as_documented_without_server_errors(case):
    case.call_and_validate(checks=CHECKS)
