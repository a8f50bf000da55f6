"""Django settings for Marquee, read from environment variables (see ``.env.example``).

SQLite in ``MARQUEE_DATA_DIR`` is the default; ``DATABASE_URL=postgres://...`` switches to
PostgreSQL without any other change.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

from marquee.env import SettingError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("MARQUEE_DATA_DIR", str(BASE_DIR.parent / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data folder."""
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Marquee")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "marquee.accounts",
    "marquee.catalog",
    "marquee.reviews",
    "marquee.comments",
    "marquee.readers",
    "marquee.imports",
    "marquee.predictions",
    "marquee.taste",
    "marquee.mentions",
    "marquee.related",
    "marquee.search",
    "marquee.journal",
    "marquee.api",
    "marquee.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "marquee.journal.middleware.ContentSecurityPolicyMiddleware",
    "marquee.journal.page_cache.ContentChangedOnWriteMiddleware",
]

ROOT_URLCONF = "marquee.urls"
WSGI_APPLICATION = "marquee.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "marquee.journal.context_processors.site",
            ],
        },
    },
]


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
        config["CONN_HEALTH_CHECKS"] = True
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "marquee.sqlite3",
        "OPTIONS": {
            # WAL lets readers run while one writer writes; IMMEDIATE takes the write lock at
            # BEGIN so concurrent writers queue on busy_timeout instead of failing mid-transaction.
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "journal:home"
LOGOUT_REDIRECT_URL = "journal:home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing folder
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the app folders too, so a fresh checkout works before collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads larger than this go to a temporary file instead of memory; the hard cap on what is
# accepted at all is enforced per form.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and SITE_URL.startswith("https"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def _cache() -> dict:
    """The cache every worker shares: files in the data folder unless CACHE_URL says otherwise.

    ``redis://host:6379/0`` (several app servers), ``locmem://`` (one process, tests) and
    ``dummy://`` (no caching) are the other choices.
    """
    url = env_str("CACHE_URL", "file://")
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url == "dummy://":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if url.startswith("file://"):
        location = url.removeprefix("file://") or str(DATA_DIR / "cache")
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": location,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    raise SettingError(f"CACHE_URL={url!r}: use file://, redis://, locmem:// or dummy://")


CACHES = {"default": _cache()}

# Background work (imports, model training) is queued in the database and run by
# `marquee worker` (which `marquee serve` starts beside the web workers unless told not to).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("TASKS_RUN_IMMEDIATELY", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Journal limits: untrusted text is capped so a single field cannot exhaust the server.
MARQUEE_PAGE_SIZE = env_int("MARQUEE_PAGE_SIZE", 12)
MARQUEE_COMMENT_MAX_CHARS = env_int("MARQUEE_COMMENT_MAX_CHARS", 5000)
MARQUEE_REVIEW_BODY_MAX_CHARS = env_int("MARQUEE_REVIEW_BODY_MAX_CHARS", 100_000)
# Retrain the recommendation models in the background after this many new or changed ratings.
MARQUEE_RETRAIN_AFTER_RATINGS = env_int("MARQUEE_RETRAIN_AFTER_RATINGS", 200)

# The API (docs/api.md): requests a minute per token or signed-in user, and per address for
# anonymous callers (0 switches a limit off); browser origins allowed to call it (CORS): none.
MARQUEE_API_RATE_LIMIT = env_int("MARQUEE_API_RATE_LIMIT", 120)
MARQUEE_API_ANON_RATE_LIMIT = env_int("MARQUEE_API_ANON_RATE_LIMIT", 60)
MARQUEE_API_CORS_ORIGINS = env_list("MARQUEE_API_CORS_ORIGINS")

# Abuse limits, counted in the shared cache (see marquee/ratelimits.py); 0 switches one off.
MARQUEE_LOGIN_ATTEMPTS = env_int("MARQUEE_LOGIN_ATTEMPTS", 5)
MARQUEE_LOGIN_LOCKOUT_SECONDS = env_int("MARQUEE_LOGIN_LOCKOUT_SECONDS", 15 * 60)
MARQUEE_SIGNUPS_PER_HOUR = env_int("MARQUEE_SIGNUPS_PER_HOUR", 10)
MARQUEE_COMMENTS_PER_HOUR = env_int("MARQUEE_COMMENTS_PER_HOUR", 30)
MARQUEE_TASTE_ANSWERS_PER_HOUR = env_int("MARQUEE_TASTE_ANSWERS_PER_HOUR", 30)

# Tests: a test with serialized_rollback puts back the rows it serialized. Content types and
# permissions are recreated by migrate's signal after every flush (another transactional test's),
# with new ids, so restoring the old rows too would clash.
TEST_NON_SERIALIZED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
