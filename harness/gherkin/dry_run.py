"""`pytest --bdd-dry-run`: lint the features against the step registry, without a browser.

Resolves every step of every collected scenario (outline rows rendered) the way pytest-bdd does at run
time, so "defined" here means "would be found" there. Lists undefined steps (with the nearest pattern),
step definitions no scenario uses, ambiguous steps, and unknown tags; exits 1 when any of the first
three kinds exists (ambiguity is reported, pytest-bdd resolves it by priority).
"""

from __future__ import annotations

import difflib
import inspect
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.scenario import find_fixturedefs_for_step
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

from harness.gherkin.collector import TAG_PROBLEMS_KEY, ScenarioItem, rendered_steps
from harness.gherkin.premise_check import premise_problems

BUILTIN_STEP_MODULES = {"pytest_bdd.plugin"}  # pytest-bdd's own "trace" step is not ours to use


@dataclass
class DryRunResult:
    scenarios: int = 0
    steps: int = 0
    undefined: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    ambiguous: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    unused: list[str] = field(default_factory=list)
    unknown_tags: list[str] = field(default_factory=list)
    suggestions: dict[tuple[str, str], str] = field(default_factory=dict)
    premises: dict[str, list[str]] = field(default_factory=dict)  # premise problem -> scenarios

    @property
    def failed(self) -> bool:
        return bool(self.undefined or self.unused or self.unknown_tags or self.premises)


def analyse(session: pytest.Session) -> DryRunResult:
    problems: list[str] = session.config.stash.get(TAG_PROBLEMS_KEY, [])
    result = DryRunResult(unknown_tags=list(problems))
    fixturemanager = session._fixturemanager
    definitions = step_definitions(session)
    used: set[int] = set()
    rootpath = session.config.rootpath
    for item in session.items:
        if not isinstance(item, ScenarioItem):
            continue
        result.scenarios += 1
        for step in rendered_steps(item):
            result.steps += 1
            where = f"{relative(item.path, rootpath)}:{step.line_number}"
            matches = list(find_fixturedefs_for_step(step=step, fixturemanager=fixturemanager, node=item))
            key = (step.keyword.strip() or step.type, step.name)
            if not matches:
                result.undefined[key].append(where)
                result.suggestions[key] = nearest(step.name, step.type, definitions)
                continue
            for fixturedef in matches:
                used.add(id(fixturedef.func))
            if len({id(f.func) for f in matches}) > 1:
                result.ambiguous[key] = [
                    describe(step_function_context_registry[f.func], rootpath) for f in matches
                ]
    places = {
        item.nodeid: f"{relative(item.path, rootpath)}:{item.template.line_number}"
        for item in session.items
        if isinstance(item, ScenarioItem)
    }
    result.premises = premise_problems([i for i in session.items if isinstance(i, ScenarioItem)], places)
    unused = [context for func_id, context in definitions.items() if func_id not in used]
    result.unused = [describe(context, rootpath) for context in sorted(unused, key=source_order)]
    return result


def step_definitions(session: pytest.Session) -> dict[int, StepFunctionContext]:
    """Every step definition visible to the session (the steps package and conftests), by fixture func."""
    found: dict[int, StepFunctionContext] = {}
    for name in get_fixture_names(session._fixturemanager):
        for fixturedef in getfixturedefs(session._fixturemanager, name, session) or []:
            context = step_function_context_registry.get(fixturedef.func)
            if context is not None and context.step_func.__module__ not in BUILTIN_STEP_MODULES:
                found[id(fixturedef.func)] = context
    return found


def nearest(text: str, step_type: str, definitions: dict[int, StepFunctionContext]) -> str:
    patterns = [
        str(context.parser.name) for context in definitions.values() if context.type in (None, step_type)
    ]
    close = difflib.get_close_matches(text, patterns, n=1, cutoff=0.5)
    return close[0] if close else ""


def source_order(context: StepFunctionContext) -> tuple[str, int]:
    code = context.step_func.__code__
    return code.co_filename, code.co_firstlineno


def describe(context: StepFunctionContext, rootpath: Path) -> str:
    func = context.step_func
    try:
        file = relative(Path(inspect.getsourcefile(func) or "?"), rootpath)
        line = inspect.getsourcelines(func)[1]
    except (OSError, TypeError):
        file, line = func.__module__, 0
    kind = context.type or "step"
    return f"{file}:{line}: @{kind}({str(context.parser.name)!r})"


def relative(path: Path, rootpath: Path) -> str:
    try:
        return str(Path(path).relative_to(rootpath))
    except ValueError:
        return str(path)


def report(session: pytest.Session) -> bool:
    """Print the dry-run report; True when it found problems."""
    result = analyse(session)
    write = session.config.get_terminal_writer().line
    write("")
    write(f"bdd dry run: {result.scenarios} scenarios, {result.steps} steps, no browser started")
    if result.undefined:
        write(f"undefined steps ({len(result.undefined)}):", red=True)
        for (keyword, name), places in sorted(result.undefined.items()):
            write(
                f"  {places[0]}: {keyword} {name}"
                + (f"  (+{len(places) - 1} more)" if len(places) > 1 else "")
            )
            if result.suggestions.get((keyword, name)):
                write(f"      nearest definition: {result.suggestions[(keyword, name)]!r}")
    if result.unused:
        write(f"unused step definitions ({len(result.unused)}):", red=True)
        for line in result.unused:
            write(f"  {line}")
    if result.unknown_tags:
        write(f"unknown tags ({len(result.unknown_tags)}):", red=True)
        for line in result.unknown_tags:
            write(f"  {line}")
    if result.premises:
        write(f"premises no mock profile can meet ({len(result.premises)}):", red=True)
        for problem, where in sorted(result.premises.items()):
            write(f"  {where[0]}: {problem}" + (f"  (+{len(where) - 1} more)" if len(where) > 1 else ""))
    if result.ambiguous:
        write(f"ambiguous steps ({len(result.ambiguous)}), the last definition wins:", yellow=True)
        for (keyword, name), definitions in sorted(result.ambiguous.items()):
            write(f"  {keyword} {name}: " + "; ".join(definitions))
    if not result.failed:
        write(
            "bdd dry run: every step is defined, every definition used, every tag known, every premise can "
            "be met",
            green=True,
        )
    return result.failed
