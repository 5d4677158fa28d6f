"""Translated fields (fr, ar, en) and history of activities and events.

History is registered after translation so that the historical tables get
every language column (see simple-history issues #209 and #929).
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from activities.models import Activity, Event


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"fr": ("title",)}


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "body", "place")
    required_languages = {"fr": ("title",)}


register_history(Activity, app="activities")
register_history(Event, app="activities")
