from django.urls import path

from corridor.services.api import views

app_name = "services-api"

urlpatterns = [
    path("", views.RootApi.as_view(), name="root"),
    path("services/", views.ServiceListApi.as_view(), name="service-list"),
    path("services/<str:public_id>/", views.ServiceDetailApi.as_view(), name="service-detail"),
    path("services/<str:public_id>/verify/", views.ServiceVerifyApi.as_view(), name="service-verify"),
    path("services/<str:public_id>/capacity/", views.ServiceCapacityApi.as_view(), name="service-capacity"),
    path("organizations/", views.OrganizationListApi.as_view(), name="organization-list"),
    path("organizations/<str:public_id>/", views.OrganizationDetailApi.as_view(), name="organization-detail"),
    path("locations/", views.LocationListApi.as_view(), name="location-list"),
    path("locations/<str:public_id>/", views.LocationDetailApi.as_view(), name="location-detail"),
    path("service_at_locations/", views.PlaceListApi.as_view(), name="place-list"),
    path("service_at_locations/<str:public_id>/", views.PlaceDetailApi.as_view(), name="place-detail"),
    path("taxonomy_terms/", views.TaxonomyTermListApi.as_view(), name="taxonomy-term-list"),
]
