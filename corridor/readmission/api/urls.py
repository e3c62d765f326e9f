from django.urls import path

from corridor.readmission.api import views

app_name = "readmission-api"

urlpatterns = [
    path("agreements/", views.AgreementListApi.as_view(), name="agreement-list"),
    path("cases/", views.CaseListApi.as_view(), name="case-list"),
    path("cases/<str:reference>/", views.CaseDetailApi.as_view(), name="case-detail"),
    path("cases/<str:reference>/actions/", views.CaseActionApi.as_view(), name="case-actions"),
]
