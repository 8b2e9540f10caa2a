"""Envoy powers, the model now in use, when directions began and the representations received,
the same on the intervention's page, the register's list, the API and the open data (issue 19,
point 4), on the real record."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.core.cache import cache

from tests.integration.test_register_real_record import real_record

__all__ = ["real_record"]  # the module-scoped fixture, loaded once for this module too


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _csv(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def _text(response: Any) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_intervention_page_shows_envoy_powers_and_the_model_now(
    real_record, db, client
) -> None:  # type: ignore[no-untyped-def]
    page = _text(client.get("/interventions/tower-hamlets-2024/"))
    assert "Model now Ministerial envoys" in page
    assert "Ministerial envoy: no powers" in page
    assert "Assistant envoy: no powers" in page
    assert "Ministerial envoy: powers in use" in page
    assert "Ministerial envoy: powers in reserve" in _text(
        client.get("/interventions/warrington-2024/")
    )
    croydon = _text(client.get("/interventions/croydon-2021/"))
    assert "Model now Commissioners" in croydon


def test_representations_received_agree_with_the_notes(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    croydon = _text(client.get("/interventions/croydon-2021/"))
    assert "35 representations received." in croydon
    assert "Representations received 35 (not listed one by one)" in croydon
    spelthorne = _text(client.get("/interventions/spelthorne-2024/"))
    assert "Representations received 12 (not listed one by one)" in spelthorne


def test_the_register_list_dates_an_intervention_from_its_directions(
    real_record, db, client
) -> None:  # type: ignore[no-untyped-def]
    page = _text(client.get("/register/", {"q": "Spelthorne"}))
    row = page[page.index("spelthorne-2024") - 300 : page.index("spelthorne-2024") + 300]
    assert "8 May 2025" in row
    assert "8 May 2024" not in row
    assert "Statutory intervention: commissioners" in row


def test_the_api_gives_since_the_model_now_in_force_dates_and_powers(
    real_record, db, client
) -> None:  # type: ignore[no-untyped-def]
    items = {
        i["reference"]: i
        for i in client.get("/api/v1/interventions", {"limit": 100}).json()["items"]
    }
    spelthorne = items["spelthorne-2024"]
    assert (spelthorne["first_step_on"], spelthorne["since_on"]) == ("2024-05-08", "2025-05-08")
    assert spelthorne["current_model"] == "commissioners"
    assert spelthorne["directions_in_force"] == [
        {
            "from_on": "2025-05-08",
            "from_text": "8 May 2025",
            "to_on": "2030-05-31",
            "to_text": "31 May 2030",
        }
    ]
    assert items["nottingham-2021"]["current_model"] == "ministerial_envoys"
    assert items["bedford-2026"]["since"] == "10 February 2026"
    assert items["bedford-2026"]["directions_in_force"] == []
    tower = client.get("/api/v1/interventions/tower-hamlets-2024").json()
    people = [p for s in tower["steps"] for p in s["people"] if p["role"].endswith("envoy")]
    assert [(p["name"], p["powers"]) for p in people] == [
        ("Kim Bromley-Derry", "none"),
        ("Shokat Lal", "none"),
        ("Pam Parkes", "none"),
        ("Kim Bromley-Derry", "active"),
    ]


def test_the_open_data_gives_since_the_model_now_in_force_dates_and_powers(
    real_record, db, client
) -> None:  # type: ignore[no-untyped-def]
    rows = {r["reference"]: r for r in _csv(client.get("/open-data/interventions.csv"))}
    spelthorne = rows["spelthorne-2024"]
    assert (
        spelthorne["since_on"],
        spelthorne["directions_from_on"],
        spelthorne["directions_to_on"],
    ) == (
        "2025-05-08",
        "2025-05-08",
        "2030-05-31",
    )
    assert spelthorne["directions_in_force"] == "8 May 2025 to 31 May 2030"
    assert rows["woking-2023"]["directions_to_on"] == "2028-05-24"
    assert rows["nottingham-2021"]["current_model"] == "ministerial_envoys"
    appointees = _csv(client.get("/open-data/appointees.csv"))
    reserve = sorted(a["name"] for a in appointees if a["powers"] == "in_reserve")
    assert reserve == ["Carolyn Williamson", "Harry Catherall", "Phil Brookes"]
    assert {a["powers"] for a in appointees if not a["role"].endswith("envoy")} == {""}


WOKING = "E07000217"


def test_a_reorganisation_is_shown_on_the_authority_and_intervention_pages(
    real_record, db, client
) -> None:  # type: ignore[no-untyped-def]
    authority = _text(client.get(f"/authorities/{WOKING}/"))
    assert "Reorganisation Due 2027. To be dissolved in 2027 under local government" in authority
    intervention = _text(client.get("/interventions/woking-2023/"))
    assert "Authority&#39;s reorganisation Due 2027." in intervention
    assert "Reorganisation" not in _text(client.get("/interventions/spelthorne-2024/"))


def test_a_reorganisation_is_in_the_api_and_the_open_data(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    woking = client.get(f"/api/v1/authorities/{WOKING}").json()
    assert woking["reorganisation"]["due"] == "2027"
    assert woking["replaced_by"] == []
    assert woking["reorganisation"]["sources"][0].startswith("https://parallelparliament.co.uk/")
    northants = client.get("/api/v1/authorities/E10000021").json()
    assert (northants["reorganisation"], northants["replaced_by"]) == (
        None,
        ["E06000061", "E06000062"],
    )
    items = {
        i["reference"]: i
        for i in client.get("/api/v1/interventions", {"limit": 100}).json()["items"]
    }
    assert items["woking-2023"]["authority_reorganisation"]["due"] == "2027"
    assert items["thurrock-2022"]["authority_reorganisation"] is None
    authorities = {r["gss_code"]: r for r in _csv(client.get("/open-data/authorities.csv"))}
    assert authorities[WOKING]["reorganisation_due"] == "2027"
    assert authorities[WOKING]["reorganisation_note"].startswith("To be dissolved in 2027")
    interventions = {r["reference"]: r for r in _csv(client.get("/open-data/interventions.csv"))}
    assert interventions["woking-2023"]["authority_reorganisation_due"] == "2027"
    assert interventions["spelthorne-2024"]["authority_reorganisation_due"] == ""
