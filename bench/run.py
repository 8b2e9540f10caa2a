"""Run the benchmarks: build the data at each scale, serve it with gunicorn on loopback, and
measure each page, API endpoint, feed and download against trivial views on the same server.

    .venv/bin/python bench/run.py --database sqlite --scales 1 100
    .venv/bin/python bench/run.py --database postgres --scales 1 100 --reuse
    .venv/bin/python bench/run.py --database sqlite --scales 1 100 --reuse --queries-only

Each scale's data lives under var/bench/DATABASE-scaleN/ (and, on PostgreSQL, in the database
bench_scaleN); --reuse keeps it when it is complete, so the timed part can be repeated later on
a quiet machine without generating again. Writes a table per database and scale to
bench/results/ with the machine, date and load average, and a comparison of query counts
between the smallest and largest scale; exits non-zero if any page's count differs. See
bench/README.md for how to read them. Requests go to 127.0.0.1 only and every loop is bounded.
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
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
SECRET = "bench-only-secret-key-" + "b" * 40
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
IN_FORCE_DAY = dt.date(2015, 10, 1)  # generated notices are in force then at every scale


@dataclass(frozen=True)
class Page:
    """A path to measure. `name` is the same at every scale; `path` may hold {placeholders}
    that the probe fills in from the generated data (the same record at every scale: the first
    generated authority's latest notice, its plan's first action, and so on). `who` signs in as
    that benchmark user. `kind` says what it is compared with: html pages with the page shell
    (signed in or not, as the page is), api and feed responses with /health/; downloads are whole
    datasets, so they grow with the data by design and are timed but not held to the bar."""

    name: str
    path: str
    kind: str = "html"  # trivial, html, api, feed, download
    who: str = ""  # "", caseworker, officer or member


_DAY = f"{IN_FORCE_DAY.day}&{{f}}-month={IN_FORCE_DAY.month}&{{f}}-year={IN_FORCE_DAY.year}"
PAGES = [
    Page("health", "/health/", "trivial"),
    Page("page shell", "/cookies/", "trivial"),
    Page("page shell, signed in", "/cookies/", "trivial", "caseworker"),
    # The public register.
    Page("home", "/"),
    Page("register", "/register/"),
    Page("register, page 2", "/register/?page=2"),
    Page("register, in force", "/register/?status=in_force"),
    Page(
        "register, in force on a date",
        "/register/?in_force_on-day=" + _DAY.format(f="in_force_on"),
    ),
    Page("register, search", "/register/?q=governance"),
    Page("authorities", "/authorities/"),
    Page("authorities, filtered, page 2", "/authorities/?kind=NMD&page=2"),
    Page("authority (real, combined authority)", "/authorities/E47000008/"),
    Page("authority (generated)", "/authorities/{gss}/"),
    Page("authority (generated, with an intervention)", "/authorities/{gss_intervened}/"),
    Page("notice (real)", "/notices/BVN-2024-001/"),
    Page("notice (generated)", "/notices/{notice_ref}/"),
    Page("intervention (real, Thurrock)", "/interventions/thurrock-2022/"),
    Page("open data", "/open-data/"),
    Page("open data: notices", "/open-data/notices/"),
    Page("API documentation", "/api/"),
    # Feeds.
    Page("changes feed", "/register/changes.atom", "feed"),
    Page("changes feed, authority", "/authorities/{gss}/changes.atom", "feed"),
    Page("dates calendar", "/register/dates.ics", "feed"),
    Page("dates calendar, authority", "/authorities/{gss}/dates.ics", "feed"),
    # The API.
    Page("API: authorities", "/api/v1/authorities", "api"),
    Page("API: authority", "/api/v1/authorities/{gss}", "api"),
    Page("API: authority timeline", "/api/v1/authorities/{gss}/timeline", "api"),
    Page(
        "API: authority timeline, with an intervention",
        "/api/v1/authorities/{gss_intervened}/timeline",
        "api",
    ),
    Page("API: notices", "/api/v1/notices", "api"),
    Page("API: notices, 100", "/api/v1/notices?limit=100", "api"),
    Page("API: notices in force", f"/api/v1/notices?in_force_on={IN_FORCE_DAY}", "api"),
    Page("API: notice", "/api/v1/notices/{notice_ref}", "api"),
    Page("API: expectations", "/api/v1/expectations", "api"),
    Page("API: interventions", "/api/v1/interventions", "api"),
    Page("API: intervention", "/api/v1/interventions/thurrock-2022", "api"),
    # Department pages.
    Page("staff dashboard", "/staff/", who="caseworker"),
    Page(
        "staff, in force on a date",
        "/staff/in-force/?on-day=" + _DAY.format(f="on"),
        who="caseworker",
    ),
    # The case list pages in the database: its queries must not grow with the notices.
    Page("case list of notices", "/staff/notices/", who="caseworker"),
    Page("case list, by next date", "/staff/notices/?sort=next", who="caseworker"),
    Page(
        "case list, search and filters",
        "/staff/notices/?q=governance&status=ended&sort=authority",
        who="caseworker",
    ),
    Page("dates due", "/staff/due/", who="caseworker"),
    Page("notice case page", "/staff/notices/{notice_pk}/", who="caseworker"),
    Page(
        "notice changes (real, revised)",
        "/staff/notices/{real_notice_pk}/changes/",
        who="caseworker",
    ),
    Page("review", "/staff/reviews/{review_pk}/", who="caseworker"),
    Page("interventions (staff)", "/staff/interventions/", who="caseworker"),
    Page("intervention (staff)", "/staff/interventions/thurrock-2022/", who="caseworker"),
    Page("improvement workspaces", "/staff/improvement/", who="caseworker"),
    # The authority's and the board's pages.
    Page("improvement workspace", "/staff/improvement/{gss}/", who="officer"),
    Page("progress report", "/staff/improvement/{gss}/progress/", who="officer"),
    # The record's downloads (issue 18): files, but of one authority's record, so held to flat
    # query counts like its pages.
    Page("improvement export: Excel", "/staff/improvement/{gss}/export.xlsx", who="officer"),
    Page(
        "improvement export: readings CSV",
        "/staff/improvement/{gss}/export/readings.csv",
        who="officer",
    ),
    Page("progress report: PDF", "/staff/improvement/{gss}/progress.pdf", who="officer"),
    Page("progress report: Word", "/staff/improvement/{gss}/progress.docx", who="officer"),
    Page("plan action", "/staff/actions/{action_pk}/", who="officer"),
    Page("measure", "/staff/measures/{measure_pk}/", who="officer"),
    Page("evidence", "/staff/evidence/{evidence_pk}/", who="officer"),
    Page("board", "/staff/boards/{board_pk}/", who="member"),
    Page("board meeting", "/staff/meetings/{meeting_pk}/", who="member"),
    # Whole datasets, streamed.
    Page("download: notices CSV", "/open-data/notices.csv", "download"),
    Page("download: notices JSON", "/open-data/notices.json", "download"),
    Page("download: expectations CSV", "/open-data/expectations.csv", "download"),
    Page("download: authorities CSV", "/open-data/authorities.csv", "download"),
]
TRIVIAL_FOR = {"api": "health", "feed": "health", "download": "health"}
SEQUENTIAL_REQUESTS = 200
WARM_UP = 20
THROUGHPUT_SECONDS = 5.0
THROUGHPUT_CLIENTS = 4
DOWNLOAD_REQUESTS = 20  # downloads are large at scale 100; fewer requests keep the run short
BAR = 3.0


# --- The Django side: run as `run.py --probe` in the benchmark's environment -----------------


def probe(wanted: list[dict[str, str]]) -> dict[str, Any]:
    """Fill in each page's path from the data, make a session for each benchmark user, and count
    each page's queries (with the public cache off, so every query a miss costs is counted)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bestvalue.accounts.models import User
    from bestvalue.improvement import models as improvement
    from bestvalue.notices.models import Notice, Review

    # The first generated authority (by GSS code) with an approved review: at scale 1 it has
    # one notice, at scale 100 five, so its pages show whether their cost grows.
    review = (
        Review.objects.filter(notice__drafted_by__username="bench-caseworker", status="approved")
        .order_by("notice__authority__gss_code", "-reviewed_on")
        .select_related("notice__authority")
        .first()
    )
    if review is None:
        raise SystemExit("No generated data: generate at scale 1 or more first.")
    authority, notice = review.notice.authority, review.notice
    # The same, for an authority that also has a published intervention from the real record.
    intervened = (
        Review.objects.filter(
            notice__drafted_by__username="bench-caseworker",
            status="approved",
            notice__authority__interventions__isnull=False,
        )
        .order_by("notice__authority__gss_code")
        .values_list("notice__authority__gss_code", flat=True)
        .first()
        # At scale 1 no generated authority is one of the real record's: take a real one.
        or Notice.objects.filter(authority__interventions__isnull=False)
        .order_by("authority__gss_code")
        .values_list("authority__gss_code", flat=True)
        .first()
    )
    meeting = improvement.Meeting.objects.filter(board__authority=authority).first()
    assert meeting is not None
    values = {
        "gss": authority.gss_code,
        "gss_intervened": intervened,
        "notice_ref": notice.reference,
        "notice_pk": notice.pk,
        "real_notice_pk": Notice.objects.get(reference="BVN-2024-001").pk,
        "review_pk": review.pk,
        "action_pk": improvement.PlanAction.objects.get(authority=authority, number=1).pk,
        "measure_pk": improvement.Measure.objects.filter(authority=authority).order_by("pk")[0].pk,
        "evidence_pk": improvement.Evidence.objects.filter(authority=authority, kind="file")
        .order_by("pk")[0]
        .pk,
        "board_pk": meeting.board_id,
        "meeting_pk": meeting.pk,
    }
    users = {
        "caseworker": User.objects.get(username="bench-caseworker"),
        "officer": User.objects.get(username=f"bench-officer-{authority.gss_code}"),
        "member": User.objects.get(username=f"bench-member-{authority.gss_code}"),
    }
    clients, cookies = {"": Client()}, {}
    for who, user in users.items():
        clients[who] = Client()
        clients[who].force_login(user)
        cookies[who] = clients[who].cookies[settings.SESSION_COOKIE_NAME].value
    pages = []
    for page in wanted:
        path = page["path"].format(**values)
        client = clients[page["who"]]
        first = client.get(path)  # warms caches that live for the process, not the request
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            if response.streaming:  # a download reads its rows as it is sent
                b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if first.status_code != 200 or response.status_code != 200:
            raise SystemExit(f"{page['name']}: {path} answered {response.status_code}")
        pages.append({**page, "path": path, "queries": len(queries)})
    return {
        "pages": pages,
        "cookies": cookies,
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "values": values,
    }


