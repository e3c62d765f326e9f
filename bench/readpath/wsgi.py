"""gunicorn entry point for the read-path benchmark (the product's WSGI app, bench URL map)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.readpath.settings"
application = get_wsgi_application()
