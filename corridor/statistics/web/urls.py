from django.urls import path

from corridor.statistics.web import datacentre, public

app_name = "statistics"
urlpatterns = [
    path("", public.index, name="index"),
    path("indicators/", public.indicator_page, name="indicators"),
    path("mirror/", public.mirror_page, name="mirror"),
    path("structures/", datacentre.structures, name="structures"),
    path("submissions/", datacentre.submission_list, name="submission-list"),
    path("submissions/<uuid:uuid>/", datacentre.submission_detail, name="submission-detail"),
    path("submissions/<uuid:uuid>/<slug:action>/", datacentre.submission_action, name="submission-action"),
    path("templates/<str:flow_id>.xlsx", datacentre.template_download, name="template"),
    path("data/<str:flow_id>/", public.flow_page, name="flow"),
    path("data/<str:flow_id>/data.csv", public.flow_csv, name="flow-csv"),
]
