"""Site-wide public pages: home, funders, events, data."""

app_name = "site"

urlpatterns = []
