from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from core import searching

        from . import registry, service, signals

        # Each app's search_indexes.py says what to index; apps never import search.
        registry.autodiscover()
        signals.connect()
        # The job list (and any app left of search) matches text through the same index.
        searching.register(service.filter_matching)
