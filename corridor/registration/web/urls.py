from django.urls import path

from corridor.registration.web import officer_views as officer
from corridor.registration.web import public_views as public

app_name = "registration"

urlpatterns = [
    # Public: self-registration and the person's own pages (a signed link, no account).
    path("", public.start, name="start"),
    path("verify/<str:token>/", public.verify, name="verify"),
    path("my/<str:token>/", public.mine, name="mine"),
    path("my/<str:token>/edit/", public.mine_edit, name="mine-edit"),
    path("my/<str:token>/consent/", public.mine_consent, name="mine-consent"),
    path("my/<str:token>/new-link/", public.mine_new_link, name="mine-new-link"),
    # Consular officers of the owner state.
    path("officer/", officer.registration_list, name="list"),
    # Officers of a destination state: aggregates of other states' citizens only.
    path("aggregates/", officer.aggregates, name="aggregates"),
    path("officer/new/", officer.registration_create, name="create"),
    path("officer/export.csv", officer.export, name="export"),
    path("officer/duplicates/", officer.duplicates, name="duplicates"),
    path("officer/duplicates/merge/", officer.merge, name="merge"),
    path("officer/<uuid:uuid>/", officer.registration_detail, name="detail"),
    path("officer/<uuid:uuid>/edit/", officer.registration_edit, name="edit"),
    path("officer/<uuid:uuid>/status/", officer.registration_status, name="status"),
]
