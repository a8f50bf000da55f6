from django.apps import AppConfig


class PredictionsConfig(AppConfig):
    name = "marquee.predictions"
    label = "predictions"
    verbose_name = "Should you watch it? predictions"
