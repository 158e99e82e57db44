"""Settings of the coordination hub; every value that differs between machines comes from the
environment (see the configuration table in README.md)."""

import os
from pathlib import Path

import environ
from django.utils.csp import CSP

from pitf.config import (
    database_config,
    development_secret_key,
    mailers_config,
    oidc_apps,
    redis_url,
    require_production_settings,
    site_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in ("development", "production"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}"
    )
PRODUCTION = DJANGO_ENV == "production"
if PRODUCTION:
    require_production_settings(os.environ)

SECRET_KEY = env.str("SECRET_KEY", default="") or development_secret_key(VAR_DIR)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The hub's address as people reach it, for links in messages sent without a request (reminders):
# in development the address `make run` serves (WEB_PORT); required, and https, in production.
SITE_URL = site_url(
    env.str("SITE_URL", default=""),
    web_port=env.str("WEB_PORT", default=""),
    production=PRODUCTION,
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # exclusion constraints (ignored on the embedded SQLite)
    "crispy_forms",
    "auditlog",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
    # The core, then the features that plug into it (pitf.features.FeatureConfig).
    "pitf",
    "pitf.accounts",
    "pitf.people",
    "pitf.directory",
    "pitf.meetings",
    "pitf.circulation",
    "spog",
    "committees",
    "grants",
]

MIDDLEWARE = [
    "pitf.audit.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pitf.middleware.ResponseHeadersMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "pitf.middleware.SessionActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pitf.middleware.SessionLifetimeMiddleware",
    "pitf.middleware.RequireMfaMiddleware",
    "pitf.permissions.UrlPermissionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "pitf.urls"
WSGI_APPLICATION = "pitf.wsgi.application"
ASGI_APPLICATION = "pitf.asgi.application"

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
                "django.template.context_processors.csp",
            ],
            "builtins": ["pitf.templatetags.dates"],  # Django's `date` filter, faster
        },
    },
]

# Database: the embedded default is SQLite under var/; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": database_config(
        env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "pitf.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my-page"
LOGOUT_REDIRECT_URL = "home"

# NIST SP 800-63B: length over composition rules; common passwords refused.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
# U.S. English only, without translation (a third of a list page's time); the English locale's
# formats (DATE_FORMAT, DATE_INPUT_FORMATS, NUMBER_GROUPING...) kept: decision 0014.
USE_I18N = False
USE_TZ = True
from django.conf.locale.en import formats as _english  # noqa: E402

globals().update({name: value for name, value in vars(_english).items() if name.isupper()})

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("uswds", BASE_DIR / "node_modules" / "@uswds" / "uswds" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "pitf.storage.KeptManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Redis, when REDIS_URL is set, is the Celery broker and the shared cache. Without it the
# embedded default uses kombu's filesystem transport and a file cache under var/, which
# every process of `make run` shares, so reminders still go out with no server running.
REDIS_URL = redis_url(env.str("REDIS_URL")) if env.str("REDIS_URL", default="") else ""
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    CACHES = {
        "default": {
            # django-redis keeps one redis-py client per server, shared by threads: a client
            # builds a table of some 170 reply handlers when it is made, and a signed-in request
            # reads the cache three times (the session, the roles and their generations).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="pitf"),
        }
    }
else:
    # The folders are made by `manage.py prepare_var_dir` (make run's set-up), not here.
    BROKER_DIR = VAR_DIR / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="pitf")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Picks up notifications whose task never reached a worker (broker down at commit time).
    "send-pending-notifications": {
        "task": "pitf.notifications.tasks.send_pending_notifications",
        "schedule": env.int("NOTIFICATION_SWEEP_SECONDS", default=60),
    },
}
# A message the mail server refused is tried again after this many seconds, doubling each time.
NOTIFICATION_RETRY_SECONDS = env.int("NOTIFICATION_RETRY_SECONDS", default=30)
# A notification queued less than this long ago is not queued again by the sweep.
NOTIFICATION_REQUEUE_SECONDS = env.int("NOTIFICATION_REQUEUE_SECONDS", default=300)
# A worker writes its heartbeat this often; three missed beats and it counts as stopped.
WORKER_HEARTBEAT_SECONDS = env.float("WORKER_HEARTBEAT_SECONDS", default=15)