# --- The runner -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _where(database: str, scale: int) -> tuple[Path, str]:
    var_dir = ROOT / "var" / "bench" / f"{database}-scale{scale}"
    if database == "sqlite":
        return var_dir, f"sqlite:///{var_dir / 'bench.sqlite3'}"
    # BENCH_POSTGRES_PREFIX keeps runs from two checkouts on one server apart.
    return var_dir, f"{POSTGRES}{os.environ.get('BENCH_POSTGRES_PREFIX', 'bench_')}scale{scale}"


def _env(database_url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DEBUG="false",
        SECRET_KEY=SECRET,
        # Required with DEBUG off (the audit chain's key); a bench-only one, like SECRET_KEY.
        AUDIT_KEY=os.environ.get("AUDIT_KEY", "bench-only-audit-key-" + "a" * 40),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        DATABASE_URL=database_url,
        BESTVALUE_VAR_DIR=str(var_dir),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        DATABASE_CONN_MAX_AGE="600",
        # The public cache off: a page served from the cache measures the cache, and any
        # change to the record empties it. The README says how to measure it on.
        PUBLIC_CACHE_SECONDS=os.environ.get("BENCH_PUBLIC_CACHE_SECONDS", "0"),
        DJANGO_SETTINGS_MODULE="bestvalue.settings",
    )
    return env


