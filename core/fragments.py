"""Keys of the parts of pages kept in the cache under the versions of what
they show (project cards, a sheet's activity blocks): a digest of those
versions, and one of the template that renders the part, so that a new
release never shows a part rendered by the old one."""

import functools
import hashlib
import inspect

from django.template.loader import get_template


def versions_digest(shown) -> str:
    return hashlib.blake2b(".".join(map(str, shown)).encode(), digest_size=16).hexdigest()


@functools.cache
def template_release(name: str) -> str:
    source = get_template(name).template.source
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


@functools.cache
def code_release(*modules) -> str:
    """A digest of the code of `modules` (what writes a kept part that no
    template renders: a download's rows, an IATI activity)."""
    source = "".join(inspect.getsource(module) for module in modules)
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()
