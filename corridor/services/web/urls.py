from django.urls import path

from corridor.services.web import views

app_name = "services"

urlpatterns = [
    path("", views.find_help, name="find-help"),
    path("<uuid:uuid>/", views.place_page, name="place"),
]
