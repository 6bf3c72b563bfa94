"""The API tests here use the bearer-token clients of tests/api."""

from tests.api.conftest import anonymous, api_for

__all__ = ["anonymous", "api_for"]
