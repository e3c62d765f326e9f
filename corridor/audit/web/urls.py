from django.urls import path

from corridor.audit.web import views

app_name = "audit"

urlpatterns = [
    path("", views.state_log, name="state-log"),
    path("records/<str:record_type>/<uuid:uuid>/", views.record_access, name="record-access"),
]
