"""Benchmark of the mock API: requests/s and p50/p99 latency of allrecipients and send, 50 concurrent clients.

`python -m bench.mock [--clients 50] [--requests 2000] [--rate 500] [--seconds 20]`

The server runs in its own process on 127.0.0.1 (so the load generator does not share its GIL). Each
endpoint is measured twice: flat out (throughput), then paced at --rate req/s (latency against the target:
p99 < 10 ms at 500 req/s). Every phase is bounded in requests and seconds. It prints whether the target
is met and never fails on speed.
"""

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from contract import MESSAGES, MESSAGING
from mocks.client import MockClient

try:  # uvloop keeps the load generator light (it is in requirements.lock; stdlib asyncio otherwise)
    from uvloop import run as _run
except ImportError:  # pragma: no cover
    from asyncio import run as _run  # type: ignore[assignment]

TARGET_P99_MS = 10.0
TARGET_RATE = 500.0


@dataclass
class Phase:
    endpoint: str
    mode: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed_s: float = 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.elapsed_s if self.elapsed_s else 0.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(port: int) -> None:
    """Child process: the mock without access logging (the log line per request is not what we measure)."""
    from mocks.server import start_server

    server = start_server(port=port)
    print("ready", flush=True)
    try:
        server.thread.join()
    except KeyboardInterrupt:
        server.stop()


class _Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: httpx's own overhead would dominate the
    numbers on a small machine, and the load generator must not be the thing measured."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def _raw_request(port: int, session_id: str, method: str, path: str, body: dict[str, Any] | None) -> bytes:
    payload = json.dumps(body).encode() if body is not None else b""
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Mock-Session: {session_id}\r\n"
        f"X-Key-Inflection: camel\r\nContent-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


async def _phase(
    port: int, endpoint: str, raw: bytes, clients: int, total: int, seconds: float, rate: float | None
) -> Phase:
    phase = Phase(endpoint, f"{rate:.0f} req/s" if rate else "max")
    issued = 0
    start = time.perf_counter()

    async def worker() -> None:
        nonlocal issued
        connection = _Connection(port)
        try:
            while issued < total and time.perf_counter() - start < seconds:
                slot = issued
                issued += 1
                if rate:  # open-loop pacing: request n is due at start + n / rate
                    delay = start + slot / rate - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                began = time.perf_counter()
                try:
                    ok = await connection.request(raw) < 400
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    connection.close()
                    connection = _Connection(port)
                phase.latencies_ms.append((time.perf_counter() - began) * 1000)
                phase.errors += 0 if ok else 1
        finally:
            connection.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    phase.elapsed_s = time.perf_counter() - start
    return phase


def _server_percentiles(journal: list[dict[str, Any]], endpoint: str) -> str:
    values = sorted(e["latency_ms"] for e in journal if e["endpoint"] == endpoint)
    if not values:
        return "-"
    p99 = values[min(len(values) - 1, round(0.99 * (len(values) - 1)))]
    return f"{statistics.median(values):.2f}/{p99:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mock", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="per phase")
    parser.add_argument("--rate", type=float, default=TARGET_RATE, help="paced phase, requests per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="time bound per phase")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.serve)
        return 0

    port = _free_port()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.mock", "--serve", str(port)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            print("the mock server did not start", file=sys.stderr)
            return 1
        base = f"http://127.0.0.1:{port}"
        control = MockClient(base)
        session = control.create_session(profile="mixed", seed=1, recent_teams=4)
        team = session.patient()["allowedCareTeams"][0]["triageTeamId"]
        send_body = {"recipient_id": team, "category": "OTHER", "subject": "Benchmark", "body": "Hello"}
        requests = {
            "allrecipients": _raw_request(
                port, session.id, "GET", f"{MESSAGING}/allrecipients?useCache=false", None
            ),
            "send": _raw_request(port, session.id, "POST", MESSAGES, send_body),
        }
        phases = []
        for endpoint, request in requests.items():
            for rate in (None, args.rate):
                session.clear_journal()
                phase = _run(_phase(port, endpoint, request, args.clients, args.requests, args.seconds, rate))
                phases.append((phase, _server_percentiles(session.journal(), endpoint)))
        session.delete()
    finally:
        child.terminate()
        child.wait(timeout=10)

    print(
        f"mock API benchmark: 127.0.0.1, {args.clients} concurrent clients, "
        f"<= {args.requests} requests / {args.seconds:.0f} s per phase"
    )
    print(
        f"{'endpoint':<14}{'mode':<12}{'requests':>9}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'server p50/p99 ms':>20}"
    )
    for phase, server in phases:
        print(
            f"{phase.endpoint:<14}{phase.mode:<12}{len(phase.latencies_ms):>9}{phase.errors:>8}"
            f"{phase.rate:>9.1f}{phase.percentile(0.5):>9.2f}{phase.percentile(0.99):>9.2f}{server:>20}"
        )
    for phase, _ in phases:
        if phase.mode != "max":
            met = (
                phase.percentile(0.99) < TARGET_P99_MS and phase.rate >= 0.95 * args.rate and not phase.errors
            )
            print(
                f"target p99 < {TARGET_P99_MS:.0f} ms at {args.rate:.0f} req/s, {phase.endpoint}: "
                f"{'met' if met else 'NOT met'} "
                f"(p99 {phase.percentile(0.99):.2f} ms at {phase.rate:.1f} req/s)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
