"""Property-based test of the whole API against its own OpenAPI schema,
over real HTTP (a live server), in schemathesis's four phases: every GET
operation never answers 5xx and always answers as documented (status code,
content type, headers, body schema)

- with the schema's examples and the coverage phase's boundary cases
  (missing, empty, out-of-range and wrong-type values of each parameter);
- with generated valid and invalid parameters (fuzzing);
- in sequences of calls that follow the schema's links (stateful): a list
  to the detail of its first row, a project to its IATI file.

The coverage phase's valid combinations are enumerated for the operations
where they stay few; for the filtered lists they run to tens of thousands
(projects: 131,163; activities: 65,573), and fuzzing draws from them instead.

Run it alone with `pytest -m api_fuzz`, or leave it out with `-m "not api_fuzz"`.
Deterministic (derandomized), so that CI is repeatable.
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
STATEFUL_SCENARIOS = 40
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
# The lists whose filters combine into too many valid coverage cases.
FILTERED_LISTS = (
    r"^/api/v1/(projects|organisations|components|activities|events|indicators|stats)/$|activities\.xml$"
)
# Generated cases and examples only: no shrinking, a failure is reported as found.
RUN = {"deadline": None, "suppress_health_check": list(HealthCheck), "derandomize": True}


def loaded(live_server, settings, *modes):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": GENEROUS_RATES}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    schema.config.generation.update(modes=list(modes), max_examples=EXAMPLES_PER_OPERATION)
    return schema


@pytest.fixture
def api_schema(live_server, registry, settings):
    return loaded(live_server, settings, GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@pytest.fixture
def invalid_cases_schema(live_server, registry, settings):
    return loaded(live_server, settings, GenerationMode.NEGATIVE)


@pytest.fixture
def valid_cases_schema(live_server, registry, settings):
    return loaded(live_server, settings, GenerationMode.POSITIVE)


every_get = schemathesis.pytest.from_fixture("api_schema").include(method="GET")
invalid_cases = schemathesis.pytest.from_fixture("invalid_cases_schema").include(method="GET")
valid_cases = (
    schemathesis.pytest.from_fixture("valid_cases_schema")
    .include(method="GET")
    .exclude(path_regex=FILTERED_LISTS)
)


@pytest.mark.api_fuzz
@pytest.mark.django_db(transaction=True)
@invalid_cases.parametrize()
@settings(phases=[Phase.explicit], **RUN)
def test_schemathesis_examples_and_invalid_boundary_cases(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.api_fuzz
@pytest.mark.django_db(transaction=True)
@valid_cases.parametrize()
@settings(phases=[Phase.explicit], **RUN)
def test_schemathesis_examples_and_valid_boundary_cases(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.api_fuzz
@pytest.mark.django_db(transaction=True)
@every_get.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, phases=[Phase.generate], **RUN)
def test_schemathesis_every_get_operation_answers_as_documented_without_server_errors(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.api_fuzz
@pytest.mark.django_db(transaction=True)
def test_schemathesis_sequences_that_follow_the_links_answer_as_documented(api_schema):
    Machine = api_schema.as_state_machine()
    # Each of the 8 lists with records leads to them, and a project to its IATI file.
    links = [name for name in dir(Machine) if "__200__" in name]
    assert len([name for name in links if "__200__detail__" in name]) == 8
    assert any(name.endswith("__iati_xml__GET_api_v1_projects_slug_iati_xml") for name in links)

    class FollowingLinks(Machine):
        def before_call(self, case):
            # A link reads the JSON body of a list: the CSV form is fuzzed above.
            if case.query and case.query.get("format") == "csv":
                del case.query["format"]

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)

    FollowingLinks.run(settings=settings(max_examples=STATEFUL_SCENARIOS, stateful_step_count=6, **RUN))
