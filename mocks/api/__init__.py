"""The mock vets-api (ASGI): `create_app(MockConfig(...))`."""

from mocks.api.app import MockConfig, create_app

__all__ = ["MockConfig", "create_app"]
