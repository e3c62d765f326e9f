from django.urls import path

from corridor.recruitment.hiring.api import views

app_name = "hiring-api"

urlpatterns = [
    path("public/applications/", views.PublicApplyApi.as_view(), name="public-apply"),
    path(
        "public/applications/<str:reference>/",
        views.PublicApplicationStatusApi.as_view(),
        name="public-status",
    ),
    path("public/contracts/verify/", views.PublicContractVerifyApi.as_view(), name="public-contract-verify"),
    path("recruitment/applications/", views.ApplicationListApi.as_view(), name="application-list"),
    path(
        "recruitment/applications/<str:public_id>/",
        views.ApplicationDetailApi.as_view(),
        name="application-detail",
    ),
    path(
        "recruitment/applications/<str:public_id>/decision/",
        views.ApplicationDecisionApi.as_view(),
        name="application-decision",
    ),
    path(
        "recruitment/applications/<str:public_id>/contract/",
        views.ContractGenerateApi.as_view(),
        name="contract-generate",
    ),
    path("recruitment/contracts/<str:public_id>/", views.ContractDetailApi.as_view(), name="contract-detail"),
    path(
        "recruitment/contracts/<str:public_id>/signed/",
        views.ContractSignedApi.as_view(),
        name="contract-signed",
    ),
]
