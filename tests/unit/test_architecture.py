"""The layers: the domain imports no MkDocs, Material, Jinja or MarkupSafe; only ``adapter/`` does.

Every module of the package is judged, relative imports included
(``from ..adapter import x`` in a domain module is a violation too, since the
adapter imports MkDocs), so a ward can move to another engine by rewriting
the adapter alone.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "plugins" / "bantin"
ENGINE = ("mkdocs", "material", "jinja2", "markupsafe")
ADAPTER = "bantin.adapter"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path) -> set[str]:
    """Absolute names of everything a module imports, relative imports resolved."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                parent = package.split(".")
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join(parent + ([node.module] if node.module else []))
            found.add(base)
            # ``from . import x`` / ``from .. import adapter``: x may be a module.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def is_adapter(module: str) -> bool:
    return module == ADAPTER or module.startswith(ADAPTER + ".")


def violations(root: Path) -> list[str]:
    """Domain modules that reach an engine, directly or through the adapter."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root)
        if is_adapter(module):
            continue
        for name in sorted(imports(path, root)):
            if name.split(".")[0] in ENGINE or is_adapter(name):
                found.append(f"{module}: {name}")
    return found


def test_domain_imports_no_engine() -> None:
    assert violations(PACKAGE) == []


def test_every_module_is_judged() -> None:
    """Every module is either domain (judged) or adapter; none is skipped by name."""
    modules = [module_name(p, PACKAGE) for p in PACKAGE.rglob("*.py")]
    domain = [m for m in modules if not is_adapter(m)]
    adapter = [m for m in modules if is_adapter(m)]
    assert len(domain) + len(adapter) == len(modules)
    # The packages the brief names as domain are there and judged.
    for package in (
        "core",
        "posts",
        "indicators",
        "views",
        "feeds",
        "news",
        "publish",
        "importer",
        "images",
        "search",
        "bulletins",
    ):
        assert f"bantin.{package}" in domain, package
    # The plugins and their configuration live in the adapter.
    for module in ("plugin", "publish_plugin", "config", "publish_config", "cli"):
        assert f"{ADAPTER}.{module}" in adapter, module


def test_only_the_adapter_imports_the_engine() -> None:
    """The engine is imported somewhere (the scan sees it), and only under adapter/."""
    users = {
        module_name(p, PACKAGE)
        for p in PACKAGE.rglob("*.py")
        if any(n.split(".")[0] in ENGINE for n in imports(p, PACKAGE))
    }
    assert users and all(is_adapter(m) for m in users)


def test_entry_points_are_adapters() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    targets = [
        *project["scripts"].values(),
        *project["entry-points"]["mkdocs.plugins"].values(),
    ]
    assert targets and all(is_adapter(t.split(":")[0]) for t in targets)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import jinja2\n", "bantin.fake.mod: jinja2"),
        ("from markupsafe import escape\n", "bantin.fake.mod: markupsafe"),
        ("from mkdocs.plugins import BasePlugin\n", "bantin.fake.mod: mkdocs.plugins"),
        ("import material.plugins\n", "bantin.fake.mod: material.plugins"),
        ("from ..adapter.pages import SitePages\n", "bantin.fake.mod: bantin.adapter.pages"),
        ("from .. import adapter\n", "bantin.fake.mod: bantin.adapter"),
        ("def f():\n    import jinja2\n", "bantin.fake.mod: jinja2"),
    ],
)
def test_the_check_can_fail(tmp_path: Path, source: str, expected: str) -> None:
    root = tmp_path / "bantin"
    (root / "fake").mkdir(parents=True)
    (root / "adapter").mkdir()
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "fake" / "__init__.py").write_text("", encoding="utf-8")
    (root / "adapter" / "__init__.py").write_text("import mkdocs\n", encoding="utf-8")
    (root / "fake" / "mod.py").write_text(source, encoding="utf-8")
    assert expected in violations(root)
