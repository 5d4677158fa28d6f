"""In a browser, in the French and the Arabic admin: an editor's change to a
published project stays invisible to the public until a publisher approves
it on the project's form."""

import pytest

from projects.models import Project
from tests.workflow.conftest import member_of

PASSPHRASE = "a long passphrase 42"  # the one member_of gives


def signed_in(new_page, live_server, username: str, language: str):
    page = new_page()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSPHRASE)
    with page.expect_navigation():
        page.click("input[type=submit]")
    return page


def fill_translated(page, field_id: str, value: str):
    # The input sits in its language's tab: open that tab first.
    panel = page.evaluate(f"document.getElementById('{field_id}').closest('.ui-tabs-panel')?.id")
    if panel:
        page.click(f"a[href='#{panel}']")
    page.fill(f"#{field_id}", value)


def public_text(new_page, language: str) -> str:
    visitor = new_page()
    visitor.goto(f"/{language}/projects/bsg/")
    return visitor.inner_text("main")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_editors_change_is_public_only_once_a_publisher_approves_it(new_page, live_server, language):
    bsg = Project.objects.get(slug="bsg")
    field = f"summary_{language}"
    original = getattr(bsg, field)
    proposed = "Résumé relu par l'équipe du ministère." if language == "fr" else "ملخص راجعه فريق الوزارة."
    member_of("Editors", f"editor-{language}")
    member_of("Publishers", f"publisher-{language}")
    change_page = f"/admin/projects/project/{bsg.pk}/change/"
    try:
        editor = signed_in(new_page, live_server, f"editor-{language}", language)
        editor.goto(change_page)
        assert editor.locator("html").get_attribute("lang") == language
        fill_translated(editor, f"id_{field}", proposed)
        with editor.expect_navigation():
            editor.click("input[name=_save]")
        assert editor.locator(".messagelist .warning").count() == 1
        assert proposed in editor.inner_text(".review-panel")

        assert proposed not in public_text(new_page, language)

        publisher = signed_in(new_page, live_server, f"publisher-{language}", language)
        publisher.goto(change_page)
        assert proposed in publisher.inner_text(".review-panel")
        with publisher.expect_navigation():
            publisher.click("button[name=decision][value=approve]")
        assert publisher.locator(".messagelist .success").count() == 1
        assert publisher.locator(".review-panel").count() == 0

        assert proposed in public_text(new_page, language)
    finally:
        # Other browser tests read the seed registry as it was.
        bsg.refresh_from_db()
        setattr(bsg, field, original)
        bsg.save()
