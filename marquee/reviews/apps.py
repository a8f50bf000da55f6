from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "marquee.reviews"
    label = "reviews"
