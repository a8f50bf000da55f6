from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "marquee.journal"
    label = "journal"
