"""Load test: concurrent API clients against gunicorn and PostgreSQL on loopback, mixing public
reads with token writes; then a check that every acknowledged write is in the database once, as
sent, that no refused write is there, and that the audit chain is intact.

    .venv/bin/python bench/load.py --clients 50 --seconds 60

It drops and recreates the PostgreSQL database bench_load (postgres://postgres@127.0.0.1:5432),
runs `bestvalue setup` on it, makes caseworkers and their API tokens through the services, serves
the app with gunicorn on 127.0.0.1 with production settings (DEBUG off), and runs the clients for
the time given. Each client loops over a weighted mix (MIX) of the public reads and the writes of
docs/api.md. Edits go to the newest few drafts, so two clients often edit the same draft at once:
the second's stale version is refused with a 409, which is a correct answer, counted apart.

An error is a 5xx, a connection error or timeout, a 4xx other than that 409, or a 2xx whose body
does not show what was sent. It writes bench/results/DATE-load-postgres.md and exits 1 if there
was any error or any write was lost, duplicated or unaudited. Requests go to 127.0.0.1 only; every
loop is bounded by the deadline and every request by TIMEOUT.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BIN = ROOT / ".venv" / "bin"
VAR_DIR = ROOT / "var" / "bench-load"
SECRET = "bench-only-secret-key-" + "l" * 40
TIMEOUT = 30  # seconds: a request that takes longer counts as an error
CASEWORKERS = 10  # clients share their tokens round-robin
HOT_DRAFTS = 6  # edits go to the newest drafts, so clients collide on them
READ_BEFORE_EDIT = 0.5  # how often a client reads a draft's version before adding to it
CONDITIONAL = 0.3  # how often a read repeats with the ETag it was last given
# How Django and gunicorn log a request that failed on the server (LOG_LEVEL=WARNING shows them).
SERVER_ERRORS = ("Internal Server Error:", "Error handling request", "WORKER TIMEOUT")
MARKER = re.compile(r"\bL[0-9]+-[0-9]+\b")  # Client.marker: unique to each write

# Relative weights of what a client does next: about 60% public reads, 40% token calls.
MIX = {
    "list notices": 12,
    "notice": 10,
    "list authorities": 6,
    "authority": 5,
    "timeline": 5,
    "list interventions": 5,
    "intervention": 5,
    "list expectations": 5,
    "read draft": 5,
    "create draft": 6,
    "add ground": 11,
    "add expectation": 11,
    "record engagement": 9,
}
READS = (
    "list notices",
    "notice",
    "list authorities",
    "authority",
    "timeline",
    "list interventions",
    "intervention",
    "list expectations",
)
# The statuses each kind may answer. A 409 is allowed only for adding to a draft, and only with
# the stale_version code: someone else changed the draft since this client read its version.
EXPECTED = {
    **{kind: {200, 304} for kind in READS},
    "read draft": {200},
    "create draft": {201},
    "add ground": {201, 409},
    "add expectation": {201, 409},
    "record engagement": {201},
}


# --- Setting up ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(database_url: str) -> dict[str, str]:
    """Production settings, as bench/run.py serves them: DEBUG off, on loopback without TLS."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DEBUG="false",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        BESTVALUE_VAR_DIR=str(VAR_DIR),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        DATABASE_CONN_MAX_AGE="600",
        DJANGO_SETTINGS_MODULE="bestvalue.settings",
    )
    return env


def _fresh_database(name: str) -> str:
    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", "--if-exists", *pg, name], check=True)
    subprocess.run(["createdb", *pg, name], check=True)
    return f"postgres://postgres@127.0.0.1:5432/{name}"


@dataclass
class World:
    """What the clients need to know of the data: identifiers to read and write to."""

    tokens: list[tuple[str, str]]  # (username, secret)
    notices: list[str]
    interventions: list[str]
    authorities: list[str]
    gss_with_records: list[str]
    names: list[str]
    kinds: list[str]
    years: list[int]
    themes: list[str]
    postgres: str = ""


