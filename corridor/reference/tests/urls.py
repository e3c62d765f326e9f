"""The reference module's URLs alone, mounted where the project mounts them."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/reference/", include("corridor.reference.api.urls")),
    path("reference/", include("corridor.reference.web.urls")),
]
