"""Where evidence files and issued letters are kept: the storage settings read from the
environment. With OBJECT_STORAGE_BUCKET set they go to that bucket of an S3-compatible object store
(django-storages' S3 backend), so that every app server behind a load balancer sees the same
files; otherwise settings.py keeps them on the local disk under var/media.

Files are only ever served by the application, after their SHA-256 digest is checked
(core/downloads.py): the bucket stays private and no object's URL is ever handed out.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from bestvalue.core.env import env_str


def object_storage_settings(environ: Mapping[str, str] = os.environ) -> dict[str, Any] | None:
    """The STORAGES entry for the object store named by the environment; None if none is."""
    bucket = env_str("OBJECT_STORAGE_BUCKET", "", environ=environ)
    if not bucket:
        return None

    def optional(name: str) -> str | None:
        return env_str(name, "", environ=environ) or None

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Empty for AWS itself; the address of any other S3-compatible store.
            "endpoint_url": optional("OBJECT_STORAGE_ENDPOINT_URL"),
            "region_name": optional("OBJECT_STORAGE_REGION"),
            # Empty: boto3 finds credentials itself (an instance role, the AWS_* variables).
            "access_key": optional("OBJECT_STORAGE_ACCESS_KEY_ID"),
            "secret_key": optional("OBJECT_STORAGE_SECRET_ACCESS_KEY"),
            # A folder inside the bucket, if the bucket is shared.
            "location": env_str("OBJECT_STORAGE_PREFIX", "", environ=environ),
            # A name in use is never overwritten: the storage picks another (letters and evidence
            # are named by us and kept for good).
            "file_overwrite": False,
            "default_acl": None,
        },
    }
