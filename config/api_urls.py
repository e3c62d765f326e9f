"""The REST API under /api/v1/: one class per operation, the same services as the pages."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from corridor.access.api import views as access_api
from corridor.accounts.api import views as accounts_api
from corridor.audit.api import views as audit_api
from corridor.core.api.docs import RedocDocsView, SwaggerDocsView
from corridor.core.api.views import ApiRootView
from corridor.people.api import views as people_api

api_patterns = [
    path("", ApiRootView.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocDocsView.as_view(url_name="api:schema"), name="redoc"),
    path("auth/token/", accounts_api.TokenObtainApi.as_view(), name="auth-token"),
    path("me/", accounts_api.MeApi.as_view(), name="me"),
    path("agreements/", access_api.AgreementListApi.as_view(), name="agreement-list"),
    path("agreements/<uuid:uuid>/", access_api.AgreementDetailApi.as_view(), name="agreement-detail"),
    path("agreements/<uuid:uuid>/status/", access_api.AgreementStatusApi.as_view(), name="agreement-status"),
    path("break-glass/", access_api.BreakGlassListApi.as_view(), name="break-glass-list"),
    path("people/", people_api.PersonListApi.as_view(), name="person-list"),
    path("people/export/", people_api.PersonExportApi.as_view(), name="person-export"),
    path("people/<uuid:uuid>/", people_api.PersonDetailApi.as_view(), name="person-detail"),
    path(
        "audit/records/<str:record_type>/<uuid:uuid>/",
        audit_api.RecordAccessApi.as_view(),
        name="record-access",
    ),
]

urlpatterns = [
    path("", include((api_patterns, "api"))),
    path("reference/", include("corridor.reference.api.urls")),
    path("statistics/", include("corridor.statistics.api.urls")),
    path("guidance/", include("corridor.guidance.api.urls")),
    path("registration/", include("corridor.registration.api.urls")),
    path("matching/", include("corridor.matching.api.urls")),
    path("exchange/", include("corridor.exchange.api.urls")),
    path("services/", include("corridor.services.api.urls")),
    path("readmission/", include("corridor.readmission.api.urls")),
    path("", include("corridor.grievances.api.urls")),
    path("", include("corridor.recruitment.hiring.api.urls")),
    path("", include("corridor.recruitment.api.urls")),
]
