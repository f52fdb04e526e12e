"""The accessibility tree as a contract: Playwright's aria snapshot of each page state the axe scan sees,
stored in the repo (`features/aria-snapshots/<page-state>.yml`, one file per page state key) and checked
with `expect(locator).to_match_aria_snapshot(template)`; plus, from the same hook, the page state's
screen-reader transcript (harness.accessibility.transcript).

- `--update-aria-snapshots` (mock runs) writes the templates instead of checking them.
- Mock runs: a page state that does not match its template fails the scenario with Playwright's diff.
- Staging runs (read-only): the difference between the real site and the stand-in's template is recorded
  in the evidence and shown in the report, never a failure; nothing is written.

A template is the snapshot generalised, so it holds on any seed, patient and VA fixture folder:
- patient data becomes a regex: text holding the names and places the app received (care teams, care
  systems, facilities, the patient's name), dates and numbers (`/You can't send messages to .+/`);
- the values typed or chosen in text boxes and combo boxes are left out, and so are the checked, expanded
  and selected states of items whose name is patient data (which one is checked depends on the patient);
- siblings that read the same once generalised are kept once: Playwright matches children partially by
  default (a template's children must appear, in order, among the page's), so one generalised care team
  stands for a list of any length;
- a page state reached several times in one update run (other scenarios, toggles or patients) keeps only
  what all of them share (their common subsequence, node by node), so the template holds for each.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import re
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from harness.accessibility import transcript
from harness.accessibility.page_state import ScanCache, slug
from harness.accessibility.ruleset import SM_CONTAINER
from harness.evidence import history
from harness.evidence.run import history_dir
from harness.oracle.patient import ObservedPatient
from harness.oracle.shapes import shapes_of
from harness.oracle.traffic import ObservedTraffic
from harness.run.options import options_of

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT_DIR = ROOT / "features" / "aria-snapshots"
MATCH_TIMEOUT_MS = 2000  # the state is settled (axe has just scanned it): a match is immediate
# Where a difference is only reported (staging, or a patient shape with no template of its own), one look
# decides: waiting out MATCH_TIMEOUT_MS for a tree that was never going to match cost 2 s a scan there.
REPORT_ONLY_TIMEOUT_MS = 100
RUN_KEY = pytest.StashKey[str]()
HISTORY_KEY = pytest.StashKey[list[history.Entry]]()
VALUE_ROLES = {"textbox", "combobox", "searchbox", "spinbutton", "slider"}
STATE_ATTRS = re.compile(r"\[(?:checked|expanded|selected|pressed)(?:=[^\]]*)?\]")
_HEAD = re.compile(
    r'^(?P<role>[\w-]+)(?: (?P<name>"(?:[^"\\]|\\.)*"|/(?:[^/\\]|\\.)*/))?(?P<attrs>(?: \[[^\]]+\])*)$'
)
_REGEX_SPECIAL = re.compile(r"([\\^$.*+?()[\]{}|/])")
PATTERN = {"data": ".+", "date": "[A-Za-z.]+(?: [A-Z]+)?", "number": "\\d+"}


# ---------------------------------------------------------------- the template tree


@dataclass
class Node:
    """One entry of an aria snapshot: `role "name" [attrs]`, a text value or children, and props."""

    role: str
    name: str | None = None  # '"quoted"' or '/regex/' as in the YAML, None when unnamed
    attrs: str = ""  # ' [level=1] [checked]'
    value: str | None = None  # text: '- paragraph: text'
    children: list[Node] = field(default_factory=list)
    props: dict[str, str] = field(default_factory=dict)  # '/url'

    @property
    def head(self) -> str:
        return f"{self.role}{' ' + self.name if self.name else ''}{self.attrs}"

    def key(self) -> str:
        return json.dumps(emit_node(self), sort_keys=True, ensure_ascii=False)


def parse(text: str) -> list[Node]:
    """Playwright's aria snapshot YAML as nodes."""
    return [_node(item) for item in (yaml.safe_load(_uncommented(text)) or [])]


