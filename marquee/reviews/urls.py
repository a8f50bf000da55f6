from django.urls import path

from marquee.reviews import text_views, views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("write/", views.review_write, name="write"),
    path("mine/", views.my_reviews, name="mine"),
    path("paste/", text_views.review_paste, name="paste"),
    path("<slug:slug>/", views.review_detail, name="detail"),
    path("<slug:slug>/text/", text_views.review_text, name="text"),
    path("<slug:slug>/edit/", views.review_edit, name="edit"),
    path("<slug:slug>/publish/", views.review_publish, name="publish"),
    path("<slug:slug>/unpublish/", views.review_unpublish, name="unpublish"),
    path("<slug:slug>/history/", views.review_history, name="history"),
]
