"""Run the benchmarks: build the data at each scale, serve it with gunicorn on loopback, and
measure each page and API list against the trivial views on the same server.

    .venv/bin/python bench/run.py --database sqlite --scales 1 100
    .venv/bin/python bench/run.py --database postgres --scales 1 100

Writes a table to bench/results/ with the machine and date. See bench/README.md for how to read
it. Requests go to 127.0.0.1 only and every loop is bounded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
SECRET = "bench-only-secret-key-" + "b" * 40

# Trivial views: /health/ answers JSON after one SELECT 1; /cookies/ renders the page template
# with no data. Pages are compared with both.
TRIVIAL = ["/health/", "/cookies/"]
PAGES = [
    "/",
    "/authorities/",
    "/authorities/?kind=NMD&page=2",
    "/authorities/E47000008/",
    "/authorities/E06000034/",
    "/notices/BVN-2024-001/",
]
SEQUENTIAL_REQUESTS = 200
THROUGHPUT_SECONDS = 5
THROUGHPUT_CLIENTS = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(database_url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)}
    env.update(
        DEBUG="false",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        BESTVALUE_VAR_DIR=str(var_dir),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        DATABASE_CONN_MAX_AGE="600",
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


def _latency(port: int, path: str) -> dict[str, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(20):  # warm up
        _get(conn, path)
    times = []
    for _ in range(SEQUENTIAL_REQUESTS):
        status, seconds = _get(conn, path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        times.append(seconds * 1000)
    conn.close()
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1]}


def _throughput(port: int, path: str) -> float:
    done, deadline = [0] * THROUGHPUT_CLIENTS, time.perf_counter() + THROUGHPUT_SECONDS

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            _get(conn, path)
            done[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(THROUGHPUT_CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / THROUGHPUT_SECONDS


def _query_counts(env: dict[str, str], paths: list[str]) -> dict[str, int]:
    script = (
        "import json, sys, django; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client, out = Client(), {}\n"
        "for path in sys.argv[1:]:\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as q:\n"
        "        client.get(path)\n"
        "    out[path] = len(q)\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run(
        [str(PYTHON), "-c", script, *paths],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "bestvalue.settings",
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
        },
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"counting queries failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "bestvalue.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/health/")
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def bench(database: str, scale: int, paths: list[str]) -> dict[str, object]:
    var_dir = ROOT / "var" / f"bench-{database}-{scale}"
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    if database == "sqlite":
        url = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    else:
        name = f"bench_{scale}"
        subprocess.run(
            ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", name], check=True
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    env = _env(url, var_dir)
    setup_seconds = _run([str(PYTHON), "bench/generate.py", "--scale", str(scale)], env)
    _run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env)
    queries = _query_counts(env, [*TRIVIAL, *paths])
    port = _free_port()
    server = _serve(env, port)
    try:
        rows = {}
        for path in [*TRIVIAL, *paths]:
            rows[path] = {
                **_latency(port, path),
                "rps": _throughput(port, path),
                "queries": queries[path],
            }
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"database": database, "scale": scale, "generate_seconds": setup_seconds, "rows": rows}


def write(result: dict[str, object]) -> Path:
    rows: dict[str, dict[str, float]] = result["rows"]  # type: ignore[assignment]
    health, shell = rows["/health/"]["p95"], rows["/cookies/"]["p95"]
    lines = [
        f"# Benchmark: {result['database']}, scale {result['scale']}",
        "",
        f"{dt.datetime.now().astimezone():%d %B %Y %H:%M %Z}; {platform.node()}; {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; gunicorn 2 workers x 2 threads on 127.0.0.1.",
        f"Data generated and loaded in {result['generate_seconds']:.0f} s. {SEQUENTIAL_REQUESTS} sequential requests "
        f"per path after 20 to warm up; throughput from {THROUGHPUT_CLIENTS} clients for {THROUGHPUT_SECONDS} s.",
        "",
        "| path | p50 ms | p95 ms | req/s | queries | p95 / health | p95 / page shell |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for path, row in rows.items():
        lines.append(
            f"| `{path}` | {row['p50']:.1f} | {row['p95']:.1f} | {row['rps']:.0f} | {row['queries']} | "
            f"{row['p95'] / health:.1f} | {row['p95'] / shell:.1f} |"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{dt.date.today():%Y-%m-%d}-{result['database']}-scale{result['scale']}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Benchmark pages and API lists against trivial views."
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--paths", nargs="*", default=PAGES)
    args = parser.parse_args()
    for scale in args.scales:
        path = write(bench(args.database, scale, args.paths))
        print(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
