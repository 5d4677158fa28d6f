"""`/robots.txt` lets crawlers read the public pages, points them to the
sitemap and keeps them out of the admin."""

import pytest


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not any(line in ("Disallow: /", "Disallow: /fr/", "Disallow: /ar/") for line in lines)
    assert client.get("/sitemap.xml").status_code == 200