def _uncommented(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _node(item: Any) -> Node:
    if isinstance(item, str):
        return _from_head(item)
    ((head, body),) = item.items()
    node = _from_head(str(head))
    if isinstance(body, list):
        for child in body:
            if isinstance(child, dict) and len(child) == 1 and str(next(iter(child))).startswith("/"):
                ((prop, value),) = child.items()
                node.props[str(prop)] = str(value)
            else:
                node.children.append(_node(child))
    elif body is not None:
        node.value = str(body)
    return node


def _from_head(head: str) -> Node:
    match = _HEAD.match(head.strip())
    if not match:
        return Node(role=head.strip())
    return Node(match["role"], match["name"], match["attrs"] or "")


def emit_node(node: Node) -> Any:
    body: list[Any] = [{k: v} for k, v in node.props.items()] + [emit_node(c) for c in node.children]
    if body:
        return {node.head: body}
    if node.value is not None:
        return {node.head: node.value}
    return node.head


def emit(nodes: list[Node]) -> str:
    return yaml.safe_dump(
        [emit_node(n) for n in nodes],
        sort_keys=False,
        allow_unicode=True,
        width=100_000,
        default_flow_style=False,
    )


# ---------------------------------------------------------------- generalising patient data


def _regex_escape(text: str) -> str:
    return _REGEX_SPECIAL.sub(r"\\\1", text)


def generalise_text(text: str, patient: tuple[str, ...]) -> str | None:
    """A regex source for `text` with its patient data, dates and numbers as patterns (None: no data)."""
    found = transcript.spans(text, patient)
    if not found:
        return None
    out, last = [], 0
    for start, end, kind in found:
        out += [_regex_escape(text[last:start]), PATTERN[kind]]
        last = end
    return "".join([*out, _regex_escape(text[last:])])


def _is_pattern(value: str | None) -> bool:
    return bool(value) and len(value or "") > 1 and str(value).startswith("/") and str(value).endswith("/")


def _unquote(name: str) -> str:
    return str(json.loads(name)) if name.startswith('"') else name


def generalise(nodes: list[Node], patient: tuple[str, ...]) -> list[Node]:
    """The snapshot as a template that holds for other patients (see the module's docstring)."""
    out: list[Node] = []
    seen: set[str] = set()
    for node in nodes:
        node = _generalise_node(node, patient)
        if node.role == "text" and _is_pattern(node.value):
            continue  # loose text holding data ("26 characters left"): its wording follows the data too
        key = node.key()
        if key not in seen:  # the same once generalised: one stands for all (partial matching)
            seen.add(key)
            out.append(node)
    return out


def _generalise_node(node: Node, patient: tuple[str, ...]) -> Node:
    name, attrs = node.name, node.attrs
    if name and name.startswith('"'):
        pattern = generalise_text(_unquote(name), patient)
        if pattern is not None:
            name = f"/{pattern}/"
            attrs = STATE_ATTRS.sub("", attrs).replace("  ", " ")
    value = node.value
    if node.role in VALUE_ROLES:
        value = None  # what was typed or chosen
    elif value is not None and not _is_pattern(value):
        pattern = generalise_text(value, patient)
        value = f"/{pattern}/" if pattern is not None else value
    props = {k: v for k, v in node.props.items() if not re.search(r"\d", v)}
    return Node(node.role, name, attrs.rstrip(), value, generalise(node.children, patient), props)


# ---------------------------------------------------------------- one template for many visits


def merge(a: list[Node], b: list[Node]) -> list[Node]:
    """What two templates share: the longest common subsequence of their children, node by node (same
    role and name), attributes and text kept only when equal. The result matches whatever either does."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1 if _compatible(a[i], b[j]) else max(table[i + 1][j], table[i][j + 1])
            )
    out, i, j = [], 0, 0
    while i < n and j < m:
        if _compatible(a[i], b[j]) and table[i][j] == table[i + 1][j + 1] + 1:
            out.append(_merge_node(a[i], b[j]))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def _compatible(a: Node, b: Node) -> bool:
    # A text node is nothing but its text: two texts that differ share nothing.
    return a.role == b.role and a.name == b.name and (a.role != "text" or a.value == b.value)


def _merge_node(a: Node, b: Node) -> Node:
    attrs = "".join(f" {x}" for x in re.findall(r"\[[^\]]+\]", a.attrs) if x in b.attrs)
    props = {k: v for k, v in a.props.items() if b.props.get(k) == v}
    value = a.value if a.value == b.value else None
    return Node(a.role, a.name, attrs, value, merge(a.children, b.children), props)


# ---------------------------------------------------------------- files


def path_of(state: str, directory: Path = SNAPSHOT_DIR) -> Path:
    return directory / f"{slug(state)}.yml"


def header(state: str, run: str, shapes: list[str]) -> str:
    return (
        f"# Aria snapshot template of the page state {state!r}: Playwright's aria snapshot, patient data\n"
        "# generalised (harness/accessibility/aria_snapshots.py). Refresh: pytest --update-aria-snapshots\n"
        f"# run: {run}\n"
        f"# patient shapes: {json.dumps(sorted(set(shapes)))}\n"
    )


def run_of(text: str) -> str | None:
    match = re.search(r"^# run: (\S+)$", text, re.MULTILINE)
    return match.group(1) if match else None


def shapes_in(text: str) -> list[str]:
    """The patient shapes the stored template was made from (harness.oracle.shapes_of, joined)."""
    match = re.search(r"^# patient shapes: (.+)$", text, re.MULTILINE)
    return list(json.loads(match.group(1))) if match else []


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True)
    # The lock file sits outside the repo: one per snapshot folder, shared by the run's xdist workers.
    name = hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:12]
    with (Path(tempfile.gettempdir()) / f"aria-snapshots-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def update(
    state: str, template: list[Node], run: str, directory: Path = SNAPSHOT_DIR, mode: str = "replace",
    shape: str = "",
) -> str:  # fmt: skip
    """Write the template: replace the file on this run's first visit to the state and merge afterwards
    (xdist workers of one run share the run id, so they merge too); mode "merge" merges with what is
    stored from the start (another seed's run). The patient shapes it was made from are kept beside it."""
    path = path_of(state, directory)
    shapes = [shape]
    with _locked(directory):
        if path.is_file():
            stored = path.read_text(encoding="utf-8")
            if mode == "merge" or run_of(stored) == run:
                template = merge(parse(stored), template)
                shapes += shapes_in(stored)
        text = emit(template)
        path.write_text(header(state, run, shapes) + text, encoding="utf-8")
    return text


def stored(state: str, directory: Path = SNAPSHOT_DIR) -> str | None:
    path = path_of(state, directory)
    return _uncommented(path.read_text(encoding="utf-8")) if path.is_file() else None


def stored_shapes(state: str, directory: Path = SNAPSHOT_DIR) -> list[str]:
    path = path_of(state, directory)
    return shapes_in(path.read_text(encoding="utf-8")) if path.is_file() else []


# ---------------------------------------------------------------- the check, per page state


@dataclass
class AriaResult:
    state: str
    url: str
    file: str
    result: str  # matched | differs | updated | missing
    snapshot: str
    diff: str | None
    ms: float
    cached: bool = False
    # The patient's shape is one the template was made from: only then can a difference fail (another
    # shape, e.g. 6 or more care systems where the template saw 2 to 5, is a finding: refresh with =merge).
    known_shape: bool = True

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.state, "url": self.url, "file": self.file, "result": self.result,
            "snapshot": self.snapshot, "diff": self.diff, "ms": round(self.ms, 1), "cached": self.cached,
            "known_shape": self.known_shape,
        }  # fmt: skip


CHECKS = ScanCache()  # fingerprint + template -> (result, snapshot, diff); transcripts beside them
READS = ScanCache()


def run_id(config: pytest.Config) -> str:
    """One id for the whole run, the same in every xdist worker (their `testrunuid`)."""
    if RUN_KEY not in config.stash:
        workerinput = getattr(config, "workerinput", None) or {}
        config.stash[RUN_KEY] = str(workerinput.get("testrunuid") or uuid.uuid4().hex)
    return config.stash[RUN_KEY]


def _diff_text(error: AssertionError) -> str:
    text = str(error)
    return re.sub(r"\x1b\[[0-9;]*m", "", text).split("Call log:")[0].strip()


def judged(known_shape: bool, staging: bool) -> bool:
    """Whether a difference from the template fails the run: in a mock run, on a shape with a template."""
    return known_shape and not staging


def check(
    page: Page, state: str, selector: str | None, patient: tuple[str, ...], fingerprint: str,
    update_mode: str | None, run: str, staging: bool, directory: Path = SNAPSHOT_DIR, shape: str = "",
) -> AriaResult:  # fmt: skip
    """The page state's aria snapshot against its stored template (or written as it, in update mode)."""
    started = time.perf_counter()
    locator = page.locator(selector).first if selector else page.locator("body")
    path = path_of(state, directory)
    file = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    template = None if update_mode else stored(state, directory)
    known = update_mode is not None or shape in stored_shapes(state, directory)
    key = f"{fingerprint}|{update_mode}|{hash(template)}|{hash(patient)}"
    cached = CHECKS.get(key)
    if cached is not None and not update_mode:
        return AriaResult(state, page.url, file, **cached, ms=transcript.now_ms(started), cached=True,
                          known_shape=known)  # fmt: skip
    snapshot = emit(generalise(parse(locator.aria_snapshot()), patient))
    diff = None
    if update_mode and not staging:
        update(state, parse(snapshot), run, directory, mode=update_mode, shape=shape)
        result = "updated"
    elif template is None:
        result = "missing"
    else:
        try:
            timeout = MATCH_TIMEOUT_MS if judged(known, staging) else REPORT_ONLY_TIMEOUT_MS
            expect(locator).to_match_aria_snapshot(template, timeout=timeout)
            result = "matched"
        except AssertionError as error:
            result, diff = "differs", _diff_text(error)
    CHECKS.put(key, {"result": result, "snapshot": snapshot, "diff": diff})
    return AriaResult(
        state, page.url, file, result, snapshot, diff, transcript.now_ms(started), known_shape=known
    )


# ---------------------------------------------------------------- the transcript, per page state


def earlier_runs(config: pytest.Config) -> list[history.Entry]:
    """The history's entries, read once per process."""
    if HISTORY_KEY not in config.stash:
        config.stash[HISTORY_KEY] = history.load(history_dir(config))
    return config.stash[HISTORY_KEY]


def read_transcript(
    page: Page, state: str, selector: str | None, patient: tuple[str, ...], fingerprint: str
) -> transcript.Transcript:
    started = time.perf_counter()
    cached = READS.get(f"{fingerprint}|{hash(patient)}")
    if cached is not None:
        lines = [transcript.Line(*x) for x in cached["lines"]]
        masked = [transcript.Line(*x) for x in cached["masked"]]
        return transcript.Transcript(state, page.url, lines, masked, transcript.now_ms(started), cached=True)
    lines = transcript.read_lines(page, selector)
    masked = [transcript.Line(x.role, transcript.mask(x.name, patient), x.states) for x in lines]
    READS.put(
        f"{fingerprint}|{hash(patient)}",
        {
            "lines": [[x.role, x.name, x.states] for x in lines],
            "masked": [[x.role, x.name, x.states] for x in masked],
        },
    )
    return transcript.Transcript(state, page.url, lines, masked, transcript.now_ms(started))


def _scenario_data(request: pytest.FixtureRequest) -> str | None:
    """The data the scenario runs on, in the evidence's words ("profile P, seed S"), from the mock."""
    if "mock_session" not in request.fixturenames:
        return None
    try:
        patient = request.getfixturevalue("mock_session").patient()
    except Exception:  # the mock did not answer: not like with like, so nothing can fail on it
        return None
    profile = patient.get("profile")
    if str(profile).startswith("fixtures"):
        return f"fixture folder ({profile})"
    return f"profile {profile}, seed {patient.get('seed')}"


def against_previous(
    request: pytest.FixtureRequest, read: transcript.Transcript, staging: bool, defects: bool
) -> dict[str, Any] | None:
    """This state's transcript against the previous run's of the same scenario and state."""
    previous = transcript.previous_of(earlier_runs(request.config), request.node.nodeid, read.state)
    if previous is None:
        return None
    env = "staging" if staging else "mock"
    data = _scenario_data(request) if not staging else None
    like = transcript.like_with_like(previous, env, data, defects)
    comparison = transcript.compare(previous.lines, read.masked, like_with_like=like)
    return {"run": previous.run, "like_with_like": like, **comparison.as_json()}


# ---------------------------------------------------------------- the hook


def check_page_state(
    request: pytest.FixtureRequest | None, page: Page, state: str, context: str, fingerprint: str
) -> None:
    """Called by `A11y.scan` on every page state it scans (one call): the transcript and the aria
    snapshot, into the evidence; a mock run fails on a snapshot that differs from its template or on a
    heading, landmark, name or role lost since the previous like-with-like run."""
    if request is None:
        return
    options = options_of(request.config)
    selector = None if context == "document" else SM_CONTAINER
    patient = transcript.observed_strings(request)
    read = read_transcript(page, state, selector, patient, fingerprint)
    update_mode = options.update_aria_snapshots
    aria = check(
        page, state, selector, patient, fingerprint, update_mode, run_id(request.config), options.staging,
        shape=patient_shape(request),
    )  # fmt: skip
    defects = bool(options.defects or options.defect_matrix)
    previous = against_previous(request, read, options.staging, defects)
    evidence = _evidence(request)
    if evidence is not None:
        evidence.add_transcript({**read.as_json(), "previous": previous, "defects": defects})
        evidence.add_aria({**aria.as_json(), "staging": options.staging})
    problems = []
    if aria.result == "differs" and judged(aria.known_shape, options.staging):
        problems.append(
            f"The accessibility tree of {state!r} differs from its stored aria snapshot ({aria.file}); if "
            f"the change is intended, refresh it with --update-aria-snapshots.\n{aria.diff}"
        )
    if previous and previous["failure"] and not options.staging:
        problems.append(
            f"What a screen reader reads on {state!r} lost, since the previous run on the same data "
            f"({previous['run']}): " + "; ".join(previous["lost"])
        )
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


# Observed facts that change a page's tree but are no premise shape: a signature the app puts in the
# message body fills it, so "Message body cannot be blank" is not shown.
PAGE_FACTS: dict[str, Callable[[ObservedPatient], bool]] = {
    "signature_included": lambda patient: patient.signature.include,
}


def patient_shape(request: pytest.FixtureRequest) -> str:
    """The observed patient's kinds and shapes (harness.oracle.shapes_of) and the `PAGE_FACTS` that hold,
    joined: "" when unknown."""
    try:
        observed: ObservedTraffic = request.getfixturevalue("observed")
        patient = observed.patient()
        facts = [name for name, holds in PAGE_FACTS.items() if holds(patient)]
        return ",".join(sorted([*shapes_of(patient), *facts]))
    except Exception:  # no patient received yet (or no harness fixtures): an unknown shape
        return ""


def _evidence(request: pytest.FixtureRequest) -> Any | None:
    try:
        return request.getfixturevalue("evidence")
    except pytest.FixtureLookupError:
        return None
