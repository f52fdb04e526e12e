"""contract.py is the one place the app's contract is written: go-no-go.toml's stages are its stages, the
mock journals each endpoint by its name, and no other Python module spells a toggle name or an app route."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import contract
from mocks.api import MockConfig, create_app
from mocks.api.middleware import EndpointNames

ROOT = Path(__file__).resolve().parent.parent
# Only the contract and its own test may spell what it holds.
OWNERS = {ROOT / "contract.py", Path(__file__).resolve()}
SKIPPED_DIRS = {".venv", "node_modules", ".git"}
SPELLINGS = {
    "a toggle name": re.compile(r"mhv_secure_messaging_\w*"),
    "an app route": re.compile(r"/my-health/secure-messages[\w/-]*"),
}
# One request to each endpoint of the contract: (method, path, its name).
CALLS = [
    ("GET", "/v0/user", "user"),
    ("GET", "/v0/feature_toggles", "feature_toggles"),
    ("GET", "/data/cms/vamc-ehr.json", "vamc_ehr"),
    ("GET", f"{contract.MESSAGING}/allrecipients", "allrecipients"),
    ("POST", f"{contract.MESSAGING}/folders/-1/search", "sent_search"),
    ("GET", f"{contract.MESSAGES}/categories", "categories"),
    ("GET", f"{contract.MESSAGING}/preferences/signature", "signature"),
    ("POST", contract.MESSAGE_DRAFTS, "draft_create"),
    ("PUT", f"{contract.MESSAGE_DRAFTS}/12", "draft_update"),
    ("DELETE", f"{contract.MESSAGES}/12", "draft_delete"),
    ("POST", contract.MESSAGES, "send"),
    ("GET", contract.TOOLTIPS, "tooltips"),
    ("GET", f"{contract.MESSAGING}/folders", "folders"),
]


def test_go_no_go_stages_are_the_contracts() -> None:
    stages = tomllib.loads((ROOT / "go-no-go.toml").read_text())["stages"]
    in_toml = [(name, float(table["percentage"])) for name, table in stages.items()]
    assert in_toml == [(s.name, float(s.percentage)) for s in contract.STAGES]


def test_the_contract_sits_below_every_other_part() -> None:
    """It imports only the standard library, so pages, harness, mocks and steps can all import it."""
    tree = ast.parse((ROOT / "contract.py").read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert {name.split(".")[0] for name in imported} <= {*sys.stdlib_module_names, "__future__"}


def _modules(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        if not SKIPPED_DIRS & set(path.relative_to(root).parts) and path not in OWNERS:
            yield path


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring constants: prose may name a toggle or a route."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def spelled_outside_the_contract(root: Path) -> list[str]:
    """`file:line: ...` for each string literal under `root` (f-string parts included, docstrings not) that
    spells a toggle name or an app route."""
    found = []
    for path in _modules(root):
        tree = ast.parse(path.read_text(), str(path))
        docstrings = _docstrings(tree)
        strings = sorted(
            (node.lineno, node.col_offset, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        )
        for line, _, text in strings:
            found += [
                f"{path.relative_to(root)}:{line}: spells {what} ({match[0]!r}); import it from contract"
                for what, spelling in SPELLINGS.items()
                if (match := spelling.search(text))
            ]
    return found


def test_no_other_module_spells_a_toggle_name_or_a_route() -> None:
    found = spelled_outside_the_contract(ROOT)
    assert not found, "\n".join(found)


def test_the_scan_reads_f_strings_and_skips_docstrings(tmp_path: Path) -> None:
    (tmp_path / "probe.py").write_text(
        '"""Prose may say mhv_secure_messaging_x."""\n\nURL = f"{1}/my-health/secure-messages/"\n'
        'NAME = "mhv_secure_messaging_x"\n'
    )
    found = [line.split(": ")[0] for line in spelled_outside_the_contract(tmp_path)]
    assert found == ["probe.py:3", "probe.py:4"]


@pytest.mark.parametrize(("method", "path", "name"), CALLS)
def test_the_mock_journals_each_endpoint_by_the_contracts_name(method: str, path: str, name: str) -> None:
    """The mock routes with Starlette's path templates; its route names are the journal's endpoint names."""
    assert contract.endpoint_of(method, f"http://127.0.0.1:9{path}?useCache=false") == name
    names = EndpointNames(create_app(MockConfig()).routes)
    assert names({"type": "http", "method": method, "path": path, "root_path": ""}) == name


def test_every_endpoint_of_the_contract_is_called_above() -> None:
    assert [name for _, _, name in CALLS] == list(contract.ENDPOINTS)
