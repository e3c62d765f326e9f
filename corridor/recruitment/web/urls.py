from django.urls import path

from corridor.recruitment.web import office_views, public_views

app_name = "recruitment"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("agencies/", public_views.agency_search, name="public-agencies"),
    path("agencies/<str:uuid>/", public_views.agency_page, name="public-agency"),
    path("vacancies/", public_views.vacancy_search, name="public-vacancies"),
    path("vacancies/<str:uuid>/", public_views.vacancy_page, name="public-vacancy"),
    path("fees/report/", public_views.fee_report, name="fee-report"),
    path("office/agencies/", office_views.agency_list, name="agency-list"),
    path("office/agencies/new/", office_views.agency_create, name="agency-create"),
    path("office/agencies/<str:uuid>/", office_views.agency_detail, name="agency-detail"),
    path("office/vacancies/", office_views.vacancy_list, name="vacancy-list"),
    path("office/vacancies/new/", office_views.vacancy_create, name="vacancy-create"),
    path("office/vacancies/<str:uuid>/", office_views.vacancy_detail, name="vacancy-detail"),
]
