from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class MentionsConfig(AppConfig):
    name = "marquee.mentions"
    label = "mentions"
    verbose_name = "Films and people that reviews mention"

    def ready(self) -> None:
        from marquee.mentions import hooks

        hooks.connect(post_save, post_delete)
