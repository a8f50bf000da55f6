"""Taste under /taste/: onboarding, taste tests and their public links, comparing readers."""

from django.urls import path

from marquee.taste import views

app_name = "taste"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("tests/", views.taste_tests, name="tests"),
    path("tests/<int:pk>/", views.taste_test_detail, name="test_detail"),
    path("tests/<int:pk>/revoke/", views.taste_test_revoke, name="test_revoke"),
    path("t/<slug:token>/", views.taste_test, name="test"),
    path("t/<slug:token>/result/", views.taste_test_result, name="test_result"),
    path("t/<slug:token>/share/", views.taste_test_share, name="test_share"),
    path("compare/<str:username>/", views.compare, name="compare"),
    path("privacy/", views.privacy, name="privacy"),
]
