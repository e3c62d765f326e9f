"""The product's settings with the benchmark's URL map: the real app plus two bare views."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.readpath.urls"
