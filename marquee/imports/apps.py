from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "marquee.imports"
    label = "imports"