# Mail: EMAIL_URL (smtp://host:25, smtp+tls://user:pass@host:587, smtps://host:465) or, by
# default, a file per message under var/mail/ for a developer to read.
MAILERS = mailers_config(env.str("EMAIL_URL", default=""), VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="PITF coordination hub <no-reply@pitf.example.gov>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The hub's own mailbox for calendar answers: each invitation names it as ORGANIZER with a secret
# of its own after a "+" (meetings+<secret>@domain), so an Accept or Decline comes back here.
# Where the hub reads that mailbox: imaps://user:password@host:993/INBOX (imap:// on loopback);
# empty: calendar answers are not read (they wait in the mailbox).
MEETING_REPLIES_IMAP_URL = env.str("MEETING_REPLIES_IMAP_URL", default="")
MEETING_REPLIES_ADDRESS = env.str(
    "MEETING_REPLIES_ADDRESS",
    default="meetings@" + DEFAULT_FROM_EMAIL.rstrip(">").rsplit("@", 1)[-1],
)

# Django's form renderer with drop-down lists written out in Python (pitf/renderers.py).
FORM_RENDERER = "pitf.renderers.FormRenderer"
CRISPY_TEMPLATE_PACK = "uswds"
CRISPY_ALLOWED_TEMPLATE_PACKS = ("uswds",)
CRISPY_FAIL_SILENTLY = not DEBUG

# Strict content security policy: no inline script or style, nothing from other hosts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The proxies in front of the hub (TLS terminators, load balancers), each appending the address
# it saw to X-Forwarded-For: the client's address is the entry the outermost one wrote
# (pitf.audit.client_ip). 0, the default, trusts no forwarded header at all.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: the session-timeout dialog takes the token from its form.
CSRF_COOKIE_HTTPONLY = True

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    if TRUSTED_PROXY_COUNT:
        # Only behind a proxy the hub trusts does X-Forwarded-Proto say the request was HTTPS.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Secure-sessionid"
    CSRF_COOKIE_NAME = "__Secure-csrftoken"
    # /healthz is polled over plain HTTP by the load balancer on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

AUDITLOG_INCLUDE_ALL_MODELS = False

# Accounts (django-allauth): e-mail and password, then a second factor; no open sign-up;
# single sign-on through one OpenID Connect provider when OIDC_ISSUER_URL is set.
ACCOUNT_ADAPTER = "pitf.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "pitf.accounts.adapters.SocialAccountAdapter"
MFA_ADAPTER = "pitf.accounts.adapters.MfaAdapter"
# Form classes by dotted path (bandit's B105 takes the word "password" in them for secrets).
ACCOUNT_FORMS = {
    "login": "pitf.accounts.forms.LoginForm",
    "reset_password": "pitf.accounts.forms.ResetPasswordForm",  # nosec B105
    "reset_password_from_key": "pitf.accounts.forms.ResetPasswordKeyForm",  # nosec B105
    "change_password": "pitf.accounts.forms.ChangePasswordForm",  # nosec B105
    "set_password": "pitf.accounts.forms.SetPasswordForm",  # nosec B105
    "reauthenticate": "pitf.accounts.forms.ReauthenticateForm",
}
MFA_FORMS = {
    "authenticate": "pitf.accounts.forms.MfaAuthenticateForm",
    "reauthenticate": "pitf.accounts.forms.MfaReauthenticateForm",
    "activate_totp": "pitf.accounts.forms.ActivateTotpForm",
    "add_webauthn": "pitf.accounts.forms.AddWebAuthnForm",
    "edit_webauthn": "pitf.accounts.forms.EditWebAuthnForm",
    "authenticate_webauthn": "pitf.accounts.forms.AuthenticateWebAuthnForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"  # an invitation link proves the address
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# A password reset asked for an address with no account sends nothing: the hub writes only to
# the people it knows.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PITF hub] "
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_EMAIL_NOTIFICATIONS = True
LOGIN_FAILURES_ALLOWED = env.int("LOGIN_FAILURES_ALLOWED", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"20/m/ip,{LOGIN_FAILURES_ALLOWED}/{LOGIN_LOCKOUT_MINUTES}m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "PITF coordination hub"
# A code is also accepted in the 30 seconds before and after its own: typing it as the app moves
# on, or a phone's clock a little off, should not fail a sign-in. Each code still works once.
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
# Off: allauth would wipe the local password of an account whose address has no verified
# EmailAddress row. pitf.accounts.adapters.SocialAccountAdapter matches by e-mail itself.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_QUERY_EMAIL = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
OIDC_APPS = oidc_apps(os.environ)
# What in a provider's answer shows it checked a second factor: an `acr` among these (the
# values asked for in OIDC_ACR_VALUES, and login.gov's higher levels), or an `amr` naming a
# multi-factor method (pitf.accounts.assurance). Without it the hub asks for its own.
OIDC_MFA_ACR_VALUES = [
    *env.str("OIDC_ACR_VALUES", default="http://idmanagement.gov/ns/assurance/aal/2").split(),
    "http://idmanagement.gov/ns/assurance/aal/2?phishing_resistant=true",
    "http://idmanagement.gov/ns/assurance/aal/2?hspd12=true",
    "http://idmanagement.gov/ns/assurance/aal/3",
]
# Single sign-on never opens a site administrator's account unless this is set.
SSO_ADMITS_SITE_ADMINS = env.bool("SSO_ADMITS_SITE_ADMINS", default=False)
OIDC_ISSUER_URL = OIDC_APPS[0]["settings"]["server_url"] if OIDC_APPS else ""
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": OIDC_APPS}}
if OIDC_ISSUER_URL:
    # The "Sign in with ..." form posts to the hub, which redirects it on to the identity
    # provider: the policy's form-action governs that redirect too.
    from urllib.parse import urlsplit

    _issuer = urlsplit(OIDC_ISSUER_URL)
    SECURE_CSP["form-action"] = [*SECURE_CSP["form-action"], f"{_issuer.scheme}://{_issuer.netloc}"]
USERSESSIONS_TRACK_ACTIVITY = True

# Sessions: end after 30 idle minutes (warned two minutes before) and 12 hours after login.
SESSION_IDLE_MINUTES = env.float("SESSION_IDLE_MINUTES", default=30)
SESSION_IDLE_WARNING_MINUTES = env.float("SESSION_IDLE_WARNING_MINUTES", default=2)
SESSION_ABSOLUTE_HOURS = env.float("SESSION_ABSOLUTE_HOURS", default=12)
# The cookie and the stored session outlive the idle limit a little: SessionLifetimeMiddleware
# ends an idle session itself, so that the person is told why.
SESSION_COOKIE_AGE = int(SESSION_IDLE_MINUTES * 60) + 300
# Saved when it changes: SessionLifetimeMiddleware moves the idle clock on at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
# Read from the cache, written through to the database (pitf/accounts/session_store.py).
SESSION_ENGINE = "pitf.accounts.session_store"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
INVITATION_VALID_DAYS = 7

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
