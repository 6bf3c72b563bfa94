"""Test settings: the real settings with a fast password hasher and in-memory e-mail.

Argon2 stays the production hasher (a test asserts it); hashing with it on every test
login would only make the suite slow.
"""

import os

os.environ.setdefault("NAMRO_DEMO", "1")

from namro.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
