from django.urls import path

from corridor.guidance.web.views import calculator, corridors, guides, offline, profiles

app_name = "guidance"

urlpatterns = [
    path("sw.js", offline.service_worker, name="service-worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("tools/stay/", calculator.stay_calculator, name="stay-calculator"),
    path("corridors/", corridors.corridor_index, name="corridors"),
    path("corridors/go/", corridors.corridor_go, name="corridor-go"),
    path("corridors/<str:corridor>/", corridors.corridor_detail, name="corridor"),
    path("corridors/<str:corridor>/history/", corridors.rule_history, name="rule-history"),
    path("corridors/<str:corridor>/edit/", corridors.rule_edit, name="rule-edit"),
    path("corridors/<str:corridor>/guide/", guides.guide_detail, name="guide"),
    path("corridors/<str:corridor>/guide/edit/", guides.guide_edit, name="guide-edit"),
    path("corridors/<str:corridor>/guide/versions/", guides.guide_versions, name="guide-versions"),
    path(
        "corridors/<str:corridor>/guide/versions/<uuid:uuid>/publish/",
        guides.guide_version_publish,
        name="guide-publish",
    ),
    path("consulates/", profiles.consulates, name="consulates"),
    path("profiles/", profiles.profile_list, name="profiles"),
    path("profiles/compare/", profiles.profile_compare, name="profile-compare"),
    path("profiles/<str:iso3>/", profiles.profile_detail, name="profile"),
    path("profiles/<str:iso3>/edit/", profiles.profile_edit, name="profile-edit"),
]
