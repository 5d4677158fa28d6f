"""Every model lists its members in Django's order (its coding style):
choices and constants, fields, managers, `class Meta`, `__str__`, `save`,
`get_absolute_url`, then other methods. ruff's DJ012 checks this only for
classes that subclass `models.Model` in the same module, which none of ours
do (they build on core's PublishableModel or VersionedModel)."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ORDER = ["constant", "field", "manager", "Meta", "__str__", "save", "get_absolute_url", "method"]


def kind(statement) -> str | None:
    if isinstance(statement, ast.ClassDef):
        return "Meta" if statement.name == "Meta" else "constant"
    if isinstance(statement, ast.FunctionDef):
        return statement.name if statement.name in ORDER else "method"
    if isinstance(statement, ast.Assign | ast.AnnAssign):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if not isinstance(targets[0], ast.Name):
            return None  # e.g. `natural_key.dependencies = [...]`
        name = targets[0].id
        if name.isupper():
            return "constant"
        source = ast.unparse(statement.value) if statement.value is not None else ""
        if name == "objects" or "as_manager()" in source or "Manager(" in source:
            return "manager"
        return "field"
    return None


def registry_models_modules():
    for app in apps.get_app_configs():
        path = Path(app.path) / "models.py"
        if path.is_file() and path.parent.parent == Path(settings.BASE_DIR):
            yield pytest.param(path, id=app.label)


@pytest.mark.parametrize("path", registry_models_modules())
def test_model_members_are_in_djangos_order(path):
    tree = ast.parse(path.read_text())
    disorders = []
    for model in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        reached = 0
        for statement in model.body:
            member = kind(statement)
            if member is None:
                continue
            rank = ORDER.index(member)
            if rank < reached:
                disorders.append(f"{model.name}: {member} (line {statement.lineno}) after {ORDER[reached]}")
            reached = max(reached, rank)
    assert not disorders


def test_the_check_sees_a_disorder():
    tree = ast.parse("class M(Base):\n    class Meta:\n        pass\n    title = Field()\n")
    members = [kind(statement) for statement in tree.body[0].body]
    assert [ORDER.index(member) for member in members] == [3, 1]
