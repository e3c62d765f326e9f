"""The installable web app: its manifest and the service worker, served from the site root scope.

The worker script lives under the language prefix (``/<lang>/sw.js``) like every page, and
``Service-Worker-Allowed: /`` lets it control the whole site, so a guide opened in any
language stays readable offline.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

SERVICE_WORKER = """// Corridor offline reader: keeps the guide pages a person opened, and the style sheets.
const CACHE = "corridor-guides-v1";
const PRECACHE = %(precache)s;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

function keep(request) {
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  return /\\/corridors\\/[A-Z]{3}-[A-Z]{3}\\/guide\\/$/.test(url.pathname) || url.pathname.endsWith(".css");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !keep(request)) return;
  // Network first, so that a published correction reaches the reader; the cache when offline.
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request))
  );
});
"""


@cache_control(max_age=0, no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    precache = [static("corridor/corridor.css"), static("guidance/guidance.css")]
    body = SERVICE_WORKER % {"precache": json.dumps(precache)}
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "name": _("Corridor: rules and guides for migrant workers"),
        "short_name": "Corridor",
        "start_url": reverse("guidance:corridors"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "lang": request.LANGUAGE_CODE,
        "icons": [{"src": static("guidance/icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")
