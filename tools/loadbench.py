"""Load benchmark for ``botox-faq serve`` (not a test; pytest doesn't collect it).

Run from the repository root, with the web extra installed::

    python tools/loadbench.py                      # 8 clients, 3,000 requests per run, at most 30 s per run
    python tools/loadbench.py --clients 16 --requests 5000 --seconds 60

It starts the real server on a free loopback port (127.0.0.1 only), once with one
worker and once with one worker per core, and drives it with a bounded number of
concurrent clients: each keeps one HTTP/1.1 connection open and holds a
conversation, sending ``POST /api/ask`` with the ``context`` the last reply gave,
over the project's evaluation questions. A run stops after ``--requests``
requests or ``--seconds`` seconds, whichever comes first. Every reply must be a
200 with the same answer an in-process ``Assistant`` gives, or the run fails.

It prints Markdown for the README: the machine, then requests per second and
latency (median, p99) per configuration. The clients run on the same machine as
the server, so on a small machine they compete with it for the CPUs.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_server import running_server  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "eval_questions.yaml"


def questions() -> list[str]:
    return [item["q"] for item in yaml.safe_load(DATA.read_text(encoding="utf-8"))]


def expected_answers(qs: list[str]) -> dict[str, tuple[str, str | None]]:
    from assistant import Assistant
    bot = Assistant()
    return {q: (bot.ask(q).kind, bot.ask(q).intent) for q in qs}


def client(url: str, qs: list[str], offset: int, budget: list[int], stop_at: float, lock: threading.Lock,
           latencies: list[float], errors: list[str]) -> None:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    context = None
    n = offset
    while time.monotonic() < stop_at:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        question = qs[n % len(qs)]
        n += 1
        # A fresh conversation every fourth question, so contexts are both empty and carried.
        body = json.dumps({"question": question, "context": context if n % 4 else None}).encode()  # one send()
        start = time.perf_counter()
        conn.request("POST", "/api/ask", body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        data = response.read()
        latencies.append(time.perf_counter() - start)
        if response.status != 200:
            errors.append(f"{response.status}")
            continue
        context = json.loads(data)["context"]
    conn.close()


def check(url: str, qs: list[str], expected: dict[str, tuple[str, str | None]]) -> None:
    """Before timing: every question answered by the server as in-process (no context)."""
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    for q in qs:
        conn.request("POST", "/api/ask", body=json.dumps({"question": q}).encode(), headers={"Content-Type": "application/json"})
        reply = json.loads(conn.getresponse().read())
        if (reply["kind"], reply["intent"]) != expected[q]:
            raise SystemExit(f"the server answered {q!r} differently from the library")
    conn.close()


def run(workers: int, clients: int, requests: int, seconds: float, qs: list[str],
        expected: dict[str, tuple[str, str | None]]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as logs, running_server(Path(logs), "--workers", str(workers)) as server:
        check(server.url, qs, expected)
        latencies: list[float] = []
        errors: list[str] = []
        budget, lock = [requests], threading.Lock()
        start = time.perf_counter()
        stop_at = time.monotonic() + seconds
        threads = [threading.Thread(target=client, args=(server.url, qs, i * 37, budget, stop_at, lock, latencies,
                                                         errors)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        if errors:
            raise SystemExit(f"{len(errors)} requests failed (first status {errors[0]})")
        latencies.sort()
        return {"workers": workers, "requests": len(latencies), "seconds": elapsed, "rps": len(latencies) / elapsed,
                "median": statistics.median(latencies) * 1000,
                "p99": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--requests", type=int, default=3000, help="requests per run, at most (default 3000)")
    parser.add_argument("--seconds", type=float, default=30, help="seconds per run, at most (default 30)")
    args = parser.parse_args()
    if not 1 <= args.clients <= 256 or not 1 <= args.requests <= 100_000 or not 0 < args.seconds <= 600:
        parser.error("keep it bounded: 1-256 clients, 1-100,000 requests, up to 600 s")
    qs = questions()
    expected = expected_answers(qs)
    cores = os.cpu_count() or 1
    import starlette
    import uvicorn
    print(f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"uvicorn {uvicorn.__version__}, Starlette {starlette.__version__}  ")
    print(f"Command: `python tools/loadbench.py --clients {args.clients} --requests {args.requests} "
          f"--seconds {args.seconds:g}` ({args.clients} concurrent clients on the same machine, keep-alive, "
          f"`POST /api/ask` with context, {len(qs)} different questions)\n")
    print("| Workers | Requests | Requests/s | Median | p99 |")
    print("|--:|--:|--:|--:|--:|")
    for workers in sorted({1, cores}):
        sys.stderr.write(f"running with {workers} worker(s)...\n")
        r = run(workers, args.clients, args.requests, args.seconds, qs, expected)
        label = f"{workers} (one per core)" if workers == cores and cores > 1 else str(workers)
        print(f"| {label} | {r['requests']:,} | {r['rps']:,.0f} | {r['median']:.1f} ms | {r['p99']:.1f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
