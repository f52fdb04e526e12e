"""What a screen reader reads on each page state the axe scan sees, in order, as text lines ("heading
level 1, Start message", "link, Update your contact list", "combo box, Select a care team (*Required),
required"), kept in the evidence and compared with the previous run and between toggle states.

Source: the browser's own accessibility tree over CDP (`Accessibility.getFullAXTree`), which Chromium
builds on the flat tree, so what the VA components render in their shadow roots is read where it is shown.

Why not `@guidepup/virtual-screen-reader` (npm, pinned in mocks/web/package.json)? It was tried first.
Its package ships a self-contained browser bundle (`lib/esm/index.browser.js`, an ES module with no
imports), so it runs in the page without a build step (a dynamic `import()` of it, or esbuild, which the
mock already has). But run in the page, version 0.33.0 does not read inside open shadow roots: on a page
with a heading, a VA-like custom element whose open shadow root holds a heading, a labelled combo box and
a button, and a paragraph after it, it reads the outer heading and paragraph and nothing of the shadow
root (its tree walk follows `childNodes`, built on dom-accessibility-api). Every control of this flow lives
in a VA component's shadow root, so its transcript would be silent where it matters.
`tests/harness/test_transcript.py` keeps that proof: if a later version reads shadow DOM, the test says so.

Rules of the walk (document order; ignored and generic nodes are passed through):
- landmarks say "<role> landmark" (regions and forms only when named), headings their level, controls
  their role, name and states (required, invalid, expanded/collapsed, checked, unavailable, selected);
- a control or heading is read as one line (its text is its name); lists say how many items they have;
- the text between them is read as it comes, adjacent text pieces of one parent on one line.

Comparison ("lost"): the items whose loss fails are landmarks, headings (with their level) and named
controls, each keyed by role and its name with patient data masked (names and places the app received,
dates, numbers). Against the previous run, only like with like can fail: the same scenario, the same
environment (mock), the same seed and data, no seeded defect in either run; then an item of those kinds
the previous run read and this one does not (a heading that lost its level, a landmark dropped, a control
whose name or role changed) fails the scenario. Every other difference, and every difference between
runs on other seeds or data, in staging, or between toggle states, is a finding listed in the report,
never a failure: two runs on different seeds never fail on their transcripts.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import itertools
import json
import re
import time
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import CDPSession, Page

from contract import toggle_label

SOURCE = "cdp: Accessibility.getFullAXTree"
VSR_BUNDLE = (
    Path(__file__).resolve().parents[2]
    / "mocks/web/node_modules/@guidepup/virtual-screen-reader/lib/esm/index.browser.js"
)

LANDMARKS = {
    "main": "main landmark",
    "navigation": "navigation landmark",
    "banner": "banner landmark",
    "contentinfo": "content information landmark",
    "complementary": "complementary landmark",
    "search": "search landmark",
    "region": "region landmark",  # only when named
    "form": "form landmark",  # only when named
}
# Read as one line and not entered: their text is their name.
CONTROLS = {
    "link": "link",
    "button": "button",
    "combobox": "combo box",
    "textbox": "text box",
    "searchbox": "search box",
    "radio": "radio button",
    "checkbox": "check box",
    "switch": "switch",
    "option": "option",
    "menuitem": "menu item",
    "tab": "tab",
    "spinbutton": "spin button",
    "slider": "slider",
    "image": "graphic",
    "img": "graphic",
}
# Announced, then entered.
CONTAINERS = {
    "list": "list",
    "dialog": "dialog",
    "alertdialog": "alert dialog",
    "alert": "alert",
    "status": "status",
    "group": "group",
    "radiogroup": "radio group",
    "table": "table",
    "listbox": "list box",
    "tooltip": "tooltip",
}
NAMED_ONLY = {"region", "form", "group"}
SKIP = {"InlineTextBox", "ListMarker"}
INLINE = {"strong", "emphasis", "generic", "mark", "code", "subscript", "superscript", "time", "Abbr"}


@dataclass(frozen=True)
class Line:
    """One thing read: its spoken role ("" for text), its name and its states."""

    role: str
    name: str = ""
    states: str = ""

    @property
    def text(self) -> str:
        return ", ".join(part for part in (self.role, self.name, self.states) if part)

    @property
    def counts(self) -> bool:
        """A landmark, a heading or a named control: what a lost one fails on."""
        kind = self.role.split(" level ")[0]
        return (
            self.role.endswith("landmark")
            or kind == "heading"
            or (kind in CONTROLS.values() and bool(self.name))
        )


def _value(node: dict[str, Any], key: str) -> Any:
    return (node.get(key) or {}).get("value")


def _props(node: dict[str, Any]) -> dict[str, Any]:
    return {p["name"]: (p.get("value") or {}).get("value") for p in node.get("properties", [])}


def _clean(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def _states(props: dict[str, Any], role: str) -> str:
    said = []
    if props.get("required"):
        said.append("required")
    if props.get("invalid") not in (None, "false", False):
        said.append("invalid entry")
    if props.get("expanded") is True:
        said.append("expanded")
    elif props.get("expanded") is False:
        said.append("collapsed")
    checked = props.get("checked")
    if checked is not None:
        said.append(
            {"true": "checked", "mixed": "partially checked"}.get(str(checked).lower(), "not checked")
        )
    if props.get("disabled"):
        said.append("unavailable")
    if props.get("selected") and role in ("option", "tab"):
        said.append("selected")
    return ", ".join(said)


class _Walk:
    """Depth-first over the CDP nodes from one root, emitting lines."""

    def __init__(self, nodes: list[dict[str, Any]]) -> None:
        self.by_id = {n["nodeId"]: n for n in nodes}
        self.lines: list[Line] = []

    def children(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        return [self.by_id[c] for c in node.get("childIds", []) if c in self.by_id]

    def visit(self, node: dict[str, Any]) -> None:
        role = str(_value(node, "role") or "")
        if role in SKIP:
            return
        if node.get("ignored"):
            self.visit_children(node)
            return
        name, props = _clean(_value(node, "name")), _props(node)
        if role == "heading":
            self.lines.append(Line(f"heading level {props.get('level', '?')}", name))
        elif role in CONTROLS:
            self.lines.append(Line(CONTROLS[role], name, _states(props, role)))
        elif role in LANDMARKS and (name or role not in NAMED_ONLY):
            self.lines.append(Line(LANDMARKS[role], name))
            self.visit_children(node)
        elif role in CONTAINERS and (name or role not in NAMED_ONLY):
            start = len(self.lines)
            self.visit_children(node)
            if role in ("alert", "status") and not name and len(self.lines) == start:
                return  # an empty live region says nothing
            items = sum(1 for c in self.children(node) if _value(c, "role") == "listitem")
            extra = f"{items} items" if role == "list" else _states(props, role)
            self.lines.insert(start, Line(CONTAINERS[role], name, extra))
        elif role == "StaticText":
            self.lines.append(Line("", name))
        else:
            self.visit_children(node)

    def visit_children(self, node: dict[str, Any]) -> None:
        pending: list[str] = []  # adjacent text pieces of this parent: one line
        for child in self.children(node):
            inline = self.inline_text(child)
            if inline is not None:
                pending.append(inline)
                continue
            self.flush(pending)
            self.visit(child)
        self.flush(pending)

    def inline_text(self, node: dict[str, Any]) -> str | None:
        """The text of a run of inline text (a text node, or strong/emphasis/generic holding only text), read
        on one line with the text around it; None for anything else."""
        role = str(_value(node, "role") or "")
        if role == "StaticText" and not node.get("ignored"):
            return _clean(_value(node, "name"))
        if role not in INLINE or node.get("ignored") or not node.get("childIds"):
            return None
        parts = [self.inline_text(child) for child in self.children(node)]
        return None if any(p is None for p in parts) else _clean(" ".join(p for p in parts if p))

    def flush(self, pending: list[str]) -> None:
        text = _clean(" ".join(pending))
        if text:
            self.lines.append(Line("", text))
        pending.clear()


def from_ax_tree(nodes: list[dict[str, Any]], root_backend_id: int | None = None) -> list[Line]:
    """The transcript of CDP's full accessibility tree, from the node of the DOM element `root_backend_id`
    (the SM container, as axe's context) or from the document. Landmarks around that root are read first,
    as a screen reader announces entering them."""
    walk = _Walk(nodes)
    root = next((n for n in nodes if not n.get("parentId")), None)
    if root_backend_id is not None:
        root = next((n for n in nodes if n.get("backendDOMNodeId") == root_backend_id), root)
    if root is None:
        return []
    around: list[Line] = []
    parent = walk.by_id.get(root.get("parentId"))
    while parent is not None:
        role, name = str(_value(parent, "role") or ""), _clean(_value(parent, "name"))
        if not parent.get("ignored") and role in LANDMARKS and (name or role not in NAMED_ONLY):
            around.insert(0, Line(LANDMARKS[role], name))
        parent = walk.by_id.get(parent.get("parentId"))
    walk.visit(root)
    return around + walk.lines


# ---------------------------------------------------------------- patient data, masked for comparison

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\."
)
_DATE_WORDS = re.compile(rf"\b(?:{MONTHS})(?!\w)|\b[ap]\.m\.(?:\s+[A-Z]{{2,5}}\b)?")
_DIGITS = re.compile(r"\d+")
# Documents whose strings are the patient's (names, care teams, care systems, facilities), not app copy.
PATIENT_ENDPOINTS = ("user", "allrecipients", "sent_search", "signature", "vamc_ehr")
_NOT_DATA = re.compile(r"^(?:https?:|/|\d{4}-\d\d-\d\d|true$|false$|null$)", re.IGNORECASE)


def _strings(doc: Any) -> Iterator[str]:
    if isinstance(doc, str):
        yield doc
    elif isinstance(doc, dict):
        for value in doc.values():
            yield from _strings(value)
    elif isinstance(doc, list):
        for value in doc:
            yield from _strings(value)


def _names_something(text: str) -> bool:
    """A name or a place, not a code word: a lower-case single word ("messages", "vista") is the app's."""
    return bool(re.search(r"[A-Za-z]", text)) and (" " in text or text != text.lower())


def patient_strings(documents: Iterable[Any]) -> tuple[str, ...]:
    """The texts a page may show that come from the patient's data (the JSON bodies the app received):
    longest first, so a care team's name is masked before a shorter word inside it."""
    found = {
        _clean(s)
        for doc in documents
        for s in _strings(doc)
        if len(_clean(s)) >= 4 and not _NOT_DATA.match(s.strip()) and _names_something(_clean(s))
    }
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


def observed_strings(request: Any) -> tuple[str, ...]:
    """`patient_strings` of what this scenario's browser received (the `observed` fixture), if any."""
    try:
        traffic = request.getfixturevalue("observed") if request is not None else None
    except Exception:  # no harness fixtures (a plain test page): nothing is patient data
        return ()
    if traffic is None:
        return ()
    # Walked again only when the app received something new (vamc-ehr.json alone is large).
    seen = len(traffic.exchanges)
    cached = getattr(traffic, "_patient_strings", None)
    if cached is None or cached[0] != seen:
        found = patient_strings(e.response_json for e in traffic.exchanges if e.endpoint in PATIENT_ENDPOINTS)
        cached = (seen, found)
        traffic._patient_strings = cached
    return cached[1]


@functools.lru_cache(maxsize=16)
def _index(patient: tuple[str, ...]) -> dict[tuple[str, ...], list[str]]:
    """The patient's strings by their first two words (lower case), longest first: a text is looked up
    word by word, so thousands of facility names cost a few dictionary lookups per text."""
    index: dict[tuple[str, ...], list[str]] = {}
    for value in patient:
        low = value.lower()
        words = re.findall(r"\w+", low)
        if words and re.match(r"\w", low):
            index.setdefault(tuple(words[:2]), []).append(low)
    for values in index.values():
        values.sort(key=len, reverse=True)
    return index


def _data_spans(text: str, patient: tuple[str, ...]) -> list[tuple[int, int, str]]:
    index, low, found = _index(patient), text.lower(), []
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\w+", low)]
    for i, (start, word) in enumerate(tokens):
        keys = [(word, tokens[i + 1][1])] if i + 1 < len(tokens) else []
        for key in [*keys, (word,)]:
            match = next((c for c in index.get(key, ()) if low.startswith(c, start)), None)
            if match:
                found.append((start, start + len(match), "data"))
                break
    return found


def spans(text: str, patient: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Where `text` holds patient data: (start, end, kind) with kind "data", "date" or "number", sorted,
    not overlapping (the earlier and longer span wins)."""
    found: list[tuple[int, int, str]] = []
    found += _data_spans(text, patient)
    found += [(m.start(), m.end(), "date") for m in _DATE_WORDS.finditer(text)]
    found += [(m.start(), m.end(), "number") for m in _DIGITS.finditer(text)]
    out: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(found, key=lambda s: (s[0], -(s[1] - s[0]))):
        if out and start < out[-1][1]:
            continue
        out.append((start, end, kind))
    return out


MASK = {"data": "…", "date": "…", "number": "#"}


def mask(text: str, patient: tuple[str, ...]) -> str:
    """`text` with patient data, dates and numbers replaced ("…", "#"): what two patients share."""
    out, last = [], 0
    for start, end, kind in spans(text, patient):
        out += [text[last:start], MASK[kind]]
        last = end
    return "".join([*out, text[last:]])


# ---------------------------------------------------------------- reading a page state


@dataclass
class Transcript:
    state: str
    url: str
    lines: list[Line]
    masked: list[Line]
    ms: float
    cached: bool = False
    source: str = SOURCE

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "url": self.url,
            "source": self.source,
            "lines": [line.text for line in self.lines],
            "masked": [[m.role, m.name, m.states] for m in self.masked],
            "ms": round(self.ms, 1),
            "cached": self.cached,
        }


_SESSIONS: weakref.WeakKeyDictionary[Page, CDPSession] = weakref.WeakKeyDictionary()


def _cdp(page: Page) -> CDPSession:
    """One CDP session per page, opened on first use."""
    if page not in _SESSIONS:
        _SESSIONS[page] = page.context.new_cdp_session(page)
    return _SESSIONS[page]


def _backend_id(cdp: CDPSession, selector: str | None) -> int | None:
    if not selector:
        return None
    found = cdp.send("Runtime.evaluate", {"expression": f"document.querySelector({json.dumps(selector)})"})
    object_id = (found.get("result") or {}).get("objectId")
    if not object_id:
        return None
    node = cdp.send("DOM.describeNode", {"objectId": object_id})["node"]
    cdp.send("Runtime.releaseObject", {"objectId": object_id})
    return int(node["backendNodeId"])


def read_lines(page: Page, selector: str | None) -> list[Line]:
    """The transcript of the page as it is now, from `selector`'s element (or the whole document)."""
    cdp = _cdp(page)
    root = _backend_id(cdp, selector)
    return from_ax_tree(cdp.send("Accessibility.getFullAXTree")["nodes"], root)


# ---------------------------------------------------------------- comparing two transcripts


def keys(lines: Iterable[Line]) -> Counter[tuple[str, str]]:
    """The items whose loss fails, as (role, masked name), counted."""
    return Counter((line.role, line.name) for line in lines if line.counts)


@dataclass
class Comparison:
    changed: bool
    lost: list[str] = field(default_factory=list)  # "heading level 2, If you need help sooner…"
    diff: list[str] = field(default_factory=list)  # "- line" / "+ line", a few
    failure: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"changed": self.changed, "lost": self.lost, "diff": self.diff, "failure": self.failure}


def compare(before: list[Line], after: list[Line], like_with_like: bool, limit: int = 12) -> Comparison:
    """Two masked transcripts of one page state. Lost: landmarks, headings and named controls read before
    and not now (counted, so one of two identical links going counts). A loss fails only like with like."""
    if before == after:
        return Comparison(changed=False)
    diff = [
        f"{line[0]} {line[1:]}"
        for line in difflib.ndiff([b.text for b in before], [a.text for a in after])
        if line[:1] in "+-"
    ]
    missing = keys(before) - keys(after)
    lost = [Line(role, name).text for (role, name), n in sorted(missing.items()) for _ in range(n)]
    return Comparison(changed=True, lost=lost, diff=diff[:limit], failure=bool(lost) and like_with_like)


def from_json(masked: list[list[str]]) -> list[Line]:
    return [Line(*item) for item in masked]


def digest(masked: list[list[str]]) -> str:
    return hashlib.sha256(json.dumps(masked, ensure_ascii=False).encode()).hexdigest()[:16]


# ---------------------------------------------------------------- the previous run (evidence history)


def history_block(scenarios: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What the evidence history keeps of this run's transcripts: each masked transcript once (by
    digest), and per scenario its states' digests with what makes two runs like with like."""
    texts: dict[str, list[list[str]]] = {}
    by_scenario: dict[str, dict[str, Any]] = {}
    for scenario in scenarios:
        recorded = scenario.get("transcripts") or []
        if not recorded:
            continue
        context = scenario.get("context") or {}
        states: dict[str, str] = {}
        for item in recorded:
            key = digest(item["masked"])
            texts[key] = item["masked"]
            states.setdefault(item["state"], key)
        by_scenario[scenario["nodeid"]] = {
            "states": states,
            "seed": scenario.get("seed"),
            "data": context.get("data"),
            "defects": any(item.get("defects") for item in recorded),
        }
    return {"texts": texts, "scenarios": by_scenario}


@dataclass(frozen=True)
class Previous:
    """The newest earlier run's transcript of a scenario's page state."""

    run: str
    env: str
    lines: list[Line]
    seed: Any
    data: Any
    defects: bool


def previous_of(runs: Sequence[Mapping[str, Any]], nodeid: str, state: str) -> Previous | None:
    """From the history's entries (oldest first), the newest that read `state` in scenario `nodeid`."""
    for run in reversed(runs):
        block = run.get("transcripts") or {}
        scenario = (block.get("scenarios") or {}).get(nodeid) or {}
        key = (scenario.get("states") or {}).get(state)
        if key and key in (block.get("texts") or {}):
            return Previous(
                str(run.get("run")),
                str(run.get("env") or "mock"),
                from_json(block["texts"][key]),
                scenario.get("seed"),
                scenario.get("data"),
                bool(scenario.get("defects")),
            )
    return None


def like_with_like(previous: Previous, env: str, data: str | None, defects: bool) -> bool:
    """Whether a loss against `previous` is a failure: both on the mock, on the same data (the profile
    and its seed, or the same fixture folder), with no seeded defect in either run."""
    return (
        env == "mock"
        and previous.env == "mock"
        and not defects
        and not previous.defects
        and data is not None
        and previous.data == data
    )


# ---------------------------------------------------------------- between toggle states, in one run


def toggle_findings(scenarios: Sequence[Mapping[str, Any]], limit: int = 8) -> list[dict[str, Any]]:
    """The same page state reached with other toggle values in this run, where what is read differs
    (masked): findings, never failures (a toggle is there to change the page)."""
    seen: dict[str, dict[str, tuple[str, list[Line]]]] = {}
    for scenario in scenarios:
        toggles = (scenario.get("context") or {}).get("toggles") or {}
        label = ", ".join(f"{toggle_label(k)}={v}" for k, v in sorted(toggles.items()))
        for item in scenario.get("transcripts") or []:
            seen.setdefault(item["state"], {}).setdefault(
                label, (scenario["name"], from_json(item["masked"]))
            )
    out = []
    for state, by_toggles in sorted(seen.items()):
        labels = sorted(by_toggles)
        for first, other in itertools.pairwise(labels):
            result = compare(by_toggles[first][1], by_toggles[other][1], like_with_like=False, limit=limit)
            if result.changed:
                out.append(
                    {"state": state, "toggles": [first, other], "scenarios": [by_toggles[first][0],
                     by_toggles[other][0]], "lost": result.lost, "diff": result.diff}
                )  # fmt: skip
    return out


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def aria_facts(scenarios: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per page state key: how often its aria snapshot was checked, with what results, and the diffs."""
    rows: dict[str, dict[str, Any]] = {}
    for scenario in scenarios:
        for item in scenario.get("aria") or []:
            row = rows.setdefault(
                item["state"],
                {"state": item["state"], "file": item.get("file"), "checked": 0, "results": {}, "diffs": [],
                 "ms": [], "snapshot": item.get("snapshot")},
            )  # fmt: skip
            row["checked"] += 1
            row["results"][item["result"]] = row["results"].get(item["result"], 0) + 1
            if not item.get("cached"):
                row["ms"].append(float(item.get("ms") or 0))
            if item.get("diff") and len(row["diffs"]) < 3:
                row["diffs"].append(
                    {"scenario": scenario["name"], "url": item.get("url"), "diff": item["diff"]}
                )
    return [{**row, "ms": _mean(row["ms"])} for _, row in sorted(rows.items())]


def report_facts(scenarios: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The report's facts (summary.json "screen_reader"): the transcript of each page state (each text
    once), how long reading took, the changes since the previous run (found when each scenario ran) and
    between toggle states, and the aria snapshots against their stored templates."""
    items = [(s, t) for s in scenarios for t in s.get("transcripts") or []]
    changes = [
        {"scenario": s["name"], "state": t["state"], **t["previous"]}
        for s, t in items
        if (t.get("previous") or {}).get("changed")
    ]
    shown: dict[str, dict[str, Any]] = {}
    for scenario, item in items:
        key = f"{item['state']}|{digest(item['masked'])}"
        shown.setdefault(key, {"state": item["state"], "scenario": scenario["name"], "lines": item["lines"]})
    aria = aria_facts(scenarios)
    return {
        "source": SOURCE,
        "states": len(items),
        "transcripts": sorted(shown.values(), key=lambda t: (t["state"], t["scenario"])),
        "ms_per_state": _mean([float(t["ms"]) for _, t in items if not t.get("cached")]),
        "cached": sum(1 for _, t in items if t.get("cached")),
        "since_previous": changes,
        "lost_since_previous": [c for c in changes if c.get("failure")],
        "between_toggles": toggle_findings(scenarios),
        "aria": aria,
        "aria_ms_per_state": _mean([r["ms"] for r in aria if r["ms"] is not None]),
        "aria_differs": [r for r in aria if r["results"].get("differs")],
    }


def now_ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
