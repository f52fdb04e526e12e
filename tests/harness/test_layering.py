"""The layers import one way: page objects never import back up, and no import hides in a function.

Function-level imports were how `pages/` once broke a 7-file cycle around `pages/app.py`; they hid the
cycle and left navigating methods untyped. The router now sits below the pages (`pages/router.py`).
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "pages"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_pages_modules(tree: ast.AST, known: set[str]) -> set[str]:
    """The `pages` modules a module imports (`from pages import router` names the module pages.router)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "pages":
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "pages")
    return found


def pages_graph() -> dict[str, set[str]]:
    files = list(PAGES.rglob("*.py"))
    known = {module_name(p) for p in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        name = module_name(path)
        if name == "pages":
            continue  # the package's re-exports sit above every page by design
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # a submodule's import of its own package ("pages.components") is not an edge back up
        graph[name] = {m for m in imported_pages_modules(tree, known) if m != "pages" and m != name}
    return graph


def test_the_pages_imports_form_no_cycle() -> None:
    try:
        order = list(TopologicalSorter(pages_graph()).static_order())
    except CycleError as error:
        raise AssertionError(f"pages/ imports form a cycle: {' -> '.join(error.args[1])}") from None
    assert order.index("pages.router") < order.index("pages.interstitial")
    assert order.index("pages.base") < order.index("pages.router")


def test_no_page_object_imports_inside_a_function() -> None:
    hidden = []
    for path in PAGES.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                hidden += [
                    f"{path.relative_to(ROOT)}:{node.lineno}"
                    for node in ast.walk(func)
                    if isinstance(node, (ast.Import, ast.ImportFrom))
                    and (getattr(node, "module", None) or "").startswith("pages")
                ]
    assert hidden == [], f"imports hidden in functions (a sign of a cycle): {hidden}"


def test_the_graph_sees_a_cycle_when_there_is_one() -> None:
    """The check can fail: two modules importing each other are reported."""
    known = {"pages.a", "pages.b"}
    graph = {
        "pages.a": imported_pages_modules(ast.parse("from pages import b"), known),
        "pages.b": imported_pages_modules(ast.parse("from pages.a import A"), known),
    }
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError:
        return
    raise AssertionError("a two-module cycle went unseen")


def test_every_page_with_an_h1_is_known_to_the_router() -> None:
    import pages
    from pages.base import BasePage, registered_pages

    exported = {getattr(pages, n) for n in pages.__all__}
    with_h1 = {c for c in exported if isinstance(c, type) and issubclass(c, BasePage) and c.h1_text}
    assert with_h1 <= set(registered_pages())
    h1s = [c.h1_text for c in registered_pages()]
    assert len(h1s) == len({str(h) for h in h1s}), "two pages share an h1: the router cannot tell them apart"
