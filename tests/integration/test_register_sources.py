"""The register cites publishers, never mirrors: the shipped file has no mirror or aggregator
host, and the loader refuses one, naming the file and the record (issue 19, point 3)."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from bestvalue.core.sources import MIRROR_HOSTS, mirror_refusal
from bestvalue.interventions.models import Intervention
from bestvalue.notices.loader import REGISTER_FILE, read_register
from bestvalue.notices.models import Notice

MIRROR = "https://fly1.wordsworth.site/government/collections/best-value-notices"


def _urls(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [u for k, v in value.items() for u in _urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in _urls(v)]
    return [value] if isinstance(value, str) and value.startswith("http") else []


def test_no_mirror_host_in_the_shipped_register() -> None:
    urls = _urls(read_register(REGISTER_FILE))
    assert len(urls) > 200
    refused = [u for u in urls if mirror_refusal(u)]
    assert refused == []


@pytest.mark.parametrize(
    ("url", "host"),
    [
        (MIRROR, "fly1.wordsworth.site"),
        ("https://bbctodays.pages.dev/news/articles/c07jg85g4l4o", "bbctodays.pages.dev"),
        ("https://WWW.Daily8.com./en/hashtag/MaxCaller", "www.daily8.com"),
        ("https://room151.dev.docandtee.com/151-news/x", "room151.dev.docandtee.com"),
    ],
)
def test_a_mirror_or_aggregator_host_is_refused_by_name(url: str, host: str) -> None:
    refusal = mirror_refusal(url)
    assert refusal is not None
    assert host.rstrip(".").lower() in refusal


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gov.uk/government/collections/best-value-notices-for-local-authorities",
        "https://hansard.parliament.uk/commons/2021-03-24/debates/x/LiverpoolCityCouncil",
        "https://www.bristol247.com/news-and-features/news/weca-ordered-improve-westminster",
        # Only the listed host and its sub-domains: a name that merely ends the same is not one.
        "https://notpages.dev.example.org/x",
        "https://mybreaking.co.uk/x",
    ],
)
def test_a_publishers_address_is_accepted(url: str) -> None:
    assert mirror_refusal(url) is None


def test_every_listed_host_is_explained() -> None:
    assert all(host and reason for host, reason in MIRROR_HOSTS.items())


@pytest.mark.django_db
@pytest.mark.parametrize("part", ["notice", "outcome", "intervention"])
def test_the_loader_refuses_a_mirror_source_naming_file_and_entry(
    part: str, tmp_path: Path
) -> None:
    call_command("load_authorities")
    data = copy.deepcopy(read_register(REGISTER_FILE))
    if part == "notice":
        data["notices"][2]["sources"].append(MIRROR)
        entry = rf"notices\[2\] \({data['notices'][2]['id']}\) sources"
    elif part == "outcome":
        record = next(r for r in data["notices"] if (r.get("outcome") or {}).get("sources"))
        record["outcome"]["sources"].append(MIRROR)
        entry = rf"notices\[{data['notices'].index(record)}\] \({record['id']}\) outcome sources"
    else:
        data["interventions"][1]["stages"][0]["sources"].append(MIRROR)
        entry = rf"interventions\[1\] \({data['interventions'][1]['id']}\) stage 1: sources"
    bad = tmp_path / "edited-register.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("load_register", file=bad)
    message = str(refused.value)
    assert "Nothing was loaded" in message
    assert "edited-register.yaml: " in message
    assert re.search(entry, message), message
    assert "fly1.wordsworth.site, a copy of GOV.UK pages" in message
    assert Notice.objects.count() == 0
    assert Intervention.objects.count() == 0
