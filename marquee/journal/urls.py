from django.urls import path

from marquee.journal import feeds, views

app_name = "journal"

urlpatterns = [
    path("", views.home, name="home"),
    path("verdicts/<slug:slug>/", views.verdict_archive, name="verdict"),
    path("years/<int:year>/", views.year_archive, name="year"),
    path("genres/<slug:slug>/", views.genre_archive, name="genre"),
    path("directors/<slug:slug>/", views.director_archive, name="director"),
    path("feed/", feeds.LatestReviewsFeed(), name="feed"),
    path("feed/<slug:slug>/", feeds.VerdictFeed(), name="verdict_feed"),
    path("healthz", views.health, name="health"),
]
