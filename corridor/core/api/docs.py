"""The API's documentation pages under the Content-Security-Policy: no inline script or style.

drf-spectacular's own templates start Swagger UI with an inline script and style, and Redoc with
an inline script and web fonts from Google: the policy (``script-src 'self'``, ``style-src
'self'``) blocks them and the pages stay blank. These views serve the same UIs from the sidecar's
local copies with their start-up code in static files (``corridor/api/*.js``). Redoc writes its
styles at run time (styled-components); it is given a per-response nonce that only its page
allows, never ``'unsafe-inline'``.
"""

from __future__ import annotations

from csp.constants import NONCE
from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView


class SwaggerDocsView(SpectacularSwaggerView):
    template_name = "core/api/swagger.html"


# Redoc's page only: its run-time style sheets carry the nonce; two style attributes it writes are
# allowed by their hashes (the empty one and a scrollbar's reset); its search runs in a worker
# it builds from a blob.
REDOC_POLICY = {
    "style-src": [
        NONCE,
        "'unsafe-hashes'",
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
        "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
    ],
    "worker-src": ["'self'", "blob:"],
}


@method_decorator(csp_update(REDOC_POLICY), name="get")
class RedocDocsView(SpectacularRedocView):
    template_name = "core/api/redoc.html"
