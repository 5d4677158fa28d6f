"""404 and 500 pages in the visitor's language."""

import pytest
from django.template import loader
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from tests.pages.conftest import html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "direction"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_404_page_in_the_language_of_the_address(client, language, direction):
    response = client.get(f"/{language}/projects/no-such-project/")
    assert response.status_code == 404
    content = html(response)
    assert f'<html lang="{language}" dir="{direction}">' in content
    assert 'data-status="404"' in content
    assert f'href="/{language}/projects/"' in content


def test_404_outside_the_language_tree_follows_the_browser(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl">' in html(response)


@pytest.mark.parametrize(("language", "direction"), [("fr", "ltr"), ("ar", "rtl")])
def test_500_page_needs_no_request_context(language, direction):
    with translation.override(language):
        content = loader.get_template("500.html").render()
    assert f'<html lang="{language}" dir="{direction}">' in content
    assert 'data-status="500"' in content
    assert f'href="/{language}/"' in content


def test_500_handler_renders_the_page():
    request = RequestFactory().get("/ar/")
    with translation.override("ar"):
        response = server_error(request)
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
