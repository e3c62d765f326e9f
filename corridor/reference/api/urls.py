from django.urls import path

from corridor.reference.api import views

app_name = "reference-api"
urlpatterns = [
    path("countries/", views.CountryListApi.as_view(), name="country-list"),
    path("countries/<str:iso3>/", views.CountryDetailApi.as_view(), name="country-detail"),
    path("occupations/", views.OccupationListApi.as_view(), name="occupation-list"),
    path("languages/", views.LanguageListApi.as_view(), name="language-list"),
    path("calendar/solar-hijri/", views.SolarHijriConversionApi.as_view(), name="solar-hijri"),
]
