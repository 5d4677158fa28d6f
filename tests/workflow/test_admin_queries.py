"""The admin lists touched by the workflow cost the same number of queries
for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ProjectFactory,
)
from tests.workflow.conftest import signed_in

pytestmark = pytest.mark.django_db

FACTORIES = [
    ProjectFactory,
    OrganisationFactory,
    ComponentFactory,
    IndicatorFactory,
    DocumentFactory,
    ActivityFactory,
    EventFactory,
]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_changelist_queries_do_not_grow_with_rows(publisher, factory, django_assert_max_num_queries):
    client = signed_in(publisher)
    model = factory._meta.model
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    factory()
    with_one = count_queries(client, url)
    factory.create_batch(5)
    with django_assert_max_num_queries(with_one):
        client.get(url)


def test_history_queries_do_not_grow_with_versions(publisher, django_assert_max_num_queries):
    client = signed_in(publisher)
    activity = ActivityFactory()
    url = reverse("admin:activities_activity_history", args=[activity.pk])
    activity.title_fr = "Deuxième version"
    activity.save()
    with_two = count_queries(client, url)
    for number in range(5):
        activity.title_fr = f"Version {number}"
        activity.save()
    with django_assert_max_num_queries(with_two):
        client.get(url)
