"""In the admin, each translated field's input is in its own language and
direction, whatever the interface's language."""

import re

import pytest
from django.urls import reverse

from tests.factories import ComponentFactory, ProjectFactory

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
