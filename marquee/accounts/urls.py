from django.contrib.auth import views as auth_views
from django.urls import path

from marquee.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/<str:username>/", views.profile, name="profile"),
]
