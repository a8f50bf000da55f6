from django.apps import AppConfig


class TasteConfig(AppConfig):
    name = "marquee.taste"
    label = "taste"
    verbose_name = "Taste tests and compatibility"
