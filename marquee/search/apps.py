"""Search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "marquee.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from marquee.search import signals  # noqa: F401  (connects the index updates)
