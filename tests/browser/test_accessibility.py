"""Accessibility of the public pages, checked by axe-core (the version pinned
in package.json) in Chromium, in French and in Arabic.

A serious or critical violation fails the test; minor and moderate ones, and
what axe could not decide alone, are written to test-artifacts/axe/ for review.
"""

import json

import pytest

from tests.browser.pages import LANGUAGES, PAGES, page_path

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def axe_results(page, axe_script) -> dict:
    """axe's violations, and what it could not decide alone (to review by hand)."""
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return {violations: results.violations, incomplete: results.incomplete};
        }"""
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '')!r}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_reports(artifacts):
    folder = artifacts / "axe"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violation(new_page, axe_script, axe_reports, name, language):
    # Injecting axe is an inline script: a Content-Security-Policy must not stop it.
    page = new_page(bypass_csp=True)
    response = page.goto(page_path(language, name))
    assert response.status == 200

    results = axe_results(page, axe_script)
    violations = results["violations"]

    counts = {}
    for violation in violations:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + 1
    report = {
        "page": page.url,
        "counts": counts,
        "to_review": sorted({check["id"] for check in results["incomplete"]}),
        "violations": violations,
    }
    (axe_reports / f"{language}-{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
    assert not blocking, f"axe on {page.url}:\n{describe(blocking)}"
