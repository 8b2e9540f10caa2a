"""A member of the public filters the register by "in force on" a date and downloads the CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

IN_FORCE_ON_1_JUNE_2024 = {
    "BVN-2023-003",
    "BVN-2024-003",
    "BVN-2024-001",
    "BVN-2023-005",
    "BVN-2024-002",
    "BVN-2023-006",
    "BVN-2024-005",
    "BVN-2024-004",
}


def test_the_public_finds_what_was_in_force_and_downloads_the_data(visitor) -> None:  # type: ignore[no-untyped-def]
    call_command("load_register", verbosity=0)
    public = visitor("public")
    public.go("/register/")
    public.page.fill("#id_in_force_on-day", "1")
    public.page.fill("#id_in_force_on-month", "6")
    public.page.fill("#id_in_force_on-year", "2024")
    public.submit("Apply filters")
    page_text = public.page.inner_text("main")
    for reference in IN_FORCE_ON_1_JUNE_2024:
        assert reference in page_text
    public.shot("in-force")
    public.go("/open-data/")
    with public.page.expect_download() as download_info:
        public.page.locator('a[href="/open-data/notices.csv"]').click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == 15
    assert {r["authority_gss"] for r in rows} >= {"E47000008", "E06000002"}
