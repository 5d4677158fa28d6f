"""Translated fields (fr, ar, en) and history of projects and their children.

History is registered after translation so that the historical tables get
every language column (see simple-history issues #209 and #929).
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from projects.models import (
    Component,
    Document,
    Indicator,
    IndicatorPeriod,
    Participation,
    Project,
    ProjectCountry,
    ProjectRelation,
    Theme,
)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = (
        "title",
        "short_name",
        "summary",
        "context",
        "objective",
        "expected_results",
        "beneficiaries",
        "target_groups",
        "stakeholders",
        "period_note",
    )
    required_languages = {"fr": ("title",)}


@register(ProjectCountry)
class ProjectCountryTranslation(TranslationOptions):
    fields = ("note",)


@register(Participation)
class ParticipationTranslation(TranslationOptions):
    fields = ("note",)


@register(Component)
class ComponentTranslation(TranslationOptions):
    fields = ("title", "description", "expected_results")
    required_languages = {"fr": ("title",)}


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("label", "unit", "note")
    required_languages = {"fr": ("label",)}


@register(IndicatorPeriod)
class IndicatorPeriodTranslation(TranslationOptions):
    fields = ("comment",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("fr",)


for model in (
    Theme,
    Project,
    ProjectCountry,
    Participation,
    Component,
    Indicator,
    IndicatorPeriod,
    Document,
    ProjectRelation,
):
    register_history(model, app="projects")
