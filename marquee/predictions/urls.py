from django.urls import path

from marquee.predictions import views

app_name = "predictions"

urlpatterns = [
    path("", views.for_you, name="for_you"),
    path("hide/<slug:slug>/", views.hide, name="hide"),
]
