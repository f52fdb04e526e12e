"""One wiring point: the root conftest names only the harness plugin and the steps; harness/plugin.py alone
overrides pytest-playwright's fixtures; every option a harness module defines is read into HarnessOptions."""

from __future__ import annotations

import ast
from pathlib import Path

from harness import plugin
from harness.run import options

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "harness"
OVERRIDDEN = {"browser_type_launch_args", "browser_context_args", "context"}


def _modules() -> list[Path]:
    return sorted(p for p in HARNESS.rglob("*.py") if "__pycache__" not in p.parts)


def _functions(path: Path) -> list[ast.FunctionDef]:
    """Module-level functions: hooks and fixtures (a class's hook methods are registered as an object)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in tree.body if isinstance(node, ast.FunctionDef)]


def _fixtures(path: Path) -> set[str]:
    return {f.name for f in _functions(path) if any("fixture" in ast.unparse(d) for d in f.decorator_list)}


def test_the_root_conftest_names_only_the_harness_plugin_and_the_steps() -> None:
    tree = ast.parse((ROOT / "conftest.py").read_text(encoding="utf-8"))
    plugins = [
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "pytest_plugins"
    ]
    assert plugins == [["harness.plugin", "steps"]]


def test_every_subsystem_plugin_is_registered_by_the_harness_plugin() -> None:
    hooks = {
        "pytest_addoption",
        "pytest_configure",
        "pytest_collection_modifyitems",
        "pytest_runtest_makereport",
    }
    defining = set()
    for path in _modules():
        if {f.name for f in _functions(path)} & hooks or _fixtures(path):
            defining.add(".".join(path.relative_to(ROOT).with_suffix("").parts))
    # Registered at configure time by harness/plugin.py itself (see its pytest_configure).
    at_configure = {"harness.plugin", "harness.run.base_url", "harness.selfcheck.defect_matrix"}
    missing = defining - set(plugin.pytest_plugins) - at_configure
    assert not missing, f"plugin modules harness/plugin.py does not register: {sorted(missing)}"


def test_only_the_wiring_point_overrides_pytest_playwrights_fixtures() -> None:
    elsewhere = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in _modules()
        if path != HARNESS / "plugin.py"
        for name in _fixtures(path) & OVERRIDDEN
    }
    assert not elsewhere, f"fixtures overridden outside harness/plugin.py: {sorted(elsewhere)}"
    assert _fixtures(HARNESS / "plugin.py") >= OVERRIDDEN


def _option_dests() -> dict[str, str]:
    """dest -> where it is defined, for every `addoption("--name", ...)` and `addini("name", ...)`."""
    found = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in ("addoption", "addini") or not node.args:
                continue
            first = node.args[0]
            dest = next((k.value for k in node.keywords if k.arg == "dest"), None)
            if isinstance(dest, ast.Constant) and isinstance(dest.value, str):
                found[dest.value] = str(path.relative_to(ROOT))
            elif isinstance(first, ast.Constant) and isinstance(first.value, str):
                found[first.value.lstrip("-").replace("-", "_")] = str(path.relative_to(ROOT))
    return found


def test_every_harness_option_is_read_into_harness_options() -> None:
    reader = Path(options.__file__).read_text(encoding="utf-8")
    unread = {dest: where for dest, where in _option_dests().items() if f'"{dest}"' not in reader}
    assert not unread, f"options not read into HarnessOptions (harness/run/options.py): {unread}"


def test_every_module_root_is_the_checkout() -> None:
    """A module's `ROOT` (where it finds requirements.toml, reports/, features/) survives a move."""
    import importlib

    for path in _modules():
        if "ROOT = " not in path.read_text(encoding="utf-8"):
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module_root = getattr(importlib.import_module(name), "ROOT", None)
        if isinstance(module_root, Path):
            assert module_root == ROOT, f"{name}.ROOT is {module_root}, not the checkout {ROOT}"
