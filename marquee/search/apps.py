from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "marquee.search"
    label = "search"
    verbose_name = "Search"
