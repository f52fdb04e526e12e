"""Collect `.feature` files directly: `pytest features/x.feature` and `pytest "features/x.feature::Name"`.

pytest-bdd needs a `test_*.py` module calling `scenarios()`, and its node ids name that wrapper module.
Here each feature file is itself a pytest Module whose items are named after the scenarios, so node ids,
failures and `-k` read in the feature's words. Scenarios run through pytest-bdd's own executor, so its
step lookup and hooks (which the evidence recorder listens to) behave exactly as with `scenarios()`.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _pytest._code.code import TerminalRepr, Traceback, TracebackStyle
from _pytest.python import FunctionDefinition, Metafunc
from pytest_bdd.feature import get_feature
from pytest_bdd.parser import Feature, ScenarioTemplate, Step
from pytest_bdd.scenario import _execute_scenario, scenario_wrapper_template_registry

from harness.gherkin import tags
from harness.run.options import options_of

EXAMPLE_FIXTURE = "_pytest_bdd_example"


class ScenarioItem(pytest.Function):
    """One scenario (or one Examples row of an outline); reports point at the .feature file."""

    template: ScenarioTemplate

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.template.line_number - 1, f"Scenario: {self.template.name}"

    def _traceback_filter(self, excinfo: pytest.ExceptionInfo[BaseException]) -> Traceback:
        # A failing step should show our steps and pages, not pytest's, pytest-bdd's or Playwright's
        # internals (the exception message keeps Playwright's call log). --fulltrace shows everything.
        traceback = super()._traceback_filter(excinfo)
        if self.config.getoption("fulltrace", False):
            return traceback
        root, venv = self.config.rootpath, self.config.rootpath / ".venv"
        ours = traceback.filter(lambda entry: is_project_file(Path(entry.path), root, venv))
        return ours or traceback


def rendered_steps(item: ScenarioItem) -> list[Step]:
    """The scenario's steps as they run: an outline's row filled in."""
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get(EXAMPLE_FIXTURE, {}) if callspec is not None else {}
    return list(item.template.render(example).steps)


class FeatureFile(pytest.Module):
    """A .feature file as a pytest module; its object is a synthetic module holding the scenarios."""

    def _getobj(self) -> types.ModuleType:
        module = types.ModuleType(f"feature:{self.path.name}")
        module.__file__ = str(self.path)
        return module

    def feature(self) -> Feature:
        return get_feature(str(self.path.parent), self.path.name)

    def collect(self) -> Iterable[pytest.Item | pytest.Collector]:
        feature = self.feature()
        requirements = self.config.stash[REQUIREMENTS_KEY]
        problems = tags.unknown_tags(all_tags(feature), self.path, requirements, shown_as=self.nodeid)
        if problems and options_of(self.config).dry_run:
            # The dry run lists every problem of every feature, then exits non-zero.
            self.config.stash.setdefault(TAG_PROBLEMS_KEY, []).extend(problems)
        elif problems:
            raise tags.UnknownTagError("\n".join(problems))
        duplicates = duplicate_scenarios(self.path.read_text(encoding="utf-8"))
        if duplicates:
            raise DuplicateScenarioError(
                "\n".join(
                    f"{self.nodeid}:{lines[1]}: scenario name {name!r} already used on line {lines[0]}; "
                    "names must be unique (they are the node ids)"
                    for name, lines in duplicates.items()
                )
            )
        # In a dry run the bad tags are listed, not applied, so the rest of the feature is still checked.
        self._skip_tags = {tag for tag in all_tags(feature) if tags.tag_problem(tag, requirements)}
        items: list[pytest.Item | pytest.Collector] = []
        for template in feature.scenarios.values():
            items.extend(self._scenario_items(feature, template))
        return items

    def _scenario_items(self, feature: Feature, template: ScenarioTemplate) -> Iterator[ScenarioItem]:
        function = scenario_function(feature, template, self.config, self._skip_tags)
        definition = FunctionDefinition.from_parent(self, name=template.name, callobj=function)
        metafunc = Metafunc(
            definition=definition,
            fixtureinfo=definition._fixtureinfo,
            config=self.config,
            cls=None,
            module=self.obj,
            _ispytest=True,
        )
        self.ihook.pytest_generate_tests(metafunc=metafunc)
        if not metafunc._calls:
            item = ScenarioItem.from_parent(
                self, name=template.name, callobj=function, fixtureinfo=definition._fixtureinfo
            )
            item.template = template
            yield item
            return
        metafunc._recompute_direct_params_indices()
        definition._fixtureinfo.prune_dependency_tree()
        for callspec in metafunc._calls:
            item = ScenarioItem.from_parent(
                self,
                name=f"{template.name}[{callspec.id}]",
                callobj=function,
                callspec=callspec,
                fixtureinfo=definition._fixtureinfo,
                keywords={callspec.id: True},
                originalname=template.name,
            )
            item.template = template
            yield item

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        # A bad tag is the author's mistake, not ours: show the message, not our traceback.
        if isinstance(excinfo.value, tags.UnknownTagError | DuplicateScenarioError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class DuplicateScenarioError(Exception):
    """Two scenarios of one feature share a name; pytest-bdd would silently keep only the last."""


_SCENARIO_LINE = re.compile(r"^\s*(?:Scenario Outline|Scenario Template|Scenario|Example):\s*(.*?)\s*$")


def duplicate_scenarios(feature_text: str) -> dict[str, list[int]]:
    """Scenario names used more than once, with their line numbers."""
    seen: dict[str, list[int]] = {}
    for number, line in enumerate(feature_text.splitlines(), start=1):
        match = _SCENARIO_LINE.match(line)
        if match:
            seen.setdefault(match.group(1), []).append(number)
    return {name: lines for name, lines in seen.items() if len(lines) > 1}


REQUIREMENTS_KEY = pytest.StashKey[dict[str, tags.Requirement]]()
TAG_PROBLEMS_KEY = pytest.StashKey[list[str]]()


def all_tags(feature: Feature) -> set[str]:
    """Every tag in the feature: on the feature, rules, scenarios and Examples blocks."""
    found = set(feature.tags)
    for template in feature.scenarios.values():
        found |= template.tags
        if template.rule is not None:
            found |= template.rule.tags
        for examples in template.examples:
            found |= examples.tags
    return found


def scenario_function(
    feature: Feature, template: ScenarioTemplate, config: pytest.Config, skip_tags: set[str]
) -> Callable[..., None]:
    """The test function for one scenario, marked with its tags and parametrized by its Examples rows."""

    def scenario_wrapper(request: pytest.FixtureRequest, _pytest_bdd_example: dict[str, str]) -> None:
        __tracebackhide__ = True
        _execute_scenario(feature, template.render(_pytest_bdd_example), request)

    function: Callable[..., None] = scenario_wrapper
    examples = example_params(template, skip_tags)
    if examples:
        function = pytest.mark.parametrize(EXAMPLE_FIXTURE, examples)(function)
    rule_tags = template.rule.tags if template.rule is not None else set()
    for tag in sorted((template.tags | feature.tags | rule_tags) - skip_tags):
        function = config.hook.pytest_bdd_apply_tag(tag=tag, function=function)
    function.__doc__ = f"{feature.name}: {template.name}"
    # pytest-bdd's own tools (missing-step generation) find the template through this registry.
    scenario_wrapper_template_registry[function] = template
    return function


def example_params(template: ScenarioTemplate, skip_tags: set[str]) -> list[Any]:
    """One pytest.param per Examples row, marked with its Examples block's tags (req:X -> req("X")) and
    its patient profile (see tags.profile_marks)."""
    params = []
    for examples in template.examples:
        marks = [tags.mark_for(tag) for tag in sorted(examples.tags - skip_tags)]
        for context in examples.as_contexts():
            row_marks = [*marks, *tags.profile_marks(context)]
            params.append(pytest.param(context, id="-".join(context.values()), marks=row_marks))
    return params


def is_project_file(path: Path, root: Path, venv: Path) -> bool:
    return path.is_relative_to(root) and not path.is_relative_to(venv)


def is_feature_file(file_path: Path) -> bool:
    return file_path.suffix == ".feature"
