from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "marquee.comments"
    label = "comments"
