"""Strict JSON parsing: NaN and Infinity are not JSON (Rails rejects them) and could not be echoed back."""

import json
from typing import Any


def _reject(constant: str) -> Any:
    raise ValueError(f"{constant} is not valid JSON")


def loads(raw: str | bytes) -> Any:
    return json.loads(raw, parse_constant=_reject)
