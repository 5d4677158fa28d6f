"""The exports of the real seed registry (fixtures/): the IATI file validates
against the schema and the codelists, and every table downloads.

The registry is loaded once for the class and rolled back afterwards.
"""

import csv
import io

import pytest
from django.core.management import call_command
from django.test import TestCase
from lxml import etree

from opendata.exports import RESOURCES
from opendata.iati.activity import for_iati_check, missing_essentials
from projects.models import Project
from tests.opendata.conftest import streamed


@pytest.mark.usefixtures("_iati_oracle")
class SeedRegistryExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_registry", stdout=io.StringIO())

    @pytest.fixture
    def _iati_oracle(self, iati_schema, codelists):
        self.schema, self.codelists = iati_schema, codelists

    def test_registry_iati_file_is_valid(self):
        response = self.client.get("/api/v1/iati/activities.xml")
        self.assertEqual(response.status_code, 200)
        document = etree.fromstring(streamed(response)).getroottree()
        self.assertTrue(self.schema.validate(document), [str(error) for error in self.schema.error_log])
        _checked, problems = self.codelists.problems(document)
        self.assertEqual(problems, [])
        exported = set(document.xpath("//iati-identifier/text()"))
        projects = for_iati_check(Project.objects.published())
        complete = [project for project in projects if not missing_essentials(project)]
        self.assertEqual(len(exported), len(complete))
        self.assertGreater(len(exported), 0)

    def test_every_table_downloads_in_csv(self):
        for name, resource in RESOURCES.items():
            with self.subTest(resource=name):
                response = self.client.get(f"/fr/data/{name}.csv")
                self.assertEqual(response.status_code, 200)
                text = streamed(response).decode("utf-8").lstrip("\ufeff")
                names, *_rows = csv.reader(io.StringIO(text))
                self.assertEqual(names, [column.name for column in resource.columns])

    def test_data_page_renders(self):
        self.assertEqual(self.client.get("/ar/data/").status_code, 200)
