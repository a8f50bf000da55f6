from django.urls import path

from marquee.related import views

app_name = "related"

urlpatterns = [
    path("<slug:slug>/", views.related_page, name="film"),
    path(
        "<slug:slug>/influences/<int:pk>/confirm/",
        views.influence_confirm,
        name="influence_confirm",
    ),
    path(
        "<slug:slug>/influences/<int:pk>/dismiss/",
        views.influence_dismiss,
        name="influence_dismiss",
    ),
]
