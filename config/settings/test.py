"""Test settings: fast hashing, in-memory email and cache, tasks eager unless a test says otherwise."""

import tempfile

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Every test runs tasks in-process; the one test that drives a real worker
# switches this off for itself (tests/core/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = tempfile.mkdtemp(prefix="ilteo-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="ilteo-private-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "core.storage.PrivateStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A replica alias that mirrors the test database, for the router's tests
# (tests/core/test_replicas.py), which list it in DATABASE_REPLICAS for themselves.
DATABASES["replica_1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
SEARCH_BACKEND = "database"
# Tests never write to a cluster named in the environment; the search contract suite reads
# ELASTICSEARCH_URL itself and points its own fixtures at it (docs/search.md).
ELASTICSEARCH_URL = ""
CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
# Static files come from the finders in tests; no collectstatic directory to warn about.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
