from django.urls import path

from marquee.comments import views

app_name = "comments"

urlpatterns = [
    path("on/<slug:slug>/", views.comment_post, name="post"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("<int:pk>/moderate/", views.comment_moderate, name="moderate"),
]
