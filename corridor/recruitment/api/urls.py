from django.urls import path

from corridor.recruitment.api import compliance_views, views

app_name = "recruitment-api"

urlpatterns = [
    path("public/agencies/", views.PublicAgencyListApi.as_view(), name="public-agency-list"),
    path(
        "public/agencies/<str:public_id>/", views.PublicAgencyDetailApi.as_view(), name="public-agency-detail"
    ),
    path("public/vacancies/", views.PublicVacancyListApi.as_view(), name="public-vacancy-list"),
    path(
        "public/vacancies/feed.json",
        compliance_views.PublicVacancyJsonFeedApi.as_view(),
        name="public-vacancy-feed",
    ),
    path(
        "public/vacancies/<str:public_id>/",
        views.PublicVacancyCheckApi.as_view(),
        name="public-vacancy-check",
    ),
    path("public/fees/", views.PublicFeeReportApi.as_view(), name="public-fee-report"),
    path("recruitment/agencies/", views.AgencyListApi.as_view(), name="agency-list"),
    path(
        "recruitment/agencies/<str:public_id>/licence/",
        views.LicenceDecisionApi.as_view(),
        name="licence-decision",
    ),
    path("recruitment/employers/", compliance_views.EmployerListApi.as_view(), name="employer-list"),
    path(
        "recruitment/agencies/<str:public_id>/certification/",
        compliance_views.CertificationApi.as_view(),
        name="certification",
    ),
    path(
        "recruitment/agencies/<str:public_id>/inspections/",
        compliance_views.InspectionListApi.as_view(),
        name="inspection-list",
    ),
    path(
        "recruitment/agencies/<str:public_id>/sanctions/",
        compliance_views.SanctionApi.as_view(),
        name="sanction-create",
    ),
    path(
        "recruitment/findings/<str:public_id>/resolve/",
        compliance_views.FindingResolveApi.as_view(),
        name="finding-resolve",
    ),
    path("recruitment/vacancies/", views.VacancyListApi.as_view(), name="vacancy-list"),
    path("recruitment/vacancies/<str:public_id>/", views.VacancyDetailApi.as_view(), name="vacancy-detail"),
    path(
        "recruitment/vacancies/<str:public_id>/decision/",
        views.VacancyDecisionApi.as_view(),
        name="vacancy-decision",
    ),
]
