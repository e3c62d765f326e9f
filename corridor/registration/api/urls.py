from django.urls import path

from corridor.registration.api import views

app_name = "registration-api"

urlpatterns = [
    path("", views.RegistrationListApi.as_view(), name="list"),
    path("new/", views.RegistrationCreateApi.as_view(), name="create"),
    path("export/", views.RegistrationExportApi.as_view(), name="export"),
    path("aggregates/", views.RegistrationAggregatesApi.as_view(), name="aggregates"),
    path("self/", views.SelfStartApi.as_view(), name="self-start"),
    path("self/verify/", views.SelfVerifyApi.as_view(), name="self-verify"),
    path("<uuid:uuid>/", views.RegistrationDetailApi.as_view(), name="detail"),
    path("<uuid:uuid>/status/", views.RegistrationStatusApi.as_view(), name="status"),
]
