"""Settings for the clinic app. Every value comes from the environment; see .env.example."""

import os
from pathlib import Path

import dj_database_url
import django.forms
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"{name} must be set")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Demo mode creates the demo accounts and content; it is on with DEBUG and never in production.
DEMO_MODE = env_bool("DJANGO_DEMO_MODE", DEBUG)

if DEBUG or DEMO_MODE:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-demo-key-do-not-use-in-production")
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random string of at least 50 characters")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or DEMO_MODE else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's form templates for the template engine below (the admin's widget templates include them).
    "django.forms",
    # third party
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "csp",
    "axes",
    "django_filters",
    "django_zxcvbn_password_validator",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # local
    "clinic",
    "accounts",
    "audit",
    "treatments",
    "consultations",
    "staff",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "clinic.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "clinic.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "consultations.middleware.TabletConfinementMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

# The clinic as patients see it: the footer, emails, and every "call us" message. The defaults are a demo's.
CLINIC_NAME = env_str("CLINIC_NAME", "Clinic")
CLINIC_ADDRESS = env_str("CLINIC_ADDRESS", "1 Example Street, London SW1A 1AA")
CLINIC_PHONE = env_str("CLINIC_PHONE", "020 7946 0000")
CLINIC_EMAIL = env_str("CLINIC_EMAIL", "reception@clinic.example")
CLINIC_OPENING_HOURS = env_str("CLINIC_OPENING_HOURS", "Monday to Friday 9am to 6pm, Saturday 10am to 2pm")

ROOT_URLCONF = "clinic.urls"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "clinic.wsgi.application"
ASGI_APPLICATION = "clinic.asgi.application"

TEMPLATES = [
    {
        # Form widgets through Django's own Jinja2 copies of its widget templates: a select renders an include per
        # option, which in the Django template language was a third of the staff queue's filter form. Only this
        # directory, so every other template (the admin's widgets too) comes from the engine below.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "form_widgets",
        "DIRS": [Path(django.forms.__file__).parent / "jinja2"],
        "APP_DIRS": False,
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.clinic",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite; WAL and a busy timeout let readers and one writer coexist.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# A PostgreSQL read replica for the CSV export (clinic/db_router.py); pages always read the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600), conn_health_checks=True
    )
    # In tests the replica is the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["clinic.db_router.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches, both shared by every process. Nothing personal is ever written to either.
# - "default", a table in the database: what security rests on and must not vanish in a Redis outage: django-allauth's
#   per-address limits on sign-in, sign-up and password reset, and the one-time codes already used. (The intake's
#   own limits are counted in a table of their own, clinic.RateCount: the cache API cannot count atomically.)
# - "public": the public catalogue pages, the suggestion rules and the blank intake form's fields (the same for
#   everyone, under the catalogue's version and the language; treatments/page_cache.py). Redis when REDIS_URL is set
#   (production, several app servers), where an outage is only a cache miss; otherwise the same database table.
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "django_cache",
    # Counters for many client addresses: cull late, and only what has expired first.
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {"default": DATABASE_CACHE, "public": {**DATABASE_CACHE, "KEY_PREFIX": "public"}}
if REDIS_URL:
    CACHES["public"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            # A Redis outage is a cache miss: every page keeps answering, /healthz reports it.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": env_int("REDIS_CONNECT_TIMEOUT_MS", 200) / 1000,
            "SOCKET_TIMEOUT": env_int("REDIS_TIMEOUT_MS", 500) / 1000,
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

SESSION_ENGINE = "django.contrib.sessions.backends.db"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out login is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend extended by allauth: sign-in with the username or the email address.
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "home"

# Accounts (django-allauth): staff keep their usernames; patients sign up with an email address they must verify
# before they can sign in, and sign-up, login and password reset answer the same whether an account exists or not
# (a sign-up with a taken address sends that address a notice instead).
ACCOUNT_ADAPTER = "accounts.adapter.ClinicAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"login": "accounts.forms.ClinicLoginForm", "signup": "accounts.forms.PatientSignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
# Second factor: TOTP with recovery codes. Staff and admins must use it (accounts.middleware); patients may.
MFA_ADAPTER = "accounts.adapter.ClinicMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", CLINIC_NAME)
# Staff accounts are made by an admin, not by sign-up: they must be able to enrol before their address is confirmed.
MFA_ALLOW_UNVERIFIED_EMAIL = True

# Brute-force lockout: after AXES_FAILURE_LIMIT failures for one username from one address, that pair waits
# AXES_COOLOFF_MINUTES (a cool-off, never a permanent IP lock).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The same client address as the rate limits and the audit trail (TRUSTED_PROXY_COUNT): behind a proxy, axes would
# otherwise see the proxy, and anyone's failures would lock out every user of the account.
AXES_CLIENT_IP_CALLABLE = "clinic.client_address.client_ip"
# allauth's login form names its field "login" and passes a username or an email address.
AXES_USERNAME_CALLABLE = "accounts.adapter.login_tried"

# The largest request body accepted (bytes); the longest admin edit of a treatment is far below it.
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 1024 * 1024)
FILE_UPLOAD_HANDLERS = ["clinic.uploads.RefuseFilesUploadHandler"]

