"""Time every page against its trivial view in the same rounds (issue 16), on the server the
README's first command runs (gunicorn with bestvalue/gunicorn_conf.py: 2 workers x 2 threads,
gc.freeze() in each worker, the access log on, the public cache on as by default), and beside it
the same server with the public cache off (PUBLIC_CACHE_SECONDS=0: what the first request after a
change to the record costs), with the data run.py generates:

    .venv/bin/python bench/interleaved.py --database sqlite --scales 1 100 [--rounds 240]

Each round requests every path once from each server, the trivial views among them, in the same
order, so that a busy spell on the shared machine slows the pages and their trivial views alike
and the ratios hold; signed-in pages are never cached, so they are asked of the first server
only. p50 and p95 are over the rounds, after a few rounds to warm up. Query counts come from
run.py's probe (Django's test client, second request, public cache off). Downloads are whole
datasets, timed by run.py, not here. Writes bench/results/DATE-DATABASE-scaleN-two-servers.md and
.json, with the load average at the start, every 20 rounds and at the end, and exits 1 if a page's
query count differs between the smallest and largest scale. On PostgreSQL, BENCH_POSTGRES_PREFIX
names the databases (default bench_, as run.py). `--summary FILE.json ...` prints one table of
several runs' ratios (bench/README.md's).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run

WARM_ROUNDS = 5
ROUNDS = 240
# The bar (DESIGN.md section 5, issue 16): public pages, API lists and feeds within 3 times their
# trivial view; the department's and authorities' pages within 5 times the signed-in page shell.
PUBLIC_BAR, SIGNED_IN_BAR = 3.0, 5.0
# The nearest open-source peer (DESIGN.md section 5): 100 action items of 10,000 through its
# API in about 738 ms on a 2-core machine, 25 times its own trivial endpoint, 112 queries.
PEER = {"API: notices, 100": "738 ms p50, 25x its trivial endpoint, 112 queries"}


# The two servers: the README's first command's (public cache as configured by default) and the
# same with the public cache off.
SERVERS = {"production": None, "uncached": "0"}


def _serve(env: dict[str, str], port: int, cache_seconds: str | None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in env.items() if k != "PUBLIC_CACHE_SECONDS"}
    if cache_seconds is not None:
        env["PUBLIC_CACHE_SECONDS"] = cache_seconds
    server = subprocess.Popen(
        [
            str(run.ROOT / ".venv" / "bin" / "gunicorn"),
            "--config",
            "python:bestvalue.gunicorn_conf",
        ],
        cwd=run.ROOT,
        env={**env, "BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,  # the access log: written, as in production, and dropped
    )
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/health/")
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def _asked(server: str, row: dict[str, Any]) -> bool:
    return server == "production" or not row["who"]


def _rounds(
    ports: dict[str, int], rows: list[dict[str, Any]], probed: dict[str, Any], rounds: int
) -> Any:
    """Every path once per round from each server, on one keep-alive connection to each;
    returns each server's times (ms) per path and the load averages seen."""
    conns = {
        s: http.client.HTTPConnection("127.0.0.1", port, timeout=60) for s, port in ports.items()
    }
    headers = {}
    for row in rows:
        cookie = probed["cookies"].get(row["who"])
        headers[row["name"]] = {"Cookie": f"{probed['cookie_name']}={cookie}"} if cookie else {}
    times: dict[str, dict[str, list[float]]] = {
        server: {row["name"]: [] for row in rows if _asked(server, row)} for server in ports
    }
    loads = [run._load()]
    for number in range(WARM_ROUNDS + rounds):
        for server, conn in conns.items():
            # The other server's batch may outlast the keep-alive: open afresh, untimed.
            conn.close()
            run._get(conn, "/health/", {})
            for row in rows:
                if not _asked(server, row):
                    continue
                status, seconds = run._get(conn, row["path"], headers[row["name"]])
                if status != 200:
                    raise RuntimeError(f"{row['path']} answered {status} ({server})")
                if number >= WARM_ROUNDS:
                    times[server][row["name"]].append(seconds * 1000)
        if number % 20 == 19:
            loads.append(run._load())
            print(f"  round {number + 1}, load {loads[-1]}", file=sys.stderr, flush=True)
    for conn in conns.values():
        conn.close()
    loads.append(run._load())
    return times, loads


