from django.apps import AppConfig


class ReadersConfig(AppConfig):
    name = "marquee.readers"
    label = "readers"
    verbose_name = "Readers' ratings, diary and watchlist"
