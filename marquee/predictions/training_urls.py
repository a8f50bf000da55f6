"""The staff's page of the recommendation models, at /staff/models/."""

from django.urls import path

from marquee.predictions import views

app_name = "training"

urlpatterns = [
    path("", views.training, name="models"),
    path("status/", views.training_status, name="status"),
]
