from django.urls import path

from corridor.matching.web import views

app_name = "matching"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("run/", views.job_run, name="job_run"),
    path("jobs/<uuid:uuid>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:uuid>/status/", views.job_status, name="job_status"),
    path("candidates/<uuid:uuid>/", views.candidate_detail, name="candidate_detail"),
]
