from django.urls import path

from corridor.people.web import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("export.csv", views.person_export, name="export"),
    path("<uuid:uuid>/", views.person_detail, name="detail"),
]
