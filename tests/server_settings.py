"""Settings for an app server a test starts in a subprocess (gunicorn): production settings,
except that static files are served from the apps' folders, so no collectstatic is needed."""

from config.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
