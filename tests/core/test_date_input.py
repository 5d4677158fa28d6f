"""Dates as Moroccan staff type them: day/month/year in the French, Arabic and
English admin alike, ISO 8601 always, anything else refused in the user's
language (core/formats/, core/periods.DayMonthYearField)."""

import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from core.periods import DayMonthYearField
from projects.models import Project
from tests.admin_forms import project_change_data
from tests.factories import ProjectFactory

LANGUAGES = ["fr", "ar", "en"]
REFUSAL = {"fr": "Saisissez une date valide.", "ar": "أدخل تاريخاً صحيحاً.", "en": "Enter a valid date."}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("01/06/2025", datetime.date(2025, 6, 1)),
        ("31/12/2027", datetime.date(2027, 12, 31)),
        ("2025-06-01", datetime.date(2025, 6, 1)),
    ],
)
def test_day_comes_before_month_in_every_language(language, typed, meant):
    with translation.override(language):
        assert forms.DateField().clean(typed) == meant
        assert DayMonthYearField().clean(typed) == meant


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "typed", ["12/31/2027", "31/02/2025", "2025-13-01", "1/6/25", "01.06.2025", "June 1"]
)
def test_an_impossible_or_ambiguous_date_is_refused_in_the_users_language(language, typed):
    with translation.override(language):
        with pytest.raises(forms.ValidationError) as refused:
            DayMonthYearField().clean(typed)
        assert refused.value.messages == [REFUSAL[language]]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_saves_and_shows_back_the_date_as_typed(staff_client, language):
    project = ProjectFactory(start_date=None, end_date=None)
    staff_client.cookies["django_language"] = language
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = project_change_data(staff_client, url) | {"start_date": "01/06/2025", "end_date": "31/12/2027"}
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert (project.start_date, project.end_date) == (datetime.date(2025, 6, 1), datetime.date(2027, 12, 31))
    page = staff_client.get(url).content.decode()
    assert 'value="01/06/2025"' in page
    assert 'value="31/12/2027"' in page


@pytest.mark.django_db
def test_an_impossible_date_in_the_arabic_admin_is_named_and_nothing_is_saved(staff_client):
    staff_client.cookies["django_language"] = "ar"
    response = staff_client.post(
        reverse("admin:projects_project_add"),
        {"acronym": "X", "title_fr": "X", "status": "pipeline", "start_date": "31/02/2025"}
        | {f"{prefix}-{count}": "0" for prefix in ("country_links", "participations", "components",
                                                   "indicators", "documents", "relations")
           for count in ("TOTAL_FORMS", "INITIAL_FORMS")},
    )  # fmt: skip
    assert response.status_code == 200
    assert REFUSAL["ar"] in response.content.decode()
    assert not Project.objects.exists()
