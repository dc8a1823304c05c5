import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """DRF's throttles count in the cache; each test starts at zero."""
    cache.clear()
    yield
    cache.clear()
