from django.urls import path

from marquee.catalog import views

app_name = "catalog"

urlpatterns = [
    path("films/", views.film_list, name="films"),
    path("films/<slug:slug>/", views.film_detail, name="film"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
