from django.urls import path

from corridor.statistics.api import views

app_name = "statistics-api"
urlpatterns = [
    path("submissions/", views.SubmissionListApi.as_view(), name="submission-list"),
    path("submissions/<uuid:uuid>/", views.SubmissionDetailApi.as_view(), name="submission-detail"),
    path(
        "submissions/<uuid:uuid>/<slug:action>/",
        views.SubmissionActionApi.as_view(),
        name="submission-action",
    ),
    path("data/<str:flow_id>/", views.PublicDataApi.as_view(), name="data"),
]