def prepare(database: str, scale: int, *, reuse: bool) -> tuple[dict[str, str], dict[str, Any]]:
    """The scale's data, generated now unless --reuse finds it complete; returns the
    environment to serve it with and what the generator reported."""
    var_dir, url = _where(database, scale)
    env = _env(url, var_dir)
    marker = var_dir / "generated.json"
    if reuse and marker.exists():
        print(f"Reusing {database} scale {scale} from {var_dir}", file=sys.stderr)
    else:
        shutil.rmtree(var_dir, ignore_errors=True)
        var_dir.mkdir(parents=True)
        if database == "postgres":
            name, server = url.rsplit("/", 1)[1], ["-h", "127.0.0.1", "-U", "postgres"]
            subprocess.run(["dropdb", "--if-exists", *server, name], check=True)
            subprocess.run(["createdb", *server, name], check=True)
        print(f"Generating {database} scale {scale} in {var_dir}", file=sys.stderr)
        args = [str(PYTHON), "bench/generate.py", "--scale", str(scale), "--json", str(marker)]
        subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    if not (var_dir / "static" / "staticfiles.json").exists():
        args = [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"]
        subprocess.run(args, cwd=ROOT, env=env, check=True)
    return env, json.loads(marker.read_text(encoding="utf-8"))


def _probe(env: dict[str, str], pages: list[Page]) -> dict[str, Any]:
    result = subprocess.run(
        [str(PYTHON), str(Path(__file__)), "--probe"],
        cwd=ROOT,
        env=env,
        input=json.dumps([asdict(p) for p in pages]),
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"probing the pages failed:\n{result.stderr[-3000:]}")
    probed: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return probed


def _get(conn: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> tuple[int, float]:
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


def _latency(port: int, path: str, headers: dict[str, str], requests: int) -> dict[str, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(min(WARM_UP, requests)):
        _get(conn, path, headers)
    times = []
    for _ in range(requests):
        status, seconds = _get(conn, path, headers)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        times.append(seconds * 1000)
    conn.close()
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(int(len(times) * 0.95) - 1, 0)],
    }


def _throughput(port: int, path: str, headers: dict[str, str], seconds: float) -> float:
    done, deadline = [0] * THROUGHPUT_CLIENTS, time.perf_counter() + seconds

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            _get(conn, path, headers)
            done[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(THROUGHPUT_CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / seconds


# With --gc-freeze, each worker moves what it holds after loading the app out of the garbage
# collector's sight (gc.freeze), so a full collection no longer walks Django's own objects: those
# collections were the spikes at p95 (bench/README.md). A gunicorn hook, not a change to the app.
GC_FREEZE_HOOK = """import gc


def post_worker_init(worker):
    gc.collect()
    gc.freeze()
"""


def _serve(env: dict[str, str], port: int, *, gc_freeze: bool = False) -> subprocess.Popen[bytes]:
    config = []
    if gc_freeze:
        hook = Path(env["BESTVALUE_VAR_DIR"]) / "gunicorn-gc-freeze.py"
        hook.write_text(GC_FREEZE_HOOK, encoding="utf-8")
        config = ["--config", str(hook)]
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
            *config,
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/health/")
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def bench(
    database: str,
    scale: int,
    pages: list[Page],
    *,
    reuse: bool,
    timed: bool,
    requests: int,
    gc_freeze: bool = False,
) -> dict[str, Any]:
    env, generated = prepare(database, scale, reuse=reuse)
    probed = _probe(env, pages)
    result: dict[str, Any] = {
        "database": database,
        "scale": scale,
        "generated": generated,
        "values": probed["values"],
        "when": dt.datetime.now().astimezone().isoformat(timespec="minutes"),
        "machine": f"{platform.node()}; {os.cpu_count()} cores; {platform.machine()}; "
        f"Python {platform.python_version()}",
        "load_start": _load(),
        "cache": env["PUBLIC_CACHE_SECONDS"],
        "gc_freeze": gc_freeze,
        "timed": timed,
        "requests": requests,
        "rows": {p["name"]: p for p in probed["pages"]},
    }
    if timed:
        port = _free_port()
        server = _serve(env, port, gc_freeze=gc_freeze)
        try:
            for row in result["rows"].values():
                cookie = probed["cookies"].get(row["who"])
                headers = {"Cookie": f"{probed['cookie_name']}={cookie}"} if cookie else {}
                download = row["kind"] == "download"
                row.update(
                    _latency(
                        port, row["path"], headers, DOWNLOAD_REQUESTS if download else requests
                    )
                )
                row["rps"] = _throughput(
                    port, row["path"], headers, THROUGHPUT_SECONDS / (2 if download else 1)
                )
                print(f"  {row['name']}: p95 {row['p95']:.1f} ms", file=sys.stderr, flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    result["load_end"] = _load()
    return result


def _trivial(row: dict[str, Any]) -> str:
    if row["kind"] == "html":
        return "page shell, signed in" if row["who"] else "page shell"
    return TRIVIAL_FOR.get(row["kind"], "health")


def _verdicts(result: dict[str, Any]) -> list[str]:
    """Each page and API response over the bar: its p95 more than BAR times its trivial view's."""
    rows = result["rows"]
    over = []
    for name, row in rows.items():
        if row["kind"] in ("trivial", "download"):
            continue
        ratio = row["p95"] / rows[_trivial(row)]["p95"]
        if ratio > BAR:
            over.append(f"{name} ({ratio:.1f}x {_trivial(row)})")
    return over


def write(result: dict[str, Any]) -> Path:
    rows: dict[str, dict[str, Any]] = result["rows"]
    generated = result["generated"]
    made = ", ".join(f"{n:,} {what}" for what, n in generated["counts"].items())
    lines = [
        f"# Benchmark: {result['database']}, scale {result['scale']}",
        "",
        f"- When: {result['when']}",
        f"- Machine: {result['machine']}",
        f"- Load average (1, 5, 15 min) at start: {result['load_start']}; at end: "
        f"{result['load_end']}",
        f"- Data: generated in {generated['seconds']:.0f} s (set-up {generated['setup_seconds']:.0f} s): "
        f"{made}.",
        "- Server: gunicorn, 2 workers x 2 threads on 127.0.0.1, DEBUG off, public cache "
        + (f"on ({result['cache']} s)" if result["cache"] != "0" else "off")
        + (
            "; workers call gc.freeze() after loading the app (--gc-freeze)."
            if result.get("gc_freeze")
            else "."
        ),
    ]
    if not result["timed"]:
        lines += ["- Query counts only (--queries-only): no timings.", ""]
        lines += ["| page | who | path | queries |", "|---|---|---|---:|"]
        for name, row in rows.items():
            lines.append(
                f"| {name} | {row['who'] or 'public'} | `{row['path']}` | {row['queries']} |"
            )
    else:
        lines += [
            f"- Latency: {result['requests']} sequential requests per path after {WARM_UP} to warm "
            f"up ({DOWNLOAD_REQUESTS} for downloads); throughput: {THROUGHPUT_CLIENTS} clients "
            f"for {THROUGHPUT_SECONDS:.0f} s.",
            "- Ratio: p95 over the p95 of the trivial view of its kind (HTML pages: the page shell,"
            " signed in or not as the page is; API, feeds and downloads: /health/).",
            "",
            "| page | who | path | p50 ms | p95 ms | req/s | queries | p95 / trivial | trivial "
            "| p95 / health | p95 / page shell |",
            "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|",
        ]
        for name, row in rows.items():
            trivial = _trivial(row)
            shell = "page shell, signed in" if row["who"] else "page shell"
            ratios = [row["p95"] / rows[t]["p95"] for t in (trivial, "health", shell)]
            shown = (
                ["", "", "", ""]
                if row["kind"] == "trivial"
                else [f"{ratios[0]:.1f}", trivial, f"{ratios[1]:.1f}", f"{ratios[2]:.1f}"]
            )
            lines.append(
                f"| {name} | {row['who'] or 'public'} | `{row['path']}` | {row['p50']:.1f} | "
                f"{row['p95']:.1f} | {row['rps']:.0f} | {row['queries']} | "
                + " | ".join(shown)
                + " |"
            )
        over = _verdicts(result)
        lines += [
            "",
            f"Over {BAR:.0f}x their trivial view's p95: {', '.join(over) if over else 'none'}.",
        ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"{dt.date.today():%Y-%m-%d}-{result['database']}-scale{result['scale']}"
    stem += "-gc-freeze" if result.get("gc_freeze") else ""
    (RESULTS / f"{stem}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    path = RESULTS / f"{stem}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def compare(database: str, results: list[dict[str, Any]]) -> tuple[Path, list[str]]:
    """Query counts (and, when both scales were timed, p95 latency) at the smallest and largest
    scale, side by side; returns the pages whose count differs."""
    small, large = results[0], results[-1]
    a, b = small["scale"], large["scale"]
    timed = small["timed"] and large["timed"]
    lines = [
        f"# Query counts: {database}, scale {a} and scale {b}",
        "",
        f"Counted {small['when']} and {large['when']} with Django's test client in the "
        "benchmark's settings (public cache off), on the second request to each path.",
    ]
    head = f"| page | who | queries, scale {a} | queries, scale {b} | same |"
    rule = "|---|---|---:|---:|---|"
    if timed:
        lines.append(
            f"p95 latencies from the timed runs (load average at their start: "
            f"{small['load_start']} and {large['load_start']}); their ratio shows what grows "
            "with the data, and is as noisy as the runs were."
        )
        head += f" p95 ms, scale {a} | p95 ms, scale {b} | scale {b} / scale {a} |"
        rule += "---:|---:|---:|"
    lines += ["", head, rule]
    differ = []
    for name, row in large["rows"].items():
        old = small["rows"].get(name, {})
        before = old.get("queries")
        same = "yes" if before == row["queries"] else "**NO**"
        if row["kind"] == "download" and before != row["queries"]:
            same = "streamed: one read per 500 rows"
        elif before != row["queries"]:
            differ.append(f"{name}: {before} at scale {a}, {row['queries']} at scale {b}")
        line = f"| {name} | {row['who'] or 'public'} | {before} | {row['queries']} | {same} |"
        if timed and "p95" in old:
            line += f" {old['p95']:.1f} | {row['p95']:.1f} | {row['p95'] / old['p95']:.1f} |"
        lines.append(line)
    lines += [
        "",
        "Downloads are whole datasets read in chunks of 500 rows (so that memory stays flat), "
        "each chunk with its own prefetches: their count grows with the rows by design.",
        "",
        f"Pages whose count differs: {'; '.join(differ) if differ else 'none'}.",
    ]
    path = RESULTS / f"{dt.date.today():%Y-%m-%d}-{database}-queries.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, differ


def _earlier(database: str, scale: int) -> dict[str, Any] | None:
    """The latest results file for this database and scale, for comparing with a single scale."""
    found = sorted(RESULTS.glob(f"*-{database}-scale{scale}.json"))
    return json.loads(found[-1].read_text(encoding="utf-8")) if found else None


def main() -> None:
    if sys.argv[1:] == ["--probe"]:
        print(json.dumps(probe(json.loads(sys.stdin.read()))))
        return
    parser = argparse.ArgumentParser(
        description="Benchmark pages and API lists against trivial views."
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument(
        "--reuse", action="store_true", help="keep each scale's data if already generated"
    )
    parser.add_argument("--queries-only", action="store_true", help="count queries, without timing")
    parser.add_argument("--requests", type=int, default=SEQUENTIAL_REQUESTS)
    parser.add_argument("--only", nargs="*", help="measure only the pages with these names")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="serve with a gunicorn hook that calls gc.freeze() in each worker (results apart)",
    )
    args = parser.parse_args()
    if any(scale < 1 for scale in args.scales):
        parser.error("scales start at 1: the pages measured need generated data")
    pages = [p for p in PAGES if not args.only or p.name in args.only or p.kind == "trivial"]
    results = []
    for scale in sorted(args.scales):
        result = bench(
            args.database,
            scale,
            pages,
            reuse=args.reuse,
            timed=not args.queries_only,
            requests=args.requests,
            gc_freeze=args.gc_freeze,
        )
        results.append(result)
        print(write(result).read_text(encoding="utf-8"))
    if args.gc_freeze:
        return  # the query counts are the same served either way; compare them without it
    if len(results) == 1:
        other = _earlier(args.database, 100 if results[0]["scale"] == 1 else 1)
        results = sorted([*([other] if other else []), *results], key=lambda r: r["scale"])
    if len(results) > 1:
        path, differ = compare(args.database, results)
        print(path.read_text(encoding="utf-8"))
        if differ:
            print(
                "FAIL: query counts grow with the data on these pages:\n  " + "\n  ".join(differ),
                file=sys.stderr,
            )
            raise SystemExit(1)


if __name__ == "__main__":
    main()
