"""django-axes, which records sign-in attempts and locks out repeated wrong
passwords (settings: AXES_*), under a name in the interface language: the
admin lists an application by its AppConfig's verbose name, which django-axes
leaves unset, so that its section read "Axes" in every language."""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignInAttemptsConfig(AppConfig):
    verbose_name = _("Sign-in attempts")
