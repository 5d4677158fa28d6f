"""The open-data page and its downloads, under /{lang}/data/."""

from django.urls import path, re_path

from opendata import views as data_views
from opendata.exports import FORMATS, RESOURCES

app_name = "data"

urlpatterns = [
    path("", data_views.DataView.as_view(), name="index"),
    # data:export, e.g. {% url 'data:export' resource='projects' fmt='csv' %}
    re_path(
        rf"^(?P<resource>{'|'.join(RESOURCES)})\.(?P<fmt>{'|'.join(FORMATS)})$",
        data_views.export,
        name="export",
    ),
]
