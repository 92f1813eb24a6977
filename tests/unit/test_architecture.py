"""The domain stays free of MkDocs, so a ward can move to another engine by rewriting adapters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "bantin"
ENGINE_FREE = ["core", "posts", "indicators", "views", "feeds", "importer", "images", "search"]
ADAPTER_NAMES = {"plugin.py", "config.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", ENGINE_FREE)
def test_domain_does_not_import_mkdocs(package: str) -> None:
    folder = PACKAGE / package
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted(folder.rglob("*.py"))
        if path.name not in ADAPTER_NAMES
        for name in _imports(path)
        if name == "mkdocs" or name.startswith(("mkdocs.", "material"))
    ]
    assert offenders == []


def test_importer_does_not_import_templates() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted((PACKAGE / "importer").rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in ("mkdocs", "material", "jinja2", "markupsafe")
    ]
    assert offenders == []


def test_the_check_can_fail() -> None:
    fake = PACKAGE / "core" / "text.py"
    assert "re" in _imports(fake)  # the scanner sees imports at all
