"""The dry run's check of premises: every "Given a patient ..." reads as premises, and some mock profile
meets each scenario's premises, so a typo or an impossible combination fails before any browser starts.

The check builds candidates in an in-process mock and reads them as the app would (the same choice the
scenarios make, `harness.oracle.profile_choice`); the seed sweep covers the other seeds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pytest

from harness.oracle.premises import Premise, PremiseError
from harness.oracle.profile_choice import choose

SEED = 0  # one seed: the candidates are every profile, and the seed sweep covers the other orders


def premise_problems(items: Iterable[pytest.Item], rootpath_relative: dict[str, str]) -> dict[str, list[str]]:
    """problem -> where (file:line of the scenario); empty when every scenario's premises can be met."""
    from harness.staging.pool import scenario_premises
    from mocks.client import MockClient
    from mocks.server import build_config, start_server

    problems: dict[str, list[str]] = defaultdict(list)
    wanted: dict[tuple[str, ...], tuple[list[Premise], list[str]]] = {}
    for item in items:
        where = rootpath_relative.get(item.nodeid, item.nodeid)
        try:
            premises = [p for p in scenario_premises(item) if not p.toggle]
        except PremiseError as error:
            problems[str(error)].append(where)
            continue
        if premises:
            wanted.setdefault(tuple(p.needs for p in premises), (premises, []))[1].append(where)
    if not wanted:
        return dict(problems)
    server = start_server(build_config())
    try:
        with MockClient(server.url) as client:
            for premises, places in wanted.values():
                session = client.create_session(seed=SEED)
                try:
                    choose(session, premises, SEED)
                except PremiseError as error:
                    problems[str(error)].extend(places)
                finally:
                    session.delete()
    finally:
        server.stop()
    return dict(problems)
