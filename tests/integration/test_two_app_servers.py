"""Two app servers, as deployed (docs/operations.md): two gunicorn servers started from the
project's own gunicorn_conf, on one PostgreSQL database and one S3-compatible object store (moto,
tests/object_store.py). Requests alternate between them: nothing a visitor does may depend on
which server answers. Runs on PostgreSQL only: an SQLite test database lives in one process."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from django.db import connection
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.guidance.services import ensure_themes
from bestvalue.improvement.models import Evidence
from bestvalue.reminders.models import Reminder
from tests.factories import PASSWORD, make_issued_notice, make_officer, make_pdf, make_user
from tests.object_store import environment, free_port, new_bucket, s3_client, wait_for_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="two app servers share one database server: this run's DATABASE_URL is SQLite "
        "(CI runs the suite on PostgreSQL too)",
    ),
]

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def server_environment(s3_endpoint: str) -> dict[str, str]:
    """What each app server is started with: the same database, bucket and secrets (each server
    gets a var/ folder of its own below, so that they share no disk)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OBJECT_STORAGE_", "BIND", "WEB_CONCURRENCY"))
    }
    env.update(environment(s3_endpoint, new_bucket(s3_endpoint)))
    env.update(
        DATABASE_URL=_database_url(),
        DEBUG="true",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        PUBLIC_CACHE_SECONDS="600",
    )
    return env


@pytest.fixture
def servers(server_environment: dict[str, str], tmp_path: Path) -> Iterator[list[str]]:
    """Two gunicorn servers (the project's bestvalue.gunicorn_conf), each on a free port."""
    started: list[tuple[subprocess.Popen[bytes], int]] = []
    try:
        for _ in range(2):
            port = free_port()
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "python:bestvalue.gunicorn_conf"],
                cwd=ROOT,
                env={
                    **server_environment,
                    "BIND": f"127.0.0.1:{port}",
                    "BESTVALUE_VAR_DIR": str(tmp_path / f"server-{port}"),
                },
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            started.append((process, port))
        for process, port in started:
            wait_for_port(port, process, "An app server (gunicorn)")
        yield [f"http://127.0.0.1:{port}" for _, port in started]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            process.wait(timeout=30)


def _csrf(page: requests.Response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, page.text[:500]
    return match.group(1)


def _post(
    session: requests.Session, form_url: str, to: str, data: dict[str, Any], **kw: Any
) -> Any:
    """Read the form from one server and send it to the other."""
    page = session.get(form_url, timeout=30)
    assert page.status_code == 200, page.text[:500]
    return session.post(
        to,
        data={"csrfmiddlewaretoken": _csrf(page), **data},
        headers={"Referer": to},
        allow_redirects=False,
        timeout=60,
        **kw,
    )


def test_two_app_servers_share_sign_in_files_and_the_public_record(
    servers: list[str], server_environment: dict[str, str], settings: Any
) -> None:
    a, b = servers
    # The servers check passwords with the service's own hasher, not the suite's fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    notice = make_issued_notice()
    officer = make_officer(notice.authority)
    gss = notice.authority.gss_code
    browser = requests.Session()

    # Sign in on A, carry on on B.
    signed_in = _post(
        browser,
        a + reverse("accounts:sign-in"),
        a + reverse("accounts:sign-in"),
        {"username": officer.username, "password": PASSWORD},
    )
    assert signed_in.status_code == 302, signed_in.text[:500]
    workspace = browser.get(
        b + reverse("staff:improvement", kwargs={"gss_code": gss}),
        allow_redirects=False,
        timeout=30,
    )
    assert workspace.status_code == 200, workspace.headers.get("Location")

    # The public improvement page, seen (and cached) on B before anything is published.
    public_page = b + reverse("register:improvement", kwargs={"gss_code": gss})
    assert "Culture review" not in requests.get(public_page, timeout=30).text

    # Upload through A, download through B.
    pdf = make_pdf(pages=2)
    uploaded = _post(
        browser,
        b + reverse("staff:improvement-evidence-new", kwargs={"gss_code": gss}),
        a + reverse("staff:improvement-evidence-new", kwargs={"gss_code": gss}),
        {
            "title": "Culture review",
            "effective_on-day": "15",
            "effective_on-month": "2",
            "effective_on-year": "2024",
        },
        files={"file": ("Culture review.pdf", pdf, "application/pdf")},
    )
    assert uploaded.status_code == 302, uploaded.text[:2000]
    item = Evidence.objects.get(title="Culture review")
    s3 = s3_client(server_environment["OBJECT_STORAGE_ENDPOINT_URL"])
    stored = s3.get_object(Bucket=server_environment["OBJECT_STORAGE_BUCKET"], Key=item.file.name)
    assert stored["Body"].read() == pdf
    download = browser.get(
        b + reverse("staff:improvement-evidence-download", kwargs={"pk": item.pk}), timeout=30
    )
    assert download.status_code == 200
    assert download.content == pdf

    # Publish on A: B's public page shows it at once, and serves the file.
    publish = reverse("staff:improvement-publish", kwargs={"kind": "evidence", "pk": item.pk})
    form = browser.get(f"{a}{publish}", timeout=30)
    digest = re.search(r'name="digest" value="([^"]+)"', form.text)
    assert digest, form.text[:2000]
    published = browser.post(
        f"{a}{publish}",
        data={"csrfmiddlewaretoken": _csrf(form), "publish": "1", "digest": digest.group(1)},
        headers={"Referer": f"{a}{publish}"},
        allow_redirects=False,
        timeout=60,
    )
    assert published.status_code == 302, published.text[:2000]
    assert "Culture review" in requests.get(public_page, timeout=30).text
    public_file = requests.get(
        b + reverse("register:improvement-evidence", kwargs={"gss_code": gss, "pk": item.pk}),
        timeout=30,
    )
    assert public_file.status_code == 200
    assert public_file.content == pdf


def test_two_app_servers_reminder_workers_send_each_reminder_once(
    server_environment: dict[str, str],
) -> None:
    ensure_themes()
    make_issued_notice(issued_on=dt.date(2024, 5, 1))
    users = [make_user(Role.CASEWORKER, email=f"caseworker{n}@example.gov.uk") for n in range(4)]
    command = [str(ROOT / ".venv" / "bin" / "bestvalue"), "remind"]
    runs = [
        subprocess.Popen(  # noqa: S603 (our own command, fixed arguments)
            command,
            cwd=ROOT,
            env=server_environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    printed = b"".join(out for out, _ in outputs).decode()
    for user in users:
        # One email a run lists everything due for a user: across both workers, exactly one.
        assert printed.count(f"To: {user.email}") == 1, printed[:3000]
    sent = Reminder.objects.filter(user__in=users)
    assert sent.count() > 0
    assert sent.count() == len({(r.user_id, r.item_key, r.lead_days) for r in sent})
