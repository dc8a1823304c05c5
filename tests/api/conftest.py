import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """DRF's throttles count in the cache; each test starts at zero."""
    cache.clear()
    yield
    cache.clear()


def pytest_terminal_summary(terminalreporter):
    """Say how many schemathesis cases ran, when its module ran."""
    import sys

    module = sys.modules.get("tests.api.test_schemathesis")
    if module is not None and module.CASES_RUN:
        terminalreporter.write_sep("-", "schemathesis")
        terminalreporter.write_line(
            f"{sum(module.CASES_RUN)} cases over {len(module.CASES_RUN)} operation × role pairs"
        )
