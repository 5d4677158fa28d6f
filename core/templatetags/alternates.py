"""Links between the language versions of a page.

Every public path exists under /fr/, /ar/ and /en/ with the same English
segments, so a page's other versions are the same path under another
prefix, with the same query string (filters and page). This also holds on a
404 page, where `translate_url` cannot resolve the path.
"""

from django import template
from django.conf import settings
from django.urls import get_script_prefix
from django.utils.translation import get_language, get_language_info

register = template.Library()

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def split_language(path: str) -> tuple[str | None, str]:
    """(language, rest) for a path such as /ar/projects/ -> ("ar", "projects/")."""
    head, _slash, rest = path.lstrip("/").partition("/")
    if head in LANGUAGE_CODES:
        return head, rest
    return None, path.lstrip("/")


def path_in(path: str, language: str | None) -> str:
    """`path` under another language prefix; without one (None) for x-default,
    where LocaleMiddleware redirects by the browser's language."""
    current, rest = split_language(path)
    if current is None and language is not None:
        # A path outside the language tree (an unknown address): offer each
        # language's home page rather than a path that does not exist.
        rest = ""
    prefix = f"{language}/" if language else ""
    return f"{get_script_prefix()}{prefix}{rest}"


@register.simple_tag(takes_context=True)
def page_links(context):
    """The canonical address of the page, its versions in every language
    (for the switcher and `hreflang`), and its x-default address."""
    request = context.get("request")
    path = request.path_info if request is not None else "/"
    query = request.GET.urlencode() if request is not None else ""
    suffix = f"?{query}" if query else ""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]

    def absolute(url):
        return request.build_absolute_uri(url) if request is not None else url

    languages = []
    for code in LANGUAGE_CODES:
        url = path_in(path, code) + suffix
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name": info["name_local"],
                "bidi": info["bidi"],
                "url": url,
                "absolute_url": absolute(url),
                "current": code == current,
            }
        )
    return {
        "canonical": absolute(path_in(path, current) + suffix),
        "languages": languages,
        "x_default": absolute(path_in(path, None) + suffix),
    }
