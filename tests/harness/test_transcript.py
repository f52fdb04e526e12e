"""The screen-reader transcript: which source reads the VA components' shadow DOM (the proof that chose
CDP's accessibility tree over @guidepup/virtual-screen-reader), the walk's lines on small pages and CDP
data, and the comparison that fails only on a loss like with like (pure data)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from contract import RECENT_RECIPIENTS
from harness.accessibility import transcript
from harness.accessibility.transcript import Line

# A VA-like custom element: its heading, labelled combo box and button live in an open shadow root.
SHADOW_PAGE = """<!doctype html><html lang="en"><body><main>
<h1>Start a new message</h1>
<va-demo-field></va-demo-field>
<p>After the component</p>
</main>
<script>
customElements.define("va-demo-field", class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = '<h2>Inside shadow heading</h2>'
      + '<label for="c">Select a care team <span>(*Required)</span></label>'
      + '<input id="c" role="combobox" required aria-expanded="false"><button>Shadow button</button>';
  }
});
</script></body></html>"""

READ_WITH_VIRTUAL_SCREEN_READER = """async (source) => {
  // The package's browser bundle is a self-contained ES module: imported as it ships, no build step.
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const { Virtual } = await import(url);
  const reader = new Virtual();
  await reader.start({ container: document.body });
  for (let i = 0; i < 20; i++) await reader.next();
  const log = await reader.spokenPhraseLog();
  await reader.stop();
  return log;
}"""


def test_virtual_screen_reader_does_not_read_inside_shadow_dom(page: Page) -> None:
    """The finding behind the transcript's source: @guidepup/virtual-screen-reader 0.33.0, run in the page,
    reads the light DOM and skips the open shadow root. If this fails because it now reads it, it can be
    the transcript's source (harness/accessibility/transcript.py says why it is not)."""
    page.set_content(SHADOW_PAGE)
    heard = page.evaluate(READ_WITH_VIRTUAL_SCREEN_READER, transcript.VSR_BUNDLE.read_text(encoding="utf-8"))
    said = " | ".join(heard)
    assert "heading, Start a new message, level 1" in said and "After the component" in said, said
    assert "Inside shadow heading" not in said and "Select a care team" not in said, said
    assert "Shadow button" not in said, said


def test_the_browser_accessibility_tree_reads_inside_shadow_dom_in_order(page: Page) -> None:
    page.set_content(SHADOW_PAGE)
    lines = [line.text for line in transcript.read_lines(page, None)]
    assert lines == [
        "main landmark",
        "heading level 1, Start a new message",
        "heading level 2, Inside shadow heading",
        "Select a care team (*Required)",
        "combo box, Select a care team (*Required), required, collapsed",
        "button, Shadow button",
        "After the component",
    ], lines


def test_from_a_container_the_landmarks_around_it_are_read_first(page: Page) -> None:
    page.set_content(
        '<nav aria-label="Breadcrumb"><a href="#a">Home</a></nav><main><div class="sm">'
        "<h1>Select care team</h1><p>Your care team may take up to <strong>3 business days</strong> to reply."
        '</p><div role="status"></div><ul><li>One</li><li>Two</li></ul>'
        '<input type="radio" id="r" checked><label for="r">VA Boise health care</label>'
        "<button disabled>Send</button></div></main>"
    )
    lines = [line.text for line in transcript.read_lines(page, ".sm")]
    assert lines == [
        "main landmark",
        "heading level 1, Select care team",
        "Your care team may take up to 3 business days to reply.",  # inline text read on one line
        "list, 2 items",
        "One",
        "Two",
        "radio button, VA Boise health care, checked",
        "button, Send, unavailable",
    ], lines  # the empty status region says nothing; the breadcrumb is outside the container; a label
    # already read as its control's name is not read again


def _node(
    node_id: str, role: str, name: str = "", children: tuple[str, ...] = (), **extra: Any
) -> dict[str, Any]:
    props = [{"name": k, "value": {"value": v}} for k, v in extra.pop("props", {}).items()]
    return {"nodeId": node_id, "role": {"value": role}, "name": {"value": name}, "properties": props,
            "childIds": list(children), **extra}  # fmt: skip


def test_the_walk_on_cdp_data_passes_through_ignored_and_generic_nodes() -> None:
    nodes = [
        _node("1", "RootWebArea", children=("2",)),
        _node("2", "none", children=("3",), ignored=True, parentId="1"),
        _node("3", "generic", children=("4", "5", "6"), parentId="2"),
        _node("4", "heading", "Select care team", props={"level": 1}, parentId="3"),
        _node(
            "5",
            "combobox",
            "Select a care team",
            parentId="3",
            props={"required": True, "invalid": "true", "expanded": True},
        ),
        _node("6", "checkbox", "BUF1 PCMM", props={"checked": "false"}, parentId="3"),
    ]
    assert [line.text for line in transcript.from_ax_tree(nodes)] == [
        "heading level 1, Select care team",
        "combo box, Select a care team, required, invalid entry, expanded",
        "check box, BUF1 PCMM, not checked",
    ]


