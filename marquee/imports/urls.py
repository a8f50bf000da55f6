from django.urls import path

from marquee.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_start, name="start"),
    path("<int:pk>/", views.import_job, name="job"),
    path("<int:pk>/status/", views.import_job_status, name="status"),
]
