"""Settings for the page-load harness: production-like (DEBUG off, compiled templates, no
debug toolbar), served over plain HTTP on 127.0.0.1, with each response's SQL count in a
header the load tool reads. Never used to serve people."""

from config.settings.base import *  # noqa: F403
from config.settings.base import MIDDLEWARE

DEBUG = False
# bench_pages passes its own key, so the sessions it creates for signed-in clients hold.
SECRET_KEY = env("SECRET_KEY", default="bench-only-not-a-secret-0123456789abcdefghijklmnop")  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
MIDDLEWARE = ["perf.middleware.QueryCountMiddleware", *MIDDLEWARE]
# Rate limits would turn a load test into a test of the rate limiter.
RATELIMIT_ENABLE = False
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
