from django.urls import path

from corridor.recruitment.web import compliance_views, office_views, public_views

app_name = "recruitment"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("verify/", public_views.verify, name="verify"),
    path("agencies/", public_views.agency_search, name="public-agencies"),
    path("agencies/<str:uuid>/", public_views.agency_page, name="public-agency"),
    path("vacancies/", public_views.vacancy_search, name="public-vacancies"),
    path("vacancies/feed.rss", compliance_views.VacancyRssFeed(), name="vacancy-feed"),
    path("vacancies/<str:uuid>/", public_views.vacancy_page, name="public-vacancy"),
    path("fees/report/", public_views.fee_report, name="fee-report"),
    path("office/agencies/", office_views.agency_list, name="agency-list"),
    path("office/agencies/new/", office_views.agency_create, name="agency-create"),
    path("office/agencies/<str:uuid>/", office_views.agency_detail, name="agency-detail"),
    path(
        "office/agencies/<str:uuid>/certification/",
        compliance_views.certification_page,
        name="certification",
    ),
    path("office/agencies/<str:uuid>/inspections/", compliance_views.inspection_page, name="inspections"),
    path("office/agencies/<str:uuid>/sanctions/", compliance_views.sanction_page, name="sanctions"),
    path("office/findings/<str:uuid>/resolve/", compliance_views.finding_resolve, name="finding-resolve"),
    path("office/employers/", compliance_views.employer_list, name="employer-list"),
    path("office/vacancies/", office_views.vacancy_list, name="vacancy-list"),
    path("office/vacancies/new/", office_views.vacancy_create, name="vacancy-create"),
    path("office/vacancies/<str:uuid>/", office_views.vacancy_detail, name="vacancy-detail"),
]
