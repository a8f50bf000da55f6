from django.apps import AppConfig


class MentionsConfig(AppConfig):
    name = "marquee.mentions"
    label = "mentions"
    verbose_name = "Films and people that reviews mention"
