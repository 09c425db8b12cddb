"""The load test's server: production settings, with e-mail written to files (LOAD_TEST_OUTBOX)
so that the test can follow each review's confirmation link."""

import os

from config.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("LOAD_TEST_OUTBOX", "/tmp/inscope-load-outbox")