PATIENT = transcript.patient_strings(
    [
        {"data": [{"attributes": {"name": "BUF1 PCMM", "stationNumber": "528", "ehr": "vista"}}]},
        {"profile": {"firstName": "Wendy", "services": ["messages"]}, "url": "https://va.gov/x"},
    ]
)


def test_patient_strings_are_names_and_places_not_codes_or_app_words() -> None:
    assert PATIENT == ("BUF1 PCMM", "Wendy")


def test_masking_hides_patient_data_dates_and_numbers() -> None:
    text = "You can't send messages to BUF1 PCMM after December 15, 2026 at 4:54 p.m. UTC"
    assert transcript.mask(text, PATIENT) == "You can't send messages to … after … #, # at #:# …"


def _lines(*texts: tuple[str, str]) -> list[Line]:
    return [Line(role, name) for role, name in texts]


BEFORE = _lines(
    ("main landmark", ""), ("heading level 1", "Select care team"), ("heading level 2", "If you need help"),
    ("radio button", "…"), ("radio button", "…"), ("link", "Continue"),
)  # fmt: skip


def test_the_same_transcript_is_no_change() -> None:
    assert transcript.compare(BEFORE, list(BEFORE), like_with_like=True).changed is False


def test_a_heading_that_lost_its_level_fails_like_with_like_only() -> None:
    after = [Line("", "If you need help") if line.name == "If you need help" else line for line in BEFORE]
    same_data = transcript.compare(BEFORE, after, like_with_like=True)
    assert same_data.failure and same_data.lost == ["heading level 2, If you need help"]
    other_seed = transcript.compare(BEFORE, after, like_with_like=False)
    assert other_seed.changed and other_seed.lost and not other_seed.failure


def test_a_dropped_landmark_and_a_renamed_control_are_losses() -> None:
    after = [line for line in BEFORE if line.role != "main landmark"]
    after = [Line("link", "Next") if line.name == "Continue" else line for line in after]
    assert transcript.compare(BEFORE, after, like_with_like=True).lost == ["link, Continue", "main landmark"]


def test_more_or_fewer_care_teams_on_another_seed_is_a_finding_never_a_failure() -> None:
    fewer = [line for i, line in enumerate(BEFORE) if i != 4]  # one radio button less
    result = transcript.compare(BEFORE, fewer, like_with_like=False)
    assert result.changed and result.lost == ["radio button, …"] and not result.failure
    more = transcript.compare(BEFORE, [*BEFORE, Line("radio button", "…")], like_with_like=True)
    assert more.changed and not more.lost and not more.failure  # a gain is never a failure


def _record(
    nodeid: str, data: str, masked: list[list[str]], toggles: dict[str, Any] | None = None, **kw: Any
) -> dict[str, Any]:
    transcripts = [{"state": "SelectCareTeam", "masked": masked, **kw}]
    return {"nodeid": nodeid, "name": nodeid, "seed": 1, "context": {"data": data, "toggles": toggles or {}},
            "transcripts": transcripts}  # fmt: skip


def test_the_previous_run_is_found_in_the_history_and_judged_like_with_like() -> None:
    masked = [[line.role, line.name, line.states] for line in BEFORE]
    older: dict[str, Any] = {"run": "r1", "env": "mock", "transcripts": transcript.history_block(
        [_record("f::a", "profile mixed, seed 7", masked)])}  # fmt: skip
    newer: dict[str, Any] = {"run": "r2", "env": "mock", "transcripts": transcript.history_block(
        [_record("f::a", "profile mixed, seed 7", masked[:2], defects=True)])}  # fmt: skip
    assert len(older["transcripts"]["texts"]) == 1  # each transcript kept once, by digest
    previous = transcript.previous_of([older, newer], "f::a", "SelectCareTeam")
    assert previous is not None and previous.run == "r2" and previous.defects
    assert not transcript.like_with_like(previous, "mock", "profile mixed, seed 7", defects=False)
    first = transcript.previous_of([older], "f::a", "SelectCareTeam")
    assert first is not None and transcript.like_with_like(first, "mock", "profile mixed, seed 7", False)
    assert not transcript.like_with_like(first, "mock", "profile mixed, seed 8", False)  # another seed
    assert not transcript.like_with_like(first, "staging", "profile mixed, seed 7", False)
    assert transcript.previous_of([older], "f::b", "SelectCareTeam") is None


def test_toggle_states_that_read_differently_are_listed() -> None:
    masked = [[line.role, line.name, line.states] for line in BEFORE]
    scenarios = [
        _record("f::on", "d", masked, {RECENT_RECIPIENTS: "on"}),
        _record("f::off", "d", masked[:3], {RECENT_RECIPIENTS: "off"}),
        _record("f::off2", "d", masked[:3], {RECENT_RECIPIENTS: "off"}),
    ]
    found = transcript.toggle_findings(scenarios)
    assert len(found) == 1 and found[0]["state"] == "SelectCareTeam"
    assert found[0]["toggles"] == ["recent_recipients=off", "recent_recipients=on"]
    assert found[0]["lost"] == [] and found[0]["diff"]  # "off" has less: read from off to on, a gain
