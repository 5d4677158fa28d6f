"""The admin in the staff's language: each translated input in its own
language and direction, language tabs in the reader's order and names, a
language switch in the header, and no French or English left on the Arabic
screens, the libraries' ones included (import and export, history, sign-in
attempts). The tabs, the side-by-side layout and the error summary as a
browser shows them: tests/browser/test_admin_bilingual.py."""

import json
import re

import lxml.html
import pytest
from django.contrib.admin import AdminSite
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import translation
from import_export.formats.base_formats import CSV

from core.admin_languages import (
    RegistryGroupAdmin,
    RegistryUserAdmin,
    TranslatedExportForm,
    permission_label,
    translate_permissions,
)
from projects.models import Project
from projects.resources import ProjectResource
from tests.factories import ComponentFactory, ParticipationFactory, ProjectFactory, ThemeFactory
from tests.workflow.spreadsheets import as_csv, as_xlsx, preview

pytestmark = pytest.mark.django_db


def input_tag(page: str, name: str) -> str:
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page).group(0)


@pytest.mark.parametrize("interface", ["fr", "ar", "en"])
def test_each_translated_input_carries_its_language_and_direction(staff_client, interface):
    project = ProjectFactory()
    ComponentFactory(project=project)
    staff_client.cookies["django_language"] = interface
    page = staff_client.get(reverse("admin:projects_project_change", args=[project.pk])).content.decode()
    for name, language, direction in [
        ("title_fr", "fr", "ltr"),
        ("title_ar", "ar", "rtl"),
        ("summary_ar", "ar", "rtl"),
        ("title_en", "en", "ltr"),
        ("components-0-title_ar", "ar", "rtl"),
        ("components-0-title_fr", "fr", "ltr"),
    ]:
        tag = input_tag(page, name)
        assert f'lang="{language}"' in tag and f'dir="{direction}"' in tag, tag
    # A field that is not translated follows the page.
    assert "lang=" not in input_tag(page, "acronym")


def admin_page(client, url, language, **params):
    client.cookies["django_language"] = language
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def script_settings(page: str) -> dict:
    block = lxml.html.document_fromstring(page).get_element_by_id("registry-admin-settings")
    return json.loads(block.text)


@pytest.mark.parametrize(
    ("interface", "tabs"),
    [
        ("ar", ["العربية", "Français", "English"]),
        ("fr", ["Français", "العربية", "English"]),
        ("en", ["English", "Français", "العربية"]),
    ],
)
def test_language_tabs_start_with_the_interface_language(staff_client, interface, tabs):
    project = ProjectFactory()
    page = admin_page(staff_client, reverse("admin:projects_project_change", args=[project.pk]), interface)
    settings = script_settings(page)
    assert [language["name"] for language in settings["languages"]] == tabs
    assert settings["language"] == interface
    assert "admin/registry.js" in page and "admin/registry.css" in page


def language_switch(page: str) -> dict[str, str]:
    """The switch's buttons: {language code: label}."""
    form = lxml.html.document_fromstring(page).find_class("language-switch")[0]
    assert form.get("action") == reverse("set_language") and form.get("method") == "post"
    return {button.get("value"): button.text_content().strip() for button in form.iter("button")}


def test_the_header_switches_the_admin_language(staff_client):
    page = admin_page(staff_client, reverse("admin:index"), "fr")
    assert language_switch(page) == {"ar": "العربية", "en": "English"}
    assert '<html lang="fr" dir="ltr">' in page

    response = staff_client.post(
        reverse("set_language"), {"language": "ar", "next": reverse("admin:projects_project_changelist")}
    )
    assert response.status_code == 302
    page = staff_client.get(response.url).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert language_switch(page) == {"fr": "Français", "en": "English"}


def test_the_sign_in_page_has_the_language_switch(client):
    page = admin_page(client, reverse("admin:login"), "ar")
    assert language_switch(page) == {"fr": "Français", "en": "English"}


# Interface words left in French or English: a word of three letters or more
# with a lower-case letter (ISO, IATI, DAC and acronyms are upper case).
LATIN_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
# Names that are the same in every language.
TECHNICAL_WORDS = {"slug", "Control", "Command", "sha256", "csv", "xlsx", "tsv", "json", "yaml", "html"}
# What the reader does not see (hidden rows), and what shows data rather than
# the interface: the other languages' inputs and names (lang="fr",
# lang="en"), a file's column names, the rows of a file, the user's name.
DATA = (
    "//script | //style | //textarea | //*[@hidden] | //*[contains(concat(' ', @class, ' '), ' hidden ')]"
    " | //*[@lang and not(starts-with(@lang, 'ar'))]"
    " | //code | //table[contains(@class, 'import-preview')]//td[not(contains(@class, 'errors'))]"
    " | //table[contains(@class, 'import-preview')]//th[position() > 2]"
    " | //*[contains(@class, 'validation-error-field-label')] | //*[@id='user-tools']//strong"
)


