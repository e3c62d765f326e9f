from django.urls import path

from corridor.matching.api import views

app_name = "matching-api"

urlpatterns = [
    path("jobs/", views.JobListApi.as_view(), name="job-list"),
    path("jobs/new/", views.JobCreateApi.as_view(), name="job-create"),
    path("jobs/<uuid:uuid>/", views.JobDetailApi.as_view(), name="job-detail"),
    path("jobs/<uuid:uuid>/candidates/", views.JobCandidatesApi.as_view(), name="job-candidates"),
    path("candidates/<uuid:uuid>/", views.CandidateDetailApi.as_view(), name="candidate-detail"),
    path("candidates/<uuid:uuid>/decisions/", views.CandidateReviewApi.as_view(), name="candidate-review"),
    path("labels/", views.LabelListApi.as_view(), name="label-list"),
]
