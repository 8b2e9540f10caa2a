"""Pages render with the production settings: DEBUG off, static files collected and hashed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import django; django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
client = Client()
for path in ["/", "/authorities/", "/sign-in/", "/cookies/", "/assets/fonts/bold-b542beb274-v2.woff2"]:
    response = client.get(path, secure=True)
    assert response.status_code == 200, (path, response.status_code)
print("ok")
"""


def test_pages_render_with_production_settings_and_collected_static_files(tmp_path: Path) -> None:
    leaked = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if k not in leaked}
    env.update(
        DEBUG="false",
        SECRET_KEY="x" * 60,
        AUDIT_KEY="k" * 40,
        ALLOWED_HOSTS="testserver",
        BESTVALUE_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="bestvalue.settings",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")
