"""gunicorn's settings, for ./scripts/serve and for production:

    .venv/bin/gunicorn --config python:bestvalue.gunicorn_conf

BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (workers, default 2) and GUNICORN_THREADS (default
2) tune it. Each request is logged once, by gunicorn's access log. After a worker has loaded the
application, everything loaded so far is moved out of the garbage collector's sight
(gc.freeze()): bench/README.md measured it halving the worst p95s.
"""

from __future__ import annotations

import gc
import os
from typing import Any

wsgi_app = "bestvalue.wsgi:application"
bind = [os.environ.get("BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 60
# One line per request: address, request line, status, size, duration.
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "warning"


def post_worker_init(worker: Any) -> None:
    """The application is loaded: freeze what it holds so full collections skip it."""
    gc.collect()
    gc.freeze()
