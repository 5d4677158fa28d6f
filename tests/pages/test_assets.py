"""One stylesheet in logical properties, fonts served locally, nothing from a CDN."""

import re
from pathlib import Path

from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"
TEMPLATES = Path(settings.BASE_DIR) / "templates"
PUBLIC_TEMPLATES = [
    path for path in TEMPLATES.rglob("*.html") if path.relative_to(TEMPLATES).parts[0] not in {"admin", "api"}
]


def stylesheet() -> str:
    css = (STATIC / "css" / "site.css").read_text()
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def test_stylesheet_uses_logical_properties_only():
    css = stylesheet()
    assert not re.search(r"\b(left|right)\b", css, re.I), re.findall(r".*\b(?:left|right)\b.*", css, re.I)
    assert "text-align: start" in css
    assert "margin-inline" in css
    assert "padding-inline" in css
    assert "inset-inline-start" in css
    assert "border-inline-start" in css


def test_fonts_are_served_locally_with_their_licence():
    css = stylesheet()
    fonts = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert set(fonts) == {
        "NotoSans-Regular.woff2",
        "NotoSans-Bold.woff2",
        "NotoNaskhArabic-Regular.woff2",
        "NotoNaskhArabic-Bold.woff2",
    }
    for font in fonts:
        assert (STATIC / "fonts" / font).stat().st_size > 10_000
    assert "SIL OPEN FONT LICENSE" in (STATIC / "fonts" / "OFL.txt").read_text()


def test_no_asset_from_another_site():
    css = stylesheet()
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", css)
    assert "@import" not in css
    for template in PUBLIC_TEMPLATES:
        text = template.read_text()
        assert not re.search(r"<(?:link|script|img)[^>]+(?:href|src)=\"(?:https?:)?//", text), template


def test_templates_have_no_inline_script_or_style():
    for template in PUBLIC_TEMPLATES:
        text = template.read_text()
        assert "<script" not in text, template
        assert "<style" not in text, template
        assert " style=" not in text, template
