from django.urls import path

from corridor.recruitment.hiring.web import views

app_name = "hiring"

urlpatterns = [
    path("apply/<str:uuid>/", views.apply, name="apply"),
    path("status/", views.status, name="status"),
    path("contracts/verify/", views.verify, name="verify"),
    path("office/applications/", views.application_list, name="application-list"),
    path("office/applications/<str:uuid>/", views.application_detail, name="application-detail"),
    path("office/contracts/<str:uuid>/", views.contract_page, name="contract"),
    path("office/contracts/<str:uuid>/canonical.txt", views.contract_canonical, name="contract-canonical"),
]
