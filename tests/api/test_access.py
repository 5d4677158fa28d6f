"""Anonymous reading, partner tokens with a higher rate, 429 past the rate,
write methods refused, and CORS for GET."""

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

LOW_RATES = {"anon": "3/minute", "user": "6/minute"}


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": LOW_RATES}


@pytest.fixture
def partner_token(db):
    return Token.objects.create(user=User.objects.create_user("statistics-office")).key


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anonymous_writes_are_refused(api, registry, method):
    for url in ("/api/v1/projects/", "/api/v1/projects/thamm/"):
        response = getattr(api, method)(url, {"title": "x"}, format="json")
        assert response.status_code in (401, 403), (method, url)
    assert registry["thamm"].title_fr != "x"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_token_does_not_allow_writing(api, registry, partner_token, method):
    api.credentials(HTTP_AUTHORIZATION=f"Token {partner_token}")
    for url in ("/api/v1/projects/", "/api/v1/projects/thamm/"):
        assert getattr(api, method)(url, {"title": "x"}, format="json").status_code == 405


def test_a_bad_token_is_a_401(api, registry):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-one")
    assert api.get("/api/v1/projects/").status_code == 401


def test_anonymous_readers_are_throttled_with_retry_after(api, registry, low_rates):
    for _request in range(3):
        assert api.get("/api/v1/countries/").status_code == 200
    response = api.get("/api/v1/countries/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()


def test_a_partner_token_gets_a_higher_rate(api, registry, partner_token, low_rates):
    api.credentials(HTTP_AUTHORIZATION=f"Token {partner_token}")
    for _request in range(6):
        assert api.get("/api/v1/countries/").status_code == 200
    assert api.get("/api/v1/countries/").status_code == 429


def test_a_token_reads_the_same_published_records(api, registry, partner_token):
    anonymous = api.get("/api/v1/projects/").json()
    api.credentials(HTTP_AUTHORIZATION=f"Token {partner_token}")
    assert api.get("/api/v1/projects/").json() == anonymous


def test_staff_signed_in_see_no_drafts_either(api, registry, admin_user):
    api.force_login(admin_user)
    assert "DRAFT" not in api.get("/api/v1/projects/").content.decode()
    assert api.get("/api/v1/projects/draftp/").status_code == 404


def test_cors_allows_any_site_to_read(api, registry):
    response = api.get("/api/v1/projects/", HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = api.options(
        "/api/v1/projects/",
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match, accept-language",
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
