"""Root conftest: fixtures defined in their own modules under tests/."""

pytest_plugins = ["tests.fixture_demo", "tests.fixture_browser"]