# How long the browser that sent a consultation form may read its result without signing in.
RESULT_SESSION_SECONDS = env_int("RESULT_SESSION_SECONDS", 2 * 60 * 60)

# Sign-in, sign-up, password-reset and verification-email forms accepted from one client address per window, each
# kind counted apart (allauth's rate limits, keyed on clinic.client_address). The per-account lockout is axes'.
ACCOUNT_POSTS_PER_ADDRESS = env_int("ACCOUNT_POSTS_PER_ADDRESS", 20)
ACCOUNT_POSTS_WINDOW_SECONDS = env_int("ACCOUNT_POSTS_WINDOW_SECONDS", 15 * 60)
_PER_ADDRESS = f"{ACCOUNT_POSTS_PER_ADDRESS}/{ACCOUNT_POSTS_WINDOW_SECONDS}s/ip"
ACCOUNT_RATE_LIMITS = {
    "login": _PER_ADDRESS,
    "login_failed": _PER_ADDRESS,
    "signup": _PER_ADDRESS,
    "reset_password": f"{_PER_ADDRESS},5/{ACCOUNT_POSTS_WINDOW_SECONDS}s/key",
    "reset_password_from_key": _PER_ADDRESS,
    "confirm_email": f"{_PER_ADDRESS},1/180s/key",
    "change_password": "5/m/user",  # nosec B105 - a rate limit, not a password
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}

# Consultations older than this many days lose their personal data (manage.py apply_retention).
RETENTION_DAYS = env_int("RETENTION_DAYS", 8 * 365)

# Signed-in sessions end after this many idle seconds (staff and admins, patients), and a staff session after one
# working day whatever its activity. A visitor who is not signed in keeps a session as long as a patient's.
STAFF_IDLE_SECONDS = env_int("STAFF_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 10 * 60 * 60)
PATIENT_IDLE_SECONDS = env_int("PATIENT_IDLE_SECONDS", 2 * 60 * 60)
SESSION_COOKIE_AGE = PATIENT_IDLE_SECONDS

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "django_zxcvbn_password_validator.ZxcvbnPasswordValidator"},
]
# zxcvbn's score from 0 to 4: 3 refuses repeats, keyboard walks and common or breached passwords with digits added.
PASSWORD_MINIMAL_STRENGTH = env_int("PASSWORD_MINIMAL_STRENGTH", 3)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# British date formats for "en" (clinic/formats/en/formats.py): the admin would otherwise write "Dec. 2, 2026".
FORMAT_MODULE_PATH = ["clinic.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]


def _bootstrap_dir() -> tuple[str, str]:
    import xstatic.pkg.bootstrap

    return ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)


STATICFILES_DIRS.append(_bootstrap_dir())
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Clinic <no-reply@clinic.example>")

# Absolute links in emails, and who hears of a new consultation (comma-separated).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", "reception@clinic.example")
# Intake submissions allowed per client IP address per hour (and, counted apart, "save and finish later" saves).
INTAKE_SUBMISSIONS_PER_HOUR = env_int("INTAKE_SUBMISSIONS_PER_HOUR", 10)
# A clinic tablet handed to a patient locks again when left this long without a touch, and shows the result of a form
# sent on it for this long before locking.
TABLET_HANDOVER_SECONDS = env_int("TABLET_HANDOVER_SECONDS", 600)
TABLET_RESULT_SECONDS = env_int("TABLET_RESULT_SECONDS", 300)
# Consultations one staff account may enter per hour (the desk shares a connection, so staff are counted apart).
STAFF_INTAKE_SUBMISSIONS_PER_HOUR = env_int("STAFF_INTAKE_SUBMISSIONS_PER_HOUR", 60)
# Days a form saved with "save and finish later" is kept; then it no longer opens and retention deletes it.
INTAKE_DRAFT_DAYS = env_int("INTAKE_DRAFT_DAYS", 3)
if not 1 <= INTAKE_DRAFT_DAYS <= 30:
    raise ImproperlyConfigured(f"INTAKE_DRAFT_DAYS must be between 1 and 30, not {INTAKE_DRAFT_DAYS}")
# Behind a proxy that sets X-Forwarded-For, the number of proxies in front of the app (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy: everything from our own origin; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# HTTPS: on by default in production. Behind a TLS-terminating proxy, set DJANGO_SECURE_PROXY_SSL_HEADER=true
# (the proxy must set X-Forwarded-Proto) or turn the redirect off with DJANGO_SECURE_SSL_REDIRECT=false.
_PRODUCTION = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", _PRODUCTION)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000 if _PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", _PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", _PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", _PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", _PRODUCTION)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
# Under HTTPS the cookies carry the __Host- prefix: the browser then refuses them unless they are secure, for this
# exact host and path /, so a sibling subdomain cannot plant or overwrite them.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The app uses no camera, microphone, location, payment or other powerful feature: none may be asked for.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "clinic.log_redaction.RedactTokensFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # Django's own handlers for these (runserver's request lines, "Not Found: ...") know nothing of the filter.
    # Kept at INFO whatever DJANGO_LOG_LEVEL says: django.db.backends at DEBUG prints SQL with its parameters.
    "loggers": {
        name: {"handlers": ["console"], "level": "INFO", "propagate": False} for name in ("django", "django.server")
    },
}
