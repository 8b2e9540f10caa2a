"""A real S3-compatible server for the object storage tests: moto's server mode (a PyPI package
pinned in requirements.lock), started on loopback on a free port once per test session, stopped
at its end. Each test gets a bucket of its own and settings that point default_storage at it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

ACCESS_KEY = "object-storage-test-key"
SECRET_KEY = "object-storage-test-secret"
REGION = "eu-west-2"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not start listening on port {port} in 30 seconds")


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """The address of an S3-compatible server running for the whole session."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process, "The S3 server (moto)")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def s3_client(endpoint: str) -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


def new_bucket(endpoint: str) -> str:
    bucket = f"bestvalue-{uuid.uuid4().hex[:12]}"
    s3_client(endpoint).create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    return bucket


def environment(endpoint: str, bucket: str) -> dict[str, str]:
    """The environment that points the service at the bucket (README: object storage)."""
    return {
        "OBJECT_STORAGE_BUCKET": bucket,
        "OBJECT_STORAGE_ENDPOINT_URL": endpoint,
        "OBJECT_STORAGE_REGION": REGION,
        "OBJECT_STORAGE_ACCESS_KEY_ID": ACCESS_KEY,
        "OBJECT_STORAGE_SECRET_ACCESS_KEY": SECRET_KEY,
    }


@pytest.fixture
def object_storage(s3_endpoint: str, settings: Any) -> tuple[Any, str]:
    """default_storage is a fresh bucket on the S3 server, configured exactly as settings.py does
    from the environment; yields an S3 client and the bucket's name, to look behind the service."""
    from bestvalue.core.object_storage import object_storage_settings

    bucket = new_bucket(s3_endpoint)
    storage = object_storage_settings(environment(s3_endpoint, bucket))
    assert storage is not None
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return s3_client(s3_endpoint), bucket
