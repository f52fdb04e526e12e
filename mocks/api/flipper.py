"""Flipper gate semantics (flippercloud/flipper v1.3.6, sm-api.md §3.4) for one feature.

A feature is enabled if any gate opens: boolean, actor, percentage of actors, percentage of time.
"""

import random
import re
import zlib
from dataclasses import dataclass, field
from typing import Any


def bucket(feature: str, actor_id: str) -> int:
    """Flipper's stable bucket for (feature, actor): crc32(feature + id) % 100000 (unsigned, as in Ruby)."""
    return zlib.crc32(f"{feature}{actor_id}".encode()) % 100_000


@dataclass
class Gates:
    boolean: bool = False
    actors: set[str] = field(default_factory=set)
    percentage_of_actors: float = 0.0
    percentage_of_time: float = 0.0

    def enabled(
        self,
        feature: str,
        actor_id: str | None,
        rand: random.Random | None = None,
        bucket_with_feature: bool = True,
    ) -> bool:
        """`bucket_with_feature=False` is the seeded defect flipper_bucket_without_feature: the bucket hashes
        the actor alone, so every feature buckets a patient alike and the split differs from Flipper's."""
        if self.boolean:
            return True
        if actor_id is not None and actor_id in self.actors:
            return True
        # Percentage of actors needs an actor; the bucket is stable per (feature, actor).
        pct = self.percentage_of_actors
        key = feature if bucket_with_feature else ""
        if actor_id is not None and pct > 0 and (pct >= 100 or bucket(key, actor_id) < pct * 1_000):
            return True
        if self.percentage_of_time > 0:
            return (
                self.percentage_of_time >= 100 or (rand or random).random() < self.percentage_of_time / 100.0
            )
        return False

    def describe(self) -> dict[str, Any]:
        return {
            "boolean": self.boolean,
            "actors": sorted(self.actors),
            "percentage_of_actors": self.percentage_of_actors,
            "percentage_of_time": self.percentage_of_time,
        }


_PCT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


def parse_value(value: Any, gate: str = "percentage_of_actors") -> Gates:
    """'on'/'off'/True/False -> boolean gate; '25%' or 25.0 -> a percentage gate (actors unless told time).

    Raises ValueError with a readable message for anything else.
    """
    if gate not in ("percentage_of_actors", "percentage_of_time"):
        raise ValueError(f"unknown gate {gate!r}; use percentage_of_actors or percentage_of_time")
    if isinstance(value, bool):
        return Gates(boolean=value)
    if isinstance(value, str) and value.strip().lower() in ("on", "true", "off", "false"):
        return Gates(boolean=value.strip().lower() in ("on", "true"))
    pct: float | None = None
    if isinstance(value, int | float):
        pct = float(value)
    elif isinstance(value, str) and (match := _PCT.match(value)):
        pct = float(match.group(1))
    if pct is None or not 0 <= pct <= 100:
        raise ValueError(
            f"toggle value {value!r}: expected on, off, true, false or a percentage 0-100 like '25%'"
        )
    if gate == "percentage_of_time":
        return Gates(percentage_of_time=pct)
    return Gates(percentage_of_actors=pct)