def _trivial(row: dict[str, Any]) -> str:
    if row["kind"] == "html":
        return "page shell, signed in" if row["who"] else "page shell"
    return "health"


def _bar(row: dict[str, Any]) -> float:
    return SIGNED_IN_BAR if row["who"] else PUBLIC_BAR


def bench(database: str, scale: int, rounds: int) -> dict[str, Any]:
    env, generated = run.prepare(database, scale, reuse=True)
    pages = [p for p in run.PAGES if p.kind != "download"]
    probed = run._probe(env, pages)
    rows = probed["pages"]
    ports: dict[str, int] = {}
    started = dt.datetime.now().astimezone().isoformat(timespec="minutes")
    servers = []
    try:
        for name, cache_seconds in SERVERS.items():
            ports[name] = run._free_port()
            servers.append(_serve(env, ports[name], cache_seconds))
        times, loads = _rounds(ports, rows, probed, rounds)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    by_name = {row["name"]: row for row in rows}
    for row in rows:
        row["servers"] = {}
        for server, measured in times.items():
            if row["name"] not in measured:
                continue
            own, trivial = measured[row["name"]], measured[_trivial(row)]
            p50, p95 = statistics.median(own), _p95(own)
            row["servers"][server] = {
                "p50": p50,
                "p95": p95,
                "p50_ratio": p50 / statistics.median(trivial),
                "p95_ratio": p95 / _p95(trivial),
            }
        # The production server's figures, as the earlier results files have them.
        row.update(row["servers"]["production"])
    return {
        "database": database,
        "scale": scale,
        "when": started,
        "machine": f"{os.uname().nodename}; {os.cpu_count()} cores; Python "
        f"{sys.version.split()[0]}",
        "generated": generated,
        "rounds": rounds,
        "loads": loads,
        "rows": by_name,
    }


def _cells(row: dict[str, Any], server: str) -> list[str]:
    figures = row["servers"].get(server)
    if figures is None:
        return ["", "", "", ""]
    if row["kind"] == "trivial":
        return [f"{figures['p50']:.1f}", f"{figures['p95']:.1f}", "", ""]
    return [
        f"{figures['p50']:.1f}",
        f"{figures['p95']:.1f}",
        f"{figures['p50_ratio']:.1f}",
        f"{figures['p95_ratio']:.1f}",
    ]


def _over(result: dict[str, Any], server: str) -> list[str]:
    over = []
    for name, row in result["rows"].items():
        figures = row["servers"].get(server)
        if row["kind"] == "trivial" or figures is None:
            continue
        if max(figures["p50_ratio"], figures["p95_ratio"]) > _bar(row):
            over.append(f"{name} ({figures['p50_ratio']:.1f}x / {figures['p95_ratio']:.1f}x)")
    return over


