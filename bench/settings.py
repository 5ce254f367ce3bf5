"""Production settings plus the benchmark's reference views (a bare view, a bare wizard).

Everything else is `portal.settings` as deployed: DEBUG off, database sessions, Redis cache.
"""

from portal.settings import *  # noqa: F403
from portal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
