from django.urls import path

from corridor.statistics.sdmx import views

app_name = "sdmx"
urlpatterns = [
    path("2/data/dataflow/<str:agency>/<str:flow_id>/<str:version>/", views.data, name="data-all"),
    path("2/data/dataflow/<str:agency>/<str:flow_id>/<str:version>/<str:key>", views.data, name="data"),
    path("2/structure/<str:kind>/<str:agency>/<str:artefact_id>/", views.structure, name="structure-latest"),
    path(
        "2/structure/<str:kind>/<str:agency>/<str:artefact_id>/<str:version>",
        views.structure,
        name="structure",
    ),
]
