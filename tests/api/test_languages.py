"""The response language: ?lang=, Accept-Language, French fallback, lang=all."""

import pytest
from django.utils import translation

from projects.models import Project

pytestmark = pytest.mark.django_db


def thamm(api, **kwargs):
    response = api.get("/api/v1/projects/thamm/", **kwargs)
    assert response.status_code == 200, response.content
    return response


def status_label(language):
    with translation.override(language):
        return str(Project.Status.IMPLEMENTATION.label)


@pytest.mark.parametrize(
    ("lang", "title", "funder"),
    [
        ("fr", "Gouvernance de la migration de main-d'œuvre", "Union européenne"),
        ("ar", "حكامة هجرة اليد العاملة", "الاتحاد الأوروبي"),
        # English title blank: French, never an empty heading.
        ("en", "Gouvernance de la migration de main-d'œuvre", "European Union"),
    ],
)
def test_lang_picks_every_translated_field_and_label(api, registry, lang, title, funder):
    response = thamm(api, data={"lang": lang})
    project = response.json()
    assert project["title"] == title
    assert project["funders"][0]["name"] == funder
    assert project["status"] == {"code": "implementation", "label": status_label(lang)}
    assert response["Content-Language"] == lang


def test_blank_arabic_falls_back_to_french(api, registry):
    amem = api.get("/api/v1/projects/amem/", {"lang": "ar"}).json()
    assert amem["title"] == "Appui à la migration équitable pour le Maghreb"
    # The acronym of the EU has no Arabic form: French it is.
    assert amem["funders"][0]["acronym"] == "UE"


def test_accept_language_decides_without_lang(api, registry):
    response = thamm(api, HTTP_ACCEPT_LANGUAGE="ar-MA,ar;q=0.9,fr;q=0.8")
    assert response.json()["title"] == "حكامة هجرة اليد العاملة"
    assert response["Content-Language"] == "ar"
    assert "Accept-Language" in response["Vary"]


def test_lang_wins_over_accept_language(api, registry):
    response = thamm(api, data={"lang": "fr"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.json()["title"].startswith("Gouvernance")


def test_an_unserved_accept_language_gives_french(api, registry):
    response = thamm(api, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert response["Content-Language"] == "fr"
    assert response.json()["title"].startswith("Gouvernance")


def test_lang_all_gives_every_translation_as_an_object(api, registry):
    response = thamm(api, data={"lang": "all"})
    project = response.json()
    assert project["title"] == {
        "fr": "Gouvernance de la migration de main-d'œuvre",
        "ar": "حكامة هجرة اليد العاملة",
        "en": "",
    }
    assert project["status"]["code"] == "implementation"
    assert project["status"]["label"] == {code: status_label(code) for code in ("fr", "ar", "en")}
    assert project["funders"][0]["name"]["ar"] == "الاتحاد الأوروبي"
    assert response["Content-Language"] == "fr, ar, en"


def test_lang_all_in_lists_too(api, registry):
    rows = api.get("/api/v1/organisations/", {"lang": "all"}).json()["results"]
    ue = next(row for row in rows if row["slug"] == "ue")
    assert ue["name"] == {"fr": "Union européenne", "ar": "الاتحاد الأوروبي", "en": "European Union"}
    assert set(ue["kind"]["label"]) == {"fr", "ar", "en"}


def test_an_unknown_lang_is_refused_by_name(api, registry):
    response = api.get("/api/v1/projects/", {"lang": "de"})
    assert response.status_code == 400
    assert list(response.json()) == ["lang"]


def test_the_thread_language_is_restored_after_a_response(api, registry):
    thamm(api, data={"lang": "ar"})
    assert translation.get_language() == "fr"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_with_lang_all_errors_read_in_the_accepted_language(api, registry, language):
    def message(**params):
        response = api.get("/api/v1/projects/", {"status": "nope", **params}, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400
        return response.json()["status"][0]

    in_all = message(lang="all")
    assert in_all == message(lang=language)
    assert in_all != message(lang="fr")


def test_an_unknown_lang_is_refused_in_the_accepted_language(api, registry):
    arabic = api.get("/api/v1/projects/", {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="ar").json()["lang"][0]
    french = api.get("/api/v1/projects/", {"lang": "de"}).json()["lang"][0]
    assert arabic != french
    assert any("\u0600" <= letter <= "\u06ff" for letter in arabic), arabic
