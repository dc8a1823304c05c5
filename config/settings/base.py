"""Settings shared by every environment, read from the environment (see .env.example)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file beside manage.py is read when present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-3f9a1c")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where the site lives, for links in emails, QR codes and calendar feeds.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env("SITE_NAME", default="일터잇다")
# Video rooms for interviews and consultations: {token} becomes an unguessable room name.
VIDEO_ROOM_URL_TEMPLATE = env(
    "VIDEO_ROOM_URL_TEMPLATE", default="https://meet.jit.si/ilteo-{token}"
)

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------

INSTALLED_APPS = [
    # daphne first: its runserver serves HTTP and WebSockets (fair queues and chat) over ASGI
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "django.contrib.postgres",
    # third party
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.kakao",
    "allauth.socialaccount.providers.naver",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "channels",
    # ours, in dependency order (see docs/architecture.md)
    "core",
    "accounts",
    "skills",
    "consulting",
    "courses",
    "jobs",
    "fairs",
    # reports before search: seed_demo runs search's demo (the index rebuild) after every
    # other app's, the outcome history included
    "reports",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.replicas.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.RejectInvalidCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "accounts.middleware.RequireStaffMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
SITE_ID = 1

# Textareas count their limit instead of cutting a paste (core/forms.py).
FORM_RENDERER = "core.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Data: database, cache, files
# ---------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and an eager task write side by side.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )

# Read replicas (docs/scaling.md): one alias per URL, reads of safe requests routed there
# by core.replicas, writes and read-your-writes on the primary.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    DATABASE_REPLICAS.append(f"replica_{_number}")
    DATABASES[f"replica_{_number}"] = {
        **env.db_url_config(_url),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "ATOMIC_REQUESTS": False,
        "TEST": {"MIRROR": "default"},
    }
# After a client writes, its reads stay on the primary this long (longer than replication lag).
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=5)
DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache shared by every process (rate limits must hold across web workers):
# Redis in production, a file cache in the zero-configuration local run.
CACHES = {
    "default": env.cache("CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'cache'}"),
}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Files only served through views that check access (résumés, certificates).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "core.storage.PrivateStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Requests: form posts and JSON bodies are capped; uploads have their own limits.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# ---------------------------------------------------------------------------
# Accounts and authentication
# ---------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# allauth's own rate limits (login failures, signup, password reset, …) use the
# shared cache above, so they hold across every web process. Failed sign-ins are counted
# per address and per account; a browser that signed in to the account before counts
# apart, and the owner can always sign in by a code sent to their email
# (accounts.login_limits, docs/security.md).
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/5m/ip,5/5m/key",
    "login_failed_device": "10/5m/key",
    # No limit on every sign-in POST per address (allauth's default 30/m/ip): failures are
    # what is counted, and such a limit would let one attacker lock out everyone behind the
    # same address (an office, the center's own network).
    "login": None,
    "request_login_code": "20/m/ip,3/m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Behind N reverse proxies, the client IP is the Nth address from the right of
# X-Forwarded-For; with 0 the socket address is used.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False


def _social_providers() -> dict:
    """Kakao, Naver and Google appear on the login page only when their keys are set."""
    providers: dict = {}
    for name, extra in (
        ("google", {"SCOPE": ["profile", "email"]}),
        ("kakao", {}),
        ("naver", {}),
    ):
        client_id = env(f"{name.upper()}_CLIENT_ID", default="")
        secret = env(f"{name.upper()}_CLIENT_SECRET", default="")
        if client_id and secret:
            providers[name] = {**extra, "APPS": [{"client_id": client_id, "secret": secret}]}
    return providers


SOCIALACCOUNT_PROVIDERS = _social_providers()

# Staff invitations (counselors and center operators) expire after this many days.
INVITATION_TTL_DAYS = env.int("INVITATION_TTL_DAYS", default=7)
# Personal API tokens of staff and admins (who must use TOTP) stop working this many
# hours after they were made; other people's tokens last until revoked.
STAFF_API_TOKEN_HOURS = env.int("STAFF_API_TOKEN_HOURS", default=8)

# ---------------------------------------------------------------------------
# Internationalization: Korean first, English available
# ---------------------------------------------------------------------------

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "ilteo_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <no-reply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Where people report an accessibility barrier (shown on /accessibility/ beside the centers' phones).
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", default="")
EMAIL_TIMEOUT = 20

# ---------------------------------------------------------------------------
# Celery: Redis in production and CI; eager (in-process) when no broker is set.
# ---------------------------------------------------------------------------

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_RESULT_EXPIRES = 3600
# One queue for everything, or one per kind of work (email, pdf, search, matching) that
# separate workers consume (config/queues.py, docs/scaling.md).
if env.bool("CELERY_SPLIT_QUEUES", default=False):
    from config.queues import task_routes

    CELERY_TASK_ROUTES = task_routes()
CELERY_BEAT_SCHEDULE = {
    "accounts.purge-expired-invitations": {
        "task": "accounts.tasks.purge_expired_invitations",
        "schedule": 60 * 60 * 6,
    },
    "core.clear-expired-sessions": {
        "task": "core.tasks.clear_expired_sessions",
        "schedule": 60 * 60 * 24,
    },
    "courses.expire-offers": {
        "task": "courses.tasks.expire_offers",
        "schedule": 60 * 5,
    },
    "consulting.send-reminders": {
        "task": "consulting.tasks.send_reminders",
        "schedule": 60 * 5,
    },
}
# Completion of runs whose end date has passed (idempotent, so hourly is harmless).
CELERY_BEAT_SCHEDULE["reports.send-follow-ups"] = {
    "task": "reports.tasks.send_follow_ups",
    "schedule": 60 * 60 * 6,
}
# The outcome summaries follow every change through a task; this rebuild repairs the rest.
CELERY_BEAT_SCHEDULE["reports.rebuild-summaries"] = {
    "task": "reports.tasks.rebuild_summaries",
    "schedule": 60 * 60 * 24,
}
CELERY_BEAT_SCHEDULE["courses.evaluate-ended-runs"] = {
    "task": "courses.tasks.evaluate_ended_runs",
    "schedule": 60 * 60,
}

# ---------------------------------------------------------------------------
# Consulting
# ---------------------------------------------------------------------------

# A person may reschedule or cancel a consultation until this many hours before it starts.
CONSULTING_CANCEL_CUTOFF_HOURS = env.int("CONSULTING_CANCEL_CUTOFF_HOURS", default=24)

# ---------------------------------------------------------------------------
# Courses
# ---------------------------------------------------------------------------

# A seat offered to the head of a waitlist is held this long before it passes on.
COURSE_OFFER_HOURS = 48

# ---------------------------------------------------------------------------
# Search: Elasticsearch when configured, the database backend otherwise.
# ---------------------------------------------------------------------------

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "database"
# Seconds a search waits for the cluster before answering from the database (at most 2).
ELASTICSEARCH_TIMEOUT = min(env.float("ELASTICSEARCH_TIMEOUT", default=1.5), 2.0)
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="ilteo")
# Drift between the data and the indexes is repaired hourly; course documents (seats,
# enrollment windows) change with time and are refreshed as often.
CELERY_BEAT_SCHEDULE["search.reconcile"] = {
    "task": "search.tasks.reconcile_all",
    "schedule": 60 * 60,
}
CELERY_BEAT_SCHEDULE["search.refresh-courses"] = {
    "task": "search.tasks.refresh_kind",
    "schedule": 60 * 60,
    "args": ("courses",),
}

# ---------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/min"),
        "user": env("API_THROTTLE_USER", default="600/min"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Largest JSON body the API accepts; bigger ones get 413.
API_MAX_JSON_BYTES = env.int("API_MAX_JSON_BYTES", default=1_048_576)
# Deeper JSON is refused with 400: no operation takes more than a few levels.
API_MAX_JSON_DEPTH = 20

SPECTACULAR_SETTINGS = {
    "TITLE": "일터잇다 API",
    "DESCRIPTION": (
        "Training, verified skills, consulting, jobs and job fairs for regional industry "
        "support centers. Authenticate with `Authorization: Bearer <token>` (create a token "
        "in account settings) or the browser session."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Every operation's error answers (core.api.errors' shape) are documented in one place.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.add_error_responses",
    ],
}
# Distinct OpenAPI enum names for the statuses (several models have a "status" field).
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "CourseRunStatusEnum": "courses.models.CourseRun.Status",
        "EnrollmentStatusEnum": "courses.models.Enrollment.Status",
        "ApplicationStatusEnum": "jobs.models.Application.Status",
        "InterviewStatusEnum": "jobs.models.Interview.Status",
        "InterviewModeEnum": "jobs.models.Interview.Mode",
        "OfferStatusEnum": "jobs.models.Offer.Status",
        "MessageSideEnum": "jobs.models.messages.Side",
        "FairStatusEnum": "fairs.models.Fair.Status",
        "BoothStatusEnum": "fairs.models.Booth.Status",
        "QueueEntryStatusEnum": "fairs.models.QueueEntry.Status",
        "ConversationStatusEnum": "fairs.models.Conversation.Status",
        "FairInterviewStatusEnum": "fairs.models.Interview.Status",
        "NextStepEnum": "fairs.models.Conversation.NextStep",
        "LanguageLevelEnum": "jobs.models.LanguageSkill.Level",
        "CourseLevelEnum": "courses.models.Course.Level",
        "EducationDegreeEnum": "jobs.models.EducationEntry.Degree",
        "EducationStatusEnum": "jobs.models.EducationEntry.Status",
    }
)

# ---------------------------------------------------------------------------
# Security headers (tightened further in production)
# ---------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Everything is served from our own origin: no CDN, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# ---------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Jobs: close postings at their deadline, "still hiring?" reminders, saved-search digests.
CELERY_BEAT_SCHEDULE.update(
    {
        "jobs.close-expired-postings": {
            "task": "jobs.tasks.close_expired_postings",
            "schedule": 60 * 60,
        },
        "jobs.still-hiring-reminders": {
            "task": "jobs.tasks.send_still_hiring_reminders",
            "schedule": 60 * 60 * 24,
        },
        "jobs.saved-search-digests": {
            "task": "jobs.tasks.send_saved_search_digests",
            "schedule": 60 * 60 * 24,
        },
        # Interview reminders 24 h and 1 h ahead; offers' lapse warnings and lapses.
        "jobs.interview-reminders": {
            "task": "jobs.tasks.send_interview_reminders",
            "schedule": 60 * 5,
        },
        "jobs.lapse-offers": {
            "task": "jobs.tasks.lapse_offers",
            "schedule": 60 * 5,
        },
        # Bookmarked postings closing within two days (one email per bookmark).
        "jobs.bookmark-reminders": {
            "task": "jobs.tasks.send_bookmark_reminders",
            "schedule": 60 * 60,
        },
        # Batched message emails whose scheduled task was lost (or ran early, in eager mode).
        "jobs.thread-notifications": {
            "task": "jobs.tasks.send_due_thread_notifications",
            "schedule": 60 * 5,
        },
    }
)

# ---------------------------------------------------------------------------
# Fairs: live queues and chat over WebSockets (Django Channels)
# ---------------------------------------------------------------------------

# The channel layer carries "look again" notifications between processes; the
# state itself lives in the database. Redis when CHANNEL_LAYER_URL is set (CI,
# production); otherwise the in-memory layer, which only reaches sockets served by
# the same process (the zero-configuration `make run`).
CHANNEL_LAYER_URL = env("CHANNEL_LAYER_URL", default="")
if CHANNEL_LAYER_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [CHANNEL_LAYER_URL], "capacity": 500, "expiry": 30},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Booth videos from these origins are embedded (privacy-friendly players); others are linked.
FAIR_VIDEO_EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = FAIR_VIDEO_EMBED_ORIGINS

CELERY_BEAT_SCHEDULE["fairs.interview-reminders"] = {
    "task": "fairs.tasks.send_interview_reminders",
    "schedule": 60 * 5,
}
CELERY_BEAT_SCHEDULE["fairs.expire-calls"] = {
    "task": "fairs.tasks.expire_calls",
    "schedule": 30,
}
