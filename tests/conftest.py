import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _french_by_default():
    # Each test starts in the default language, whatever the previous one did.
    with translation.override("fr"):
        yield


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client
