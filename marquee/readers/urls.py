"""Readers' pages under /u/<username>/, and the film page's widgets under /u/film/<slug>/.

The widget and delete URLs have three parts and readers' pages at most two, so no username can
hide one of them.
"""

from django.urls import path

from marquee.readers import views

app_name = "readers"

urlpatterns = [
    path("film/<slug:slug>/rating/", views.film_rate, name="rate"),
    path("film/<slug:slug>/diary/", views.diary_add, name="diary_add"),
    path("film/<slug:slug>/watchlist/", views.watchlist_toggle, name="watchlist_toggle"),
    path("film/<slug:slug>/like/", views.like_toggle, name="like_toggle"),
    path("diary/<int:pk>/delete/", views.diary_delete, name="diary_delete"),
    path("<str:username>/", views.profile, name="profile"),
    path("<str:username>/diary/", views.diary, name="diary"),
    path("<str:username>/ratings/", views.ratings, name="ratings"),
    path("<str:username>/watchlist/", views.watchlist, name="watchlist"),
    path("<str:username>/stats/", views.stats, name="stats"),
]
