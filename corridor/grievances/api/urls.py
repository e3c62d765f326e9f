from django.urls import path

from corridor.grievances.api import views

app_name = "grievances-api"

urlpatterns = [
    path("public/complaints/", views.PublicComplaintCreateApi.as_view(), name="public-create"),
    path("public/complaints/follow/", views.PublicComplaintFollowApi.as_view(), name="public-follow"),
    path("recruitment/complaints/", views.ComplaintListApi.as_view(), name="list"),
    path("recruitment/complaints/<str:public_id>/", views.ComplaintDetailApi.as_view(), name="detail"),
    path("recruitment/complaints/<str:public_id>/triage/", views.ComplaintTriageApi.as_view(), name="triage"),
    path("recruitment/complaints/<str:public_id>/assign/", views.ComplaintAssignApi.as_view(), name="assign"),
    path(
        "recruitment/complaints/<str:public_id>/decision/",
        views.ComplaintDecisionApi.as_view(),
        name="decision",
    ),
]