def write(result: dict[str, Any]) -> Path:
    loads = [float(load.split()[0]) for load in result["loads"]]
    lines = [
        f"# Interleaved benchmark: {result['database']}, scale {result['scale']}",
        "",
        f"- When: {result['when']}; machine: {result['machine']}",
        f"- Load average (1 min) from {min(loads):.2f} to {max(loads):.2f} during the run "
        f"(start {result['loads'][0]}; end {result['loads'][-1]}; 1, 5, 15 min).",
        f"- Data: {', '.join(f'{n:,} {w}' for w, n in result['generated']['counts'].items())}.",
        "- Servers: two, each gunicorn with bestvalue/gunicorn_conf.py (2 workers x 2 threads, "
        "gc.freeze() in each worker, access log on), DEBUG off, on the same data: **production** "
        "is the README's first command's server (the public cache on, as by default); "
        "**uncached** is the same with PUBLIC_CACHE_SECONDS=0 (what a public path costs on the "
        "first request after the record changes). Signed-in pages are never cached, and are "
        "asked of the production server only.",
        f"- {result['rounds']} rounds after {WARM_ROUNDS} to warm up; each round requests every "
        "path once from each server, trivial views included, in this order, on one keep-alive "
        "connection to each. Ratios are to the trivial view on the same server.",
        f"- Bar: public pages, API and feeds within {PUBLIC_BAR:.0f}x their trivial view (HTML: "
        f"the page shell; API and feeds: /health/); signed-in pages within {SIGNED_IN_BAR:.0f}x "
        "the signed-in page shell. Both p50 and p95. Judged on the production server.",
        "",
        "| page | who | queries | trivial | p50 ms | p95 ms | p50 / trivial | p95 / trivial "
        "| within the bar | uncached p50 ms | uncached p95 ms | uncached p50 / trivial "
        "| uncached p95 / trivial | peer |",
        "|---|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    over = _over(result, "production")
    for name, row in result["rows"].items():
        trivial = "" if row["kind"] == "trivial" else _trivial(row)
        within = (
            ""
            if row["kind"] == "trivial"
            else ("**no**" if any(o.startswith(f"{name} (") for o in over) else "yes")
        )
        lines.append(
            f"| {name} | {row['who'] or 'public'} | {row['queries']} | {trivial} | "
            + " | ".join(_cells(row, "production"))
            + f" | {within} | "
            + " | ".join(_cells(row, "uncached"))
            + f" | {PEER.get(name, '')} |"
        )
    uncached = _over(result, "uncached")
    lines += [
        "",
        f"Over the bar on the production server (p50 / p95 ratio): "
        f"{'; '.join(over) if over else 'none'}.",
        "",
        f"Over the bar uncached (p50 / p95 ratio): {'; '.join(uncached) if uncached else 'none'}.",
    ]
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"{dt.date.today():%Y-%m-%d}-{result['database']}-scale{result['scale']}-two-servers"
    (run.RESULTS / f"{stem}.json").write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    path = run.RESULTS / f"{stem}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ratios(row: dict[str, Any], server: str) -> str:
    figures = row["servers"].get(server)
    if figures is None:
        return ""
    ratios = f"{figures['p50_ratio']:.1f} / {figures['p95_ratio']:.1f}"
    over = max(figures["p50_ratio"], figures["p95_ratio"]) > _bar(row)
    return f"**{ratios}**" if over else ratios


def summary(files: list[Path]) -> str:
    """One table of every path's p50 / p95 ratios from several runs' JSON files (for
    bench/README.md): the production server's, then the uncached server's; over the bar in bold."""
    runs = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    heads = [f"{r['database']} x{r['scale']}" for r in runs]
    lines = [
        "| path | bar | "
        + " | ".join(f"{h}" for h in heads)
        + " | "
        + " | ".join(f"{h} uncached" for h in heads)
        + " |",
        "|---|---:|" + "---:|" * (2 * len(runs)),
    ]
    for name, row in runs[0]["rows"].items():
        if row["kind"] == "trivial":
            continue
        cells = [_ratios(r["rows"][name], "production") for r in runs]
        cells += [_ratios(r["rows"][name], "uncached") for r in runs]
        lines.append(f"| {name} | {_bar(row):.0f}x | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Pages and trivial views in the same rounds.")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument(
        "--summary",
        type=Path,
        nargs="+",
        metavar="JSON",
        help="print one table of the ratios in these results files, and measure nothing",
    )
    args = parser.parse_args()
    if args.summary:
        print(summary(args.summary), end="")
        return
    results = []
    for scale in sorted(args.scales):
        result = bench(args.database, scale, args.rounds)
        results.append(result)
        print(write(result).read_text(encoding="utf-8"))
    small, large = results[0]["rows"], results[-1]["rows"]
    differ = [n for n, row in large.items() if small[n]["queries"] != row["queries"]]
    if differ:
        print("FAIL: query counts grow with the data: " + ", ".join(differ), file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