def _prepare(env: dict[str, str]) -> World:
    """`bestvalue setup`, static files, then users and tokens through the services, in this
    process (Django is set up here with the same environment as the server)."""
    subprocess.run([str(BIN / "bestvalue"), "setup", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [str(BIN / "bestvalue"), "manage", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    from bestvalue.accounts.roles import Role
    from bestvalue.accounts.services import create_api_token, create_user
    from bestvalue.authorities.models import Authority
    from bestvalue.guidance.models import Theme
    from bestvalue.interventions.selectors import (
        InterventionFilters,
        search_published_interventions,
    )
    from bestvalue.notices.selectors import published_notices

    tokens = []
    for n in range(1, CASEWORKERS + 1):
        user = create_user(
            username=f"load-caseworker-{n:02d}", password=SECRET, role=Role.CASEWORKER
        )
        tokens.append((user.username, create_api_token(user=user, name="Load test")[1]))
    notices = list(published_notices().select_related("authority"))
    interventions = search_published_interventions(InterventionFilters())
    current = Authority.objects.filter(is_current=True)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    world = World(
        tokens=tokens,
        notices=sorted(n.reference for n in notices),
        interventions=sorted(i.reference for i in interventions),
        authorities=sorted(current.values_list("gss_code", flat=True)),
        gss_with_records=sorted(
            {n.authority.gss_code for n in notices} | {i.authority.gss_code for i in interventions}
        ),
        names=sorted(current.values_list("short_name", flat=True))[::7],
        kinds=sorted(set(current.values_list("kind", flat=True))),
        years=sorted({n.issued_on.year for n in notices}),
        themes=sorted(Theme.objects.values_list("key", flat=True)),
        postgres=postgres,
    )
    connection.close()
    return world


def _serve(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "gunicorn"),
        "bestvalue.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]
    with (VAR_DIR / "gunicorn.log").open("wb") as log:  # the server writes to its own copy
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start: see var/bench-load/gunicorn.log")


# --- What happened ---------------------------------------------------------------------------


@dataclass
class Write:
    """One write a client sent, with what it sent and what the server said. `marker` is unique
    to the write and is in the text it stores, so the check finds it in the database."""

    kind: str  # draft, grounds, expectations or engagement
    marker: str
    body: dict[str, Any]
    username: str
    target: int | str | None  # the draft's id or the notice's reference
    outcome: str = "unknown"  # acknowledged (2xx), stale (409), refused (other 4xx), unknown
    created_id: int | None = None


@dataclass
class Answer:
    status: int
    ok: bool
    data: Any
    etag: str | None


class Stats:
    """Latencies, statuses and errors of every request, by kind; safe to share between threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, Counter[str]] = defaultdict(Counter)
        self.errors: Counter[str] = Counter()
        self.samples: list[str] = []

    def record(self, kind: str, status: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds * 1000)
            self.statuses[kind][status] += 1
            if error is not None:
                self._error(kind, error)

    def error(self, kind: str, message: str) -> None:
        with self.lock:
            self._error(kind, message)

    def _error(self, kind: str, message: str) -> None:
        self.errors[kind] += 1
        if len(self.samples) < 30:
            self.samples.append(f"{kind}: {message}")


class Shared:
    """The drafts made so far and the newest version any client has seen of each, and every
    write sent."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.drafts: list[int] = []
        self.versions: dict[int, int] = {}
        self.writes: list[Write] = []

    def add_write(self, write: Write) -> None:
        with self.lock:
            self.writes.append(write)

    def saw(self, pk: int, version: int) -> None:
        with self.lock:
            if pk not in self.versions:
                self.drafts.append(pk)
            self.versions[pk] = max(version, self.versions.get(pk, 0))

    def hot_draft(self, rng: random.Random) -> tuple[int, int] | None:
        with self.lock:
            if not self.drafts:
                return None
            pk = rng.choice(self.drafts[-HOT_DRAFTS:])
            return pk, self.versions[pk]


# --- The clients -----------------------------------------------------------------------------


class Client:
    """One API client with its own keep-alive connection, looping until the deadline."""

    def __init__(self, number: int, port: int, world: World, shared: Shared, stats: Stats) -> None:
        self.number, self.port, self.world = number, port, world
        self.shared, self.stats = shared, stats
        self.rng = random.Random(number)
        self.username, self.token = world.tokens[number % len(world.tokens)]
        self.conn: http.client.HTTPConnection | None = None
        self.sequence = 0
        self.etags: dict[str, str] = {}
        self.actions: dict[str, Callable[[], None]] = {
            **{kind: (lambda kind=kind: self.read(kind)) for kind in READS},
            "read draft": self.read_draft,
            "create draft": self.create_draft,
            "add ground": lambda: self.add_item("grounds"),
            "add expectation": lambda: self.add_item("expectations"),
            "record engagement": self.record_engagement,
        }

    def run(self, deadline: float) -> None:
        kinds, weights = list(MIX), list(MIX.values())
        while time.monotonic() < deadline:
            kind = self.rng.choices(kinds, weights)[0]
            try:
                self.actions[kind]()
            except Exception as exc:  # an answer we could not read: count it and carry on
                self.stats.error(kind, f"client failed on the answer: {exc!r}")
        if self.conn is not None:
            self.conn.close()

    def _send(self, method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            self.conn.request(method, path, body=payload, headers=headers)
            response = self.conn.getresponse()
            return response, response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise

    def call(
        self, kind: str, method: str, path: str, body: Any = None, *, etag: str | None = None
    ) -> Answer | None:
        """One request, timed and counted. None if it got no answer at all."""
        headers = {"Accept": "application/json"}
        if kind not in READS:
            headers["Authorization"] = f"Bearer {self.token}"
        if etag:
            headers["If-None-Match"] = etag
        started = time.perf_counter()
        try:
            response, content = self._send(method, path, body, headers)
        except (OSError, http.client.HTTPException) as exc:
            seconds = time.perf_counter() - started
            self.stats.record(kind, type(exc).__name__, seconds, f"{method} {path}: {exc!r}")
            return None
        seconds = time.perf_counter() - started
        data = _json(content, response.getheader("Content-Type", ""))
        status = response.status
        ok = status in EXPECTED[kind] and (status != 409 or _code(data) == "stale_version")
        error = None if ok else f"{method} {path} answered {status}: {content[:300]!r}"
        self.stats.record(kind, str(status), seconds, error)
        return Answer(status, ok, data, response.getheader("ETag"))

    def marker(self) -> str:
        self.sequence += 1
        return f"L{self.number:02d}-{self.sequence:05d}"

    # Reads ---------------------------------------------------------------------------------

    def read(self, kind: str) -> None:
        path = read_path(kind, self.rng, self.world)
        etag = self.etags.get(path) if self.rng.random() < CONDITIONAL else None
        answer = self.call(kind, "GET", path, etag=etag)
        if answer is not None and answer.status == 200 and answer.etag:
            self.etags[path] = answer.etag

    def read_draft(self) -> None:
        hot = self.shared.hot_draft(self.rng)
        if hot is not None:
            self.draft_version(hot[0])

    def draft_version(self, pk: int) -> int | None:
        """The draft's version now, read through the API; None if the read failed."""
        answer = self.call("read draft", "GET", f"/api/v1/drafts/{pk}")
        if answer is None or not answer.ok:
            return None
        self.shared.saw(pk, answer.data["version"])
        return int(answer.data["version"])

    # Writes --------------------------------------------------------------------------------

    def _settle(self, write: Write, answer: Answer | None) -> bool:
        """Record the write's outcome; True if it was acknowledged."""
        if answer is None or answer.status >= 500:
            write.outcome = "unknown"
        elif answer.status == 409:
            write.outcome = "stale"
        elif answer.status >= 400:
            write.outcome = "refused"
        else:
            write.outcome = "acknowledged"
        self.shared.add_write(write)
        return write.outcome == "acknowledged"

    def create_draft(self) -> None:
        marker = self.marker()
        body = {
            "authority_gss": self.rng.choice(self.world.authorities),
            "period_months": self.rng.choice([6, 12, 18, 24]),
            "addressee_name": f"Chief Executive {marker}",
            "addressee_role": "Chief Executive",
            "signatory_name": "Load Test Minister",
            "signatory_role": "Minister of State for Local Government",
        }
        write = Write("draft", marker, body, self.username, None)
        answer = self.call("create draft", "POST", "/api/v1/drafts", body)
        if not self._settle(write, answer):
            return
        assert answer is not None
        write.created_id = answer.data["id"]
        shown = {name: answer.data.get(name) for name in body}
        if shown != body or answer.data["status"] != "draft":
            self.stats.error("create draft", f"answer {answer.data} does not show {body}")
        self.shared.saw(answer.data["id"], answer.data["version"])

    def add_item(self, kind: str) -> None:
        label = "add ground" if kind == "grounds" else "add expectation"
        hot = self.shared.hot_draft(self.rng)
        if hot is None:
            self.create_draft()
            return
        pk, version = hot
        if self.rng.random() < READ_BEFORE_EDIT:
            version = self.draft_version(pk) or version
        marker = self.marker()
        body: dict[str, Any] = {
            "version": version,
            "text": f"{kind[:-1].capitalize()} {marker}: the authority must act on the findings.",
            "themes": self.rng.sample(self.world.themes, self.rng.randint(0, 2)),
        }
        if kind == "grounds":
            body["source_document"] = self.rng.choice(["", "Inspection report, March 2025"])
        write = Write(kind, marker, body, self.username, pk)
        answer = self.call(label, "POST", f"/api/v1/drafts/{pk}/{kind}", body)
        if not self._settle(write, answer):
            return
        assert answer is not None
        if body["text"] not in [item["text"] for item in answer.data[kind]]:
            self.stats.error(label, f"the draft {pk} answered does not show {body['text']!r}")
        self.shared.saw(pk, answer.data["version"])

    def record_engagement(self) -> None:
        reference = self.rng.choice(self.world.notices)
        marker = self.marker()
        occurred = dt.date.today() - dt.timedelta(days=self.rng.randint(0, 365))
        body = {
            "kind": self.rng.choice(["meeting", "call", "letter", "email"]),
            "occurred_on": occurred.isoformat(),
            "summary": f"Engagement {marker}: progress against the expectations discussed.",
            "attendees": self.rng.choice(["", "Chief Executive; Leader of the Council"]),
        }
        write = Write("engagement", marker, body, self.username, reference)
        path = f"/api/v1/notices/{reference}/engagements"
        answer = self.call("record engagement", "POST", path, body)
        if not self._settle(write, answer):
            return
        assert answer is not None
        write.created_id = answer.data["id"]
        shown = {name: answer.data.get(name) for name in body}
        if shown != body or answer.data["notice_reference"] != reference:
            self.stats.error("record engagement", f"answer {answer.data} does not show {body}")


def _json(content: bytes, content_type: str) -> Any:
    """The body as JSON, or None if it is not JSON (a 500 page, say: already an error)."""
    if not content or not content_type.startswith("application/json"):
        return None
    try:
        return json.loads(content)
    except ValueError:
        return None


def _code(data: Any) -> str | None:
    try:
        return str(data["error"]["code"])
    except (KeyError, TypeError):
        return None


def _maybe(rng: random.Random, params: dict[str, Any], name: str, values: list[Any]) -> None:
    if values and rng.random() < 0.3:
        params[name] = rng.choice(values)


def _list_query(kind: str, rng: random.Random, world: World) -> dict[str, Any]:
    params: dict[str, Any] = {}
    _maybe(rng, params, "limit", [5, 20, 100])
    if kind == "list authorities":
        _maybe(rng, params, "q", world.names)
        _maybe(rng, params, "type", world.kinds)
        _maybe(rng, params, "status", ["current", "abolished", "all"])
        return params
    if kind == "list expectations":
        _maybe(rng, params, "notice", world.notices)
        _maybe(rng, params, "theme", world.themes)
        return params
    _maybe(rng, params, "sort", ["newest", "oldest", "authority", "reference"])
    _maybe(rng, params, "authority", world.gss_with_records)
    _maybe(rng, params, "year", world.years)
    _maybe(rng, params, "in_force_on", ["2022-06-01", "2024-01-15", dt.date.today().isoformat()])
    statuses = ["active", "ended"] if kind == "list interventions" else ["in_force", "ended"]
    _maybe(rng, params, "status", statuses)
    return params


def read_path(kind: str, rng: random.Random, world: World) -> str:
    """A public read of the given kind, with filters chosen at random from real values."""
    one = {
        "notice": lambda: f"/api/v1/notices/{rng.choice(world.notices)}",
        "authority": lambda: f"/api/v1/authorities/{rng.choice(world.authorities)}",
        "timeline": lambda: f"/api/v1/authorities/{rng.choice(world.gss_with_records)}/timeline",
        "intervention": lambda: f"/api/v1/interventions/{rng.choice(world.interventions)}",
    }
    if kind in one:
        return one[kind]()
    path = "/api/v1/" + kind.removeprefix("list ")
    query = _list_query(kind, rng, world)
    return f"{path}?{urlencode(query)}" if query else path


def run_load(port: int, world: World, clients: int, seconds: float) -> tuple[Shared, Stats, float]:
    shared, stats = Shared(), Stats()
    deadline = time.monotonic() + seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=Client(n, port, world, shared, stats).run, args=(deadline,))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + TIMEOUT * 4)
    if any(thread.is_alive() for thread in threads):
        stats.error("client", "a client was still running long after the deadline")
    return shared, stats, time.perf_counter() - started


# --- Checking the database -------------------------------------------------------------------


@dataclass
class Check:
    """What the database holds against what the clients were told."""

    acknowledged: Counter[str] = field(default_factory=Counter)
    lost: int = 0  # acknowledged, but missing or not as sent
    duplicated: int = 0  # stored more than once
    phantom: int = 0  # stored, though refused (4xx) or never sent
    unaudited: int = 0  # stored, with no audit event (or more than one)
    unknown_stored: int = 0  # no answer or a 5xx, and stored once (allowed)
    inconsistent: int = 0  # a draft's positions or version do not add up
    problems: list[str] = field(default_factory=list)
    audit_verify: str = ""
    audit_ok: bool = False

    def problem(self, counter: str, message: str) -> None:
        setattr(self, counter, getattr(self, counter) + 1)
        if len(self.problems) < 30:
            self.problems.append(message)

    @property
    def failed(self) -> int:
        return self.lost + self.duplicated + self.phantom + self.unaudited + self.inconsistent


def _match(check: Check, write: Write, found: list[Any], same: Callable[[Any], bool]) -> None:
    """Compare one write with the rows that carry its marker."""
    if len(found) > 1:
        check.problem("duplicated", f"{write.kind} {write.marker} is stored {len(found)} times")
    if write.outcome == "acknowledged":
        check.acknowledged[write.kind] += 1
        if not found or not same(found[0]):
            check.problem("lost", f"acknowledged {write.kind} {write.marker} is missing or altered")
    elif write.outcome in ("stale", "refused") and found:
        check.problem("phantom", f"{write.outcome} {write.kind} {write.marker} was stored")
    elif write.outcome == "unknown" and found:
        check.unknown_stored += 1


def _by_marker(rows: Any, text: Callable[[Any], str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        marker = MARKER.search(text(row))
        found[marker.group() if marker else text(row)].append(row)
    return found


def _check_kind(
    check: Check, writes: list[Write], rows: dict[str, list[Any]], same: Any, label: str
) -> None:
    for write in writes:
        _match(check, write, rows.pop(write.marker, []), lambda row, w=write: same(row, w))
    for marker in rows:
        check.problem("phantom", f"{label} {marker} is stored but was never sent")


def _same_draft(row: Any, write: Write) -> bool:
    body = write.body
    return (
        row.pk == write.created_id
        and row.status == "draft"
        and row.drafted_by.username == write.username
        and row.authority.gss_code == body["authority_gss"]
        and all(
            getattr(row, name) == body[name]
            for name in (
                "period_months",
                "addressee_name",
                "addressee_role",
                "signatory_name",
                "signatory_role",
            )
        )
    )


def _same_item(row: Any, write: Write) -> bool:
    return (
        row.notice_id == write.target
        and row.text == write.body["text"]
        and sorted(t.key for t in row.themes.all()) == sorted(write.body["themes"])
        and getattr(row, "source_document", "") == write.body.get("source_document", "")
    )


def _same_engagement(row: Any, write: Write) -> bool:
    body = write.body
    return (
        row.pk == write.created_id
        and row.notice.reference == write.target
        and row.recorded_by.username == write.username
        and row.kind == body["kind"]
        and row.occurred_on.isoformat() == body["occurred_on"]
        and row.summary == body["summary"]
        and row.attendees == body["attendees"]
    )


def _check_drafts(check: Check, drafts: list[Any]) -> None:
    """Each draft's items are numbered 1..n, and its version went up once per item added (the
    load test changes drafts only by adding items)."""
    for notice in drafts:
        grounds = [g.position for g in notice.grounds.all()]
        expectations = [e.position for e in notice.expectations.all()]
        for name, positions in (("grounds", grounds), ("expectations", expectations)):
            if positions != list(range(1, len(positions) + 1)):
                check.problem("inconsistent", f"draft {notice.pk} {name} are at {positions}")
        if notice.version != 1 + len(grounds) + len(expectations):
            check.problem(
                "inconsistent",
                f"draft {notice.pk} is at version {notice.version} with "
                f"{len(grounds)} grounds and {len(expectations)} expectations",
            )


def _check_audit(check: Check, drafts: list[Any], engagements: list[Any]) -> None:
    """One audit event for each record the load test made."""
    from bestvalue.audit.models import AuditEvent

    wanted = [("notice.drafted", n.pk) for n in drafts]
    for notice in drafts:
        wanted += [("notice.grounds.saved", g.pk) for g in notice.grounds.all()]
        wanted += [("notice.expectations.saved", e.pk) for e in notice.expectations.all()]
    wanted += [("engagement.recorded", e.pk) for e in engagements]
    actions = {action for action, _ in wanted}
    events = Counter(
        AuditEvent.objects.filter(action__in=actions).values_list("action", "object_id")
    )
    for action, pk in wanted:
        if events[(action, str(pk))] != 1:
            count = events[(action, str(pk))]
            check.problem("unaudited", f"{action} {pk} has {count} audit events")


def verify(writes: list[Write], usernames: list[str], env: dict[str, str]) -> Check:
    from django.db.models import Prefetch

    from bestvalue.notices.models import Engagement, Expectation, Ground, Notice

    check = Check()
    drafts = list(
        Notice.objects.filter(drafted_by__username__in=usernames)
        .select_related("authority", "drafted_by")
        .prefetch_related(
            Prefetch("grounds", queryset=Ground.objects.prefetch_related("themes")),
            Prefetch("expectations", queryset=Expectation.objects.prefetch_related("themes")),
        )
    )
    engagements = list(
        Engagement.objects.filter(recorded_by__username__in=usernames).select_related(
            "notice", "recorded_by"
        )
    )
    of_kind = defaultdict(list)
    for write in writes:
        of_kind[write.kind].append(write)
    grounds = [g for n in drafts for g in n.grounds.all()]
    expectations = [e for n in drafts for e in n.expectations.all()]
    _check_kind(
        check,
        of_kind["draft"],
        _by_marker(drafts, lambda n: n.addressee_name),
        _same_draft,
        "draft",
    )
    _check_kind(
        check, of_kind["grounds"], _by_marker(grounds, lambda g: g.text), _same_item, "ground"
    )
    _check_kind(
        check,
        of_kind["expectations"],
        _by_marker(expectations, lambda e: e.text),
        _same_item,
        "expectation",
    )
    _check_kind(
        check,
        of_kind["engagement"],
        _by_marker(engagements, lambda e: e.summary),
        _same_engagement,
        "engagement",
    )
    _check_drafts(check, drafts)
    _check_audit(check, drafts, engagements)
    audit = subprocess.run(
        [str(BIN / "bestvalue"), "audit", "verify"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    check.audit_ok = audit.returncode == 0
    check.audit_verify = (audit.stdout + audit.stderr).strip()
    return check


# --- Reporting -------------------------------------------------------------------------------


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def _statuses(counter: Counter[str]) -> str:
    return ", ".join(f"{status}: {n}" for status, n in sorted(counter.items()))


def report(run: dict[str, Any], stats: Stats, shared: Shared, check: Check) -> str:
    elapsed, total = run["elapsed"], sum(len(v) for v in stats.latencies.values())
    outcomes = Counter(w.outcome for w in shared.writes)
    lines = [
        f"# Load test: PostgreSQL, {run['clients']} clients for {run['seconds']:g} s",
        "",
        f"{run['when']:%d %B %Y %H:%M %Z}; {platform.node()}; {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; PostgreSQL {run['postgres']}; gunicorn "
        f"{run['workers']} workers x {run['threads']} threads on 127.0.0.1, DEBUG off.",
        f"Load average (1, 5, 15 min): {run['load_before']} before, {run['load_after']} at the "
        "end of the run; above the core count, other work was competing with the test.",
        f"Command: `{run['command']}`",
        "",
        "| kind | requests | errors | p50 ms | p95 ms | statuses |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for kind in MIX:
        times = stats.latencies.get(kind, [])
        if times:
            lines.append(
                f"| {kind} | {len(times)} | {stats.errors[kind]} | {_percentile(times, 0.5):.0f} | "
                f"{_percentile(times, 0.95):.0f} | {_statuses(stats.statuses[kind])} |"
            )
    every = [t for times in stats.latencies.values() for t in times]
    lines += [
        f"| **all** | {total} | {sum(stats.errors.values())} | {_percentile(every, 0.5):.0f} | "
        f"{_percentile(every, 0.95):.0f} | |",
        "",
        f"- Throughput: {total / elapsed:.1f} requests/s over {elapsed:.1f} s "
        f"({sum(check.acknowledged.values()) / elapsed:.1f} acknowledged writes/s).",
        f"- Errors: **{sum(stats.errors.values())}** (5xx, no answer, timeout over {TIMEOUT} s, "
        "unexpected 4xx, or an answer not showing what was sent).",
        f"- Writes sent: {len(shared.writes)}; acknowledged: "
        f"{sum(check.acknowledged.values())} ({_statuses(check.acknowledged)}); refused as stale "
        f"(409 stale_version, not errors): {outcomes['stale']}; other refusals: "
        f"{outcomes['refused']}; no answer: {outcomes['unknown']} "
        f"({check.unknown_stored} of them stored).",
        f"- Checked in the database afterwards: lost **{check.lost}**, duplicated "
        f"**{check.duplicated}**, refused or unsent but stored **{check.phantom}**, without "
        f"exactly one audit event **{check.unaudited}**, drafts whose numbering or version do not "
        f"add up **{check.inconsistent}**.",
        f"- `bestvalue audit verify`: {check.audit_verify}",
        f"- Server log: {run['server_errors']} server errors (500s, worker timeouts or crashes) "
        "in var/bench-load/gunicorn.log.",
    ]
    if stats.samples or check.problems:
        lines += ["", "First problems:", ""]
        lines += [f"- {p}" for p in [*stats.samples, *check.problems]]
    return "\n".join(lines) + "\n"


def _load() -> str:
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description="Load test the API on gunicorn and PostgreSQL.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2 cores)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--database", default="bench_load", help="dropped and recreated")
    args = parser.parse_args()
    run: dict[str, Any] = {
        **vars(args),
        "when": dt.datetime.now().astimezone(),
        "load_before": _load(),
        "command": "python bench/load.py "
        f"--clients {args.clients} --seconds {args.seconds:g} --workers {args.workers} "
        f"--threads {args.threads}",
    }
    shutil.rmtree(VAR_DIR, ignore_errors=True)
    VAR_DIR.mkdir(parents=True)
    env = _env(_fresh_database(args.database))
    world = _prepare(env)
    run["postgres"] = world.postgres
    port = _free_port()
    server = _serve(env, port, args.workers, args.threads)
    try:
        shared, stats, run["elapsed"] = run_load(port, world, args.clients, args.seconds)
        run["load_after"] = _load()
    finally:
        server.terminate()  # gunicorn finishes the requests it has before it stops
        server.wait(timeout=60)
    log = (VAR_DIR / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
    run["server_errors"] = sum(log.count(sign) for sign in SERVER_ERRORS)
    check = verify(shared.writes, [username for username, _ in world.tokens], env)
    text = report(run, stats, shared, check)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{run['when']:%Y-%m-%d}-load-postgres.md"
    path.write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {path.relative_to(ROOT)}")
    failed = sum(stats.errors.values()) + check.failed + run["server_errors"]
    raise SystemExit(1 if failed or not check.audit_ok else 0)


if __name__ == "__main__":
    main()
