"""`python -m mocks serve ARGS...` as its own process, as QA runs it: ready once uvicorn listens.

One helper for every test that needs the served mock (the CLI, staging-like runs): it picks a free port,
keeps every line the process prints (the access log is the witness of what a run asked for), and stops
the process afterwards.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_REQUEST = re.compile(r'"(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE) (\S+) HTTP/[\d.]+"')
# The 6-month sent search is a POST that only reads (sm-api.md §1.3); everything else non-GET writes.
_READ_ONLY_POST = re.compile(r"^/my_health/v1/messaging/folders/-?\d+/search")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServedMock:
    url: str
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    _more: threading.Condition = field(default_factory=threading.Condition, repr=False)

    def requests(self, since: int = 0) -> list[tuple[str, str]]:
        return [(m.group(1), m.group(2)) for line in self.lines[since:] if (m := _REQUEST.search(line))]

    def writes(self, since: int = 0) -> list[tuple[str, str]]:
        return [
            (method, path)
            for method, path in self.requests(since)
            if method not in ("GET", "HEAD", "OPTIONS") and not _READ_ONLY_POST.match(path)
        ]

    def wait_for_line(self, text: str, since: int = 0, timeout_s: float = 10.0) -> str:
        """The first line from `since` on that contains `text`, waiting for the process to print it."""
        with self._more:
            found = self._more.wait_for(
                lambda: any(text in line for line in self.lines[since:]), timeout=timeout_s
            )
        if not found:
            raise AssertionError(f"the served mock never printed {text!r}:\n" + "\n".join(self.lines))
        return next(line for line in self.lines[since:] if text in line)

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._more:
                self.lines.append(line.rstrip("\n"))
                self._more.notify_all()


@contextmanager
def served(*args: str) -> Iterator[ServedMock]:
    port = free_port()
    command = [sys.executable, "-m", "mocks", "serve", "--port", str(port), *args]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    mock = ServedMock(url=f"http://127.0.0.1:{port}", process=process)
    threading.Thread(target=mock._collect, daemon=True).start()
    try:
        mock.wait_for_line("Uvicorn running on", timeout_s=60)  # uvicorn says when the socket listens
        yield mock
    finally:
        process.terminate()
        process.wait(timeout=20)


def storage_state(path: Path, session_value: str | None) -> Path:
    """A saved sign-in for the staging-like mock: its `vagov_session` cookie (none when None)."""
    cookie = {
        "name": "vagov_session",
        "value": session_value,
        "domain": "127.0.0.1",
        "path": "/",
        "expires": -1,
        "httpOnly": True,
        "secure": False,
        "sameSite": "Lax",
    }
    cookies = [cookie] if session_value is not None else []
    path.write_text(json.dumps({"cookies": cookies, "origins": []}))
    return path