def leftovers(page: str) -> set[str]:
    """The French or English words an Arabic reader sees on `page`."""
    document = lxml.html.document_fromstring(page)
    for element in document.xpath(DATA):
        element.drop_tree()
    texts = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        texts += [element.text, element.tail]
        texts += [element.get(name) for name in ("title", "alt", "aria-label", "placeholder")]
        if element.tag == "input" and element.get("type") in {"submit", "button"}:
            texts.append(element.get("value"))
    words = {word for text in texts if text for word in LATIN_WORD.findall(text) if len(word) >= 3}
    return words - TECHNICAL_WORDS


@pytest.fixture
def project():
    project = ProjectFactory()
    project.themes.add(ThemeFactory())
    ParticipationFactory(project=project)
    ComponentFactory(project=project)
    return project


ARABIC_SCREENS = {
    "index": lambda project: reverse("admin:index"),
    "projects": lambda project: reverse("admin:projects_project_changelist"),
    "project": lambda project: reverse("admin:projects_project_change", args=[project.pk]),
    "new project": lambda project: reverse("admin:projects_project_add"),
    "history": lambda project: reverse("admin:projects_project_history", args=[project.pk]),
    "import": lambda project: reverse("admin:projects_project_import"),
    "sign-in attempts": lambda project: reverse("admin:axes_accessattempt_changelist"),
    "new user": lambda project: reverse("admin:auth_user_add"),
}


@pytest.mark.parametrize("screen", ARABIC_SCREENS)
def test_arabic_admin_screen_has_no_french_or_english_left(staff_client, project, screen):
    page = admin_page(staff_client, ARABIC_SCREENS[screen](project), "ar")
    assert leftovers(page) == set()


def test_sign_in_attempts_are_listed_under_an_arabic_name(staff_client):
    page = admin_page(staff_client, reverse("admin:index"), "ar")
    assert "محاولات تسجيل الدخول" in page
    assert ">Axes<" not in page and "AXES" not in page


def test_add_another_row_reads_well_in_arabic(staff_client, project):
    page = admin_page(staff_client, reverse("admin:projects_project_change", args=[project.pk]), "ar")
    formsets = [
        json.loads(element.get("data-inline-formset"))
        for element in lxml.html.document_fromstring(page).find_class("js-inline-admin-formset")
    ]
    add_texts = {formset["options"]["addText"] for formset in formsets}
    assert "إضافة عنصر آخر: المشاركة" in add_texts
    assert not any("آخر" in text.split(":")[-1] for text in add_texts)


def test_import_errors_are_in_arabic(staff_client):
    staff_client.cookies["django_language"] = "ar"
    bad_rows = as_csv([["slug", "acronym", "title_fr", "status"], ["amem", "AMEM", "", "999"]])
    page = preview(staff_client, Project, bad_rows, "csv").content.decode()
    assert "بعض الأسطر غير صالحة" in page
    assert leftovers(page) == set()

    unreadable = preview(staff_client, Project, as_xlsx([["slug"]])[:200], "xlsx")
    page = unreadable.content.decode()
    if unreadable.status_code == 302:
        page = staff_client.get(unreadable.url).content.decode()
    assert "تعذّرت قراءة الملف (&#x27;BadZipFile&#x27;). تأكد أنك اخترت الصيغة الصحيحة للملف." in page
    # The name of the reading error stays, in brackets, for whoever helps.
    assert leftovers(page) == {"BadZipFile"}


@pytest.mark.parametrize(
    ("admin_class", "model", "field_name"),
    [(RegistryGroupAdmin, Group, "permissions"), (RegistryUserAdmin, User, "user_permissions")],
)
def test_permissions_are_named_in_the_interface_language(rf, admin_user, admin_class, model, field_name):
    request = rf.get("/")
    request.user = admin_user
    field = admin_class(model, AdminSite()).get_form(request, admin_user)().fields[field_name]
    publish = Permission.objects.get(codename="publish_project")
    history = Permission.objects.get(codename="view_historicalproject")
    with translation.override("ar"):
        labels = [field.label_from_instance(publish), field.label_from_instance(history)]
    assert labels == [
        "المشاريع | مشروع | النشر والإرجاع إلى المسودة والأرشفة",
        "المشاريع | سجل تغييرات مشروع | عرض",
    ]


def test_permission_labels_replace_the_stored_english_names():
    site = AdminSite()
    translate_permissions(site)
    assert isinstance(site._registry[Group], RegistryGroupAdmin)
    change = Permission.objects.get(codename="change_project")
    with translation.override("fr"):
        assert permission_label(change) == "Projets | projet | Modifier"


def test_export_columns_are_named_in_the_interface_language():
    with translation.override("ar"):
        form = TranslatedExportForm(formats=[CSV], resources=[ProjectResource])
        labels = [
            field.label for field in form.fields.values() if getattr(field, "is_selectable_field", False)
        ]
    assert "العنوان [Français] (title_fr)" in labels
    assert "المجالات (themes)" in labels
    assert not any("Title Fr" in label for label in labels)
