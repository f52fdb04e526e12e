"""mocks/openapi.yaml agrees with the mock: schemathesis with all its checks, bounded and deterministic.

Every operation (vets-api's and the mock's control plane) gets its examples, schemathesis' coverage cases
(boundaries, missing and wrong values, undeclared methods) and a few generated ones, derandomized; each
case runs against a fresh app in-process (ASGI), so no case sees another's state.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig
from starlette.applications import Starlette

from mocks.api import create_app
from mocks.server import build_config

# What no schema can state: a well-formed draft or message to a care team the patient does not have
# (SM119), a draft id that is not theirs (SM128), a contact-list change for a team that is not theirs
# (vets-api answers 422, 400 for the contact list), and a multipart send's `message` part, a string that
# must hold the JSON of ComposeBody (400 when it does not); on the control plane, a profile name that is
# not one of fixtures/profiles.py (422; the list lives there only); and the RUM intake's body, a string
# that must hold newline-separated RUM events as Datadog's SDK writes them (400 when it does not). Every
# other rejection is a schema one.
BUSINESS_RULES = {
    "operations": [
        {
            "include-path-regex": "/messaging/message_drafts",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", "404", "422"]}},
        },
        {
            "include-path": "/my_health/v1/messaging/messages",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", "400", "404", "422"]}},
        },
        {
            "include-path-regex": "^/_mock/sessions(/\\{session_id\\}/profile)?$",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", "404", "422"]}},
        },
        {
            "include-path": "/my_health/v1/messaging/preferences/recipients",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", "400"]}},
        },
        {
            "include-path": "/rum-intake",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", "400"]}},
        },
    ]
}


def fresh_app() -> Starlette:
    return create_app(build_config("mixed", seed=7))


schema = schemathesis.openapi.from_asgi(
    "/_mock/openapi.yaml", fresh_app(), config=SchemathesisConfig.from_dict(BUSINESS_RULES)
)


@schema.parametrize()
@settings(
    max_examples=5,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # a failure is reported as found, without shrinking
    suppress_health_check=list(HealthCheck),
)
def test_the_mock_answers_as_its_openapi_document_says(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(app=fresh_app())
