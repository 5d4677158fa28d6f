"""Settings for the cooperation-project registry.

Everything that differs between machines comes from the environment (see
`.env.example`). Without any variable the portal runs in production mode and
refuses to start without a SECRET_KEY; `DEBUG=true` gives a development mode
that needs nothing else (SQLite, local memory cache).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # pg_trgm lookups (the search's typo tolerance); inert on SQLite.
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "corsheaders",
    # django-axes, under a translated name in the admin.
    "core.signin_attempts.SignInAttemptsConfig",
    "csp",
    # The registry, in the order its layers depend on each other.
    "core",
    "partners",
    "projects",
    "activities",
    "opendata",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in user reads the primary.
    "core.replica.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cooperation.urls"
WSGI_APPLICATION = "cooperation.wsgi.application"

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
            ],
        },
    },
]

# Database: SQLite for a first local run, PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        # An empty DATABASE_URL means the default too.
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A runaway filter must not pin a worker. A search word found nowhere is
    # looked for with one typo allowed (core/search.py): a letter missing or
    # changed keeps more than half of the word's trigrams.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={os.environ.get('STATEMENT_TIMEOUT_MS', '15000')} "
        "-c pg_trgm.word_similarity_threshold=0.5"
    )
    # Fail fast when the server is unreachable: /health/ answers 503 within
    # seconds instead of holding a worker until TCP gives up.
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))

# A streaming replica of the primary takes visitors' reads (core/replica.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    # Tests read the replica's alias from the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.replica.ReplicaRouter"]
# A replica that failed is asked again after this many seconds.
REPLICA_RETRY_SECONDS = int(os.environ.get("REPLICA_RETRY_SECONDS", "5"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; a shared one (redis://..., or "database")
# in production so that throttles and cached pages hold across workers.
CACHE_URL = os.environ.get("CACHE_URL", "locmem://")
if CACHE_URL.startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {
                # Redis down is a cache miss, never an error page: the site
                # renders from the database, slower (docs/scale-out.md).
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
elif CACHE_URL == "database":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache"}}
else:
    # Parts kept under the versions of what they show (cards, API rows,
    # download rows) number in the tens of thousands on a large registry:
    # Django's default of 300 entries would drop them before their reuse.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "50000"))},
        }
    }

# Public pages and API answers are kept whole in that cache until the registry
# changes (core/response_cache.py), at most this long; 0 turns it off.
RESPONSE_CACHE_SECONDS = int(os.environ.get("RESPONSE_CACHE_SECONDS", "600"))
# Parts of pages (project cards) are kept under the versions of the records
# they show (projects/templatetags/cards.py), at most this long; 0 turns it off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "86400"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French is the default and the fallback of every translated field.
LANGUAGE_CODE = "fr"
# Day/month/year input in every language (core/formats/).
FORMAT_MODULE_PATH = ["core.formats"]
LANGUAGES = [
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Casablanca"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
# The tabbed admin would load jQuery UI from a CDN; we serve our own copy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            # Hashed, compressed files need `collectstatic`; development and
            # the test suite serve the sources as they are.
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# REST API (see portal/api.py and core/rest/). Partner systems
# get a token (admin, "Auth Token") and a higher rate than anonymous readers.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.rest.schema.RegistryAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.rest.pagination.RegistryPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": [
        "core.rest.throttling.AnonymousRateThrottle",
        "core.rest.throttling.PartnerRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "120/minute"),
        "user": os.environ.get("API_PARTNER_RATE", "1200/minute"),
    },
    # Proxies in front of the site (1 behind a TLS proxy): rate limits count
    # per client address, never per spoofable X-Forwarded-For value.
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cooperation projects registry API",
    "DESCRIPTION": _(
        "Published international cooperation projects, their partners, components, activities and "
        "events. Read-only; anonymous readers are rate-limited, partner systems send "
        "`Authorization: Token <key>` for a higher rate. Languages: `?lang=fr|ar|en|all` or "
        "Accept-Language. ETag / If-None-Match for unchanged pages.\n\n"
        "**Keeping a mirror in step** (`scripts/api_mirror.py` in the repository does this with "
        "Python's standard library): pull every list once with `expand=details&lang=all&page_size=100`, "
        "following `next`; then, from the `X-Sync-Checkpoint` header of `/api/v1/withdrawals/`, each "
        "sync (1) reads `/api/v1/withdrawals/?since=<checkpoint>` and deletes each `resource`/`key` "
        "(a renamed record gives its `new_key`), keeping the new `X-Sync-Checkpoint`; (2) reads "
        "projects, organisations, components, indicators, activities and events with "
        "`modified_since=<checkpoint>&expand=details&lang=all` and replaces those records; (3) reads "
        "themes and countries whole. A record is in `modified_since` whenever anything its row or "
        "detail shows changes, nested parts and the names of what it nests included."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge fetched from the public validator: nothing leaves the site.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opendata.iati.schema.iati_paths",
        "core.rest.schema.record_links",
    ],
}

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Browsers may send the conditional and language headers, and read the answers.
CORS_ALLOW_HEADERS = ["accept", "accept-language", "authorization", "if-modified-since", "if-none-match"]
CORS_EXPOSE_HEADERS = ["Content-Language", "ETag", "Last-Modified", "Retry-After", "Link", "X-Total-Count"]

# IATI: the reporting organisation's identifier. A ministry without a registered
# IATI publisher id may use its country's chart-of-accounts identifier.
IATI_REPORTING_ORG_REF = os.environ.get("IATI_REPORTING_ORG_REF", "MA-COA-31")
# IATI OrganisationType of the reporting organisation: 10 = Government.
IATI_REPORTING_ORG_TYPE = os.environ.get("IATI_REPORTING_ORG_TYPE", "10")
# Its name in each language of the export (a blank one is left out).
IATI_REPORTING_ORG_NAME = {
    "fr": os.environ.get(
        "IATI_REPORTING_ORG_NAME_FR", "Ministère du Travail et de l'Insertion Professionnelle"
    ),
    "ar": os.environ.get("IATI_REPORTING_ORG_NAME_AR", "وزارة الشغل والإدماج المهني"),
    "en": os.environ.get("IATI_REPORTING_ORG_NAME_EN", "Ministry of Labour and Professional Integration"),
}

# The licence of the registry's open data: THE MINISTRY'S CHOICE. The default
# (Creative Commons Attribution 4.0) lets anyone reuse the data, commercially
# too, provided they credit the ministry; change it here or in the environment
# if the ministry decides otherwise. The data page and the exports show it.
DATA_LICENCE = {
    "name": os.environ.get("DATA_LICENCE_NAME", "Creative Commons Attribution 4.0 (CC BY 4.0)"),
    "url": os.environ.get("DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"),
    "summary": _(
        "Open data: free reuse, including commercial, provided the Ministry of Labour and "
        "Professional Integration is credited as the source."
    ),
}

# Security: safe by default, relaxed only by DEBUG.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer probes /health/ over plain HTTP, without the proxy's headers.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4) on every response: nothing but our
# own files. Django's admin (5.2) has no inline script or style; the public
# pages must have none either. The one exception is the inline <style> of
# drf-spectacular's Swagger UI page at /api/docs/, allowed by its hash only.
# Rich text: there is none. Every text field is plain text, escaped by the
# templates; a field that ever holds HTML must be cleaned with nh3 on save.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"],
        # Django's admin and Swagger UI draw some icons from data: URIs.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The data-quality board (portal/quality.py) lists published records not
# updated for this many days.
REGISTRY_REVIEW_AFTER_DAYS = int(os.environ.get("REGISTRY_REVIEW_AFTER_DAYS", "365"))

# E-mail: the notifications of the editorial workflow (core/notifications.py).
# EMAIL_URL names the way out (dj-email-url): submission://user:password@host
# (STARTTLS on 587), smtp://user:password@host:465?ssl=True (TLS from the
# start), console:// (printed, the default in development). Without it in
# production, notifications stay in the admin inbox and no e-mail leaves.
# SITE_URL starts the links they carry.
EMAIL_URL = os.environ.get("EMAIL_URL", "console://" if DEBUG else "dummy://")
_email = dj_email_url.parse(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "registry@localhost")
SITE_URL = os.environ.get(
    "SITE_URL", "http://localhost:8000" if DEBUG else f"https://{(ALLOWED_HOSTS or ['localhost'])[0]}"
)
# A slow mail server must not hold a worker: the step is committed already.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT - 1 wrong passwords
# for one user name from one address, the next one locks that pair out for the
# cool-off time. Locking on the pair, not the address alone, keeps one office
# behind a shared address from being locked out by one person. Behind a proxy
# every request shares its address: the lock then holds per user name.
AXES_FAILURE_LIMIT = 6
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.admin.locked_out"

# Spreadsheet imports: only those who may add records import them, in one
# transaction that any bad row rolls back (see core/imports.py).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True

# Logs go to stderr: JSON lines (one object per record, for a log collector)
# by default in production, plain lines in development; LOG_FORMAT=json|line.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "line" if DEBUG else "json")
if LOG_FORMAT not in {"json", "line"}:
    raise ImproperlyConfigured("LOG_FORMAT is json or line.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logs.JsonLinesFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
