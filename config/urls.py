from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from corridor.core import views as core_views
from corridor.crypto.web import views as crypto_views
from corridor.exchange.api import node as exchange_node

handler400 = "corridor.core.views.bad_request"
handler403 = "corridor.core.views.permission_denied"
handler404 = "corridor.core.views.page_not_found"
handler500 = "corridor.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path(".well-known/jwks.json", crypto_views.node_key_set, name="node-key-set"),
    path("node/v1/messages", exchange_node.receive, name="exchange-node-receive"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api_urls")),
    path("sdmx/", include("corridor.statistics.sdmx.urls")),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("corridor.accounts.web.urls")),
    path("access/", include("corridor.access.web.urls")),
    path("audit/", include("corridor.audit.web.urls")),
    path("people/", include("corridor.people.web.urls")),
    path("reference/", include("corridor.reference.web.urls")),
    path("statistics/", include("corridor.statistics.web.urls")),
    path("registration/", include("corridor.registration.web.urls")),
    path("recruitment/complaints/", include("corridor.grievances.web.urls")),
    path("recruitment/hiring/", include("corridor.recruitment.hiring.web.urls")),
    path("recruitment/", include("corridor.recruitment.web.urls")),
    path("matching/", include("corridor.matching.web.urls")),
    path("messages/", include("corridor.exchange.web.urls")),
    path("find-help/", include("corridor.services.web.urls")),
    path("readmission/", include("corridor.readmission.web.urls")),
    path("", include("corridor.guidance.web.urls")),
    path("", include("corridor.portal.web.urls")),
    prefix_default_language=True,
)
