from django.urls import path

from marquee.mentions import views

app_name = "mentions"

urlpatterns = [
    path("review/<slug:slug>/", views.review_mentions, name="review"),
    path("<int:pk>/confirm/", views.mention_confirm, name="confirm"),
    path("<int:pk>/reject/", views.mention_reject, name="reject"),
]
