from django.urls import path

from corridor.reference.web import views

app_name = "reference"
urlpatterns = [
    path("countries/", views.country_list, name="countries"),
]
