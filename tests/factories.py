"""Factories for the registry's models: every translated field in fr and ar."""

import datetime

import factory
from django.utils.text import slugify

from activities.models import Activity, Event
from core.publication import Publication
from partners.models import Country, Organisation
from projects.models import (
    Component,
    Document,
    Indicator,
    Participation,
    Project,
    ProjectCountry,
    ProjectRelation,
    Theme,
)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "MA"
    name_fr = "Maroc"
    name_ar = "المغرب"
    name_en = "Morocco"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_fr = factory.Sequence(lambda n: f"Organisation {n}")
    name_ar = factory.Sequence(lambda n: f"منظمة {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    acronym_fr = factory.Sequence(lambda n: f"ORG{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.acronym_fr or o.name_fr))
    kind = Organisation.Kind.INTERNATIONAL
    publication = Publication.PUBLISHED


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name_fr = factory.Sequence(lambda n: f"Thème {n}")
    name_ar = factory.Sequence(lambda n: f"موضوع {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.acronym))
    title_fr = factory.Sequence(lambda n: f"Projet de coopération {n}")
    title_ar = factory.Sequence(lambda n: f"مشروع التعاون {n}")
    title_en = factory.Sequence(lambda n: f"Cooperation project {n}")
    summary_fr = "Appui à la migration équitable."
    summary_ar = "دعم الهجرة العادلة."
    objective_fr = "Renforcer les capacités."
    objective_ar = "تعزيز القدرات."
    status = Project.Status.IMPLEMENTATION
    start_date = datetime.date(2019, 1, 1)
    end_date = datetime.date(2022, 12, 31)
    publication = Publication.PUBLISHED


class ProjectCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectCountry

    project = factory.SubFactory(ProjectFactory)
    country = factory.SubFactory(CountryFactory)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Participation.Role.FUNDER


class ComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Component

    project = factory.SubFactory(ProjectFactory)
    kind = Component.Kind.AXIS
    code = factory.Sequence(lambda n: str(n + 1))
    title_fr = factory.Sequence(lambda n: f"Axe {n}")
    title_ar = factory.Sequence(lambda n: f"المحور {n}")
    publication = Publication.PUBLISHED


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    label_fr = "Enfants retirés du travail"
    label_ar = "الأطفال المسحوبون من العمل"
    target = 1000
    publication = Publication.PUBLISHED


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    project = factory.SubFactory(ProjectFactory)
    title_fr = "Fiche du projet"
    title_ar = "بطاقة المشروع"
    url = "https://example.org/fiche.pdf"
    publication = Publication.PUBLISHED


class ProjectRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectRelation

    project = factory.SubFactory(ProjectFactory)
    related = factory.SubFactory(ProjectFactory)
    kind = ProjectRelation.Kind.FOLLOWS


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    component = factory.SubFactory(ComponentFactory, project=factory.SelfAttribute("..project"))
    code = factory.Sequence(lambda n: f"1.{n + 1}")
    title_fr = factory.Sequence(lambda n: f"Réaliser une étude {n}")
    title_ar = factory.Sequence(lambda n: f"إنجاز دراسة {n}")
    kind = Activity.Kind.STUDY
    publication = Publication.PUBLISHED


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    project = factory.SubFactory(ProjectFactory)
    title_fr = factory.Sequence(lambda n: f"Atelier de programmation {n}")
    title_ar = factory.Sequence(lambda n: f"ورشة البرمجة {n}")
    start_date = datetime.date(2019, 1, 15)
    kind = Event.Kind.WORKSHOP
    publication = Publication.PUBLISHED
