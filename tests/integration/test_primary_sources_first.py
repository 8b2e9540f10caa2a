"""On public pages a record's primary documents come first, labelled as such, before secondary
reports (issue 19, point 3, the pages' side)."""

from __future__ import annotations

import pytest

from bestvalue.guidance.services import ensure_themes
from bestvalue.notices.models import Source
from tests.factories import make_issued_notice

pytestmark = pytest.mark.django_db


def test_a_notices_page_lists_its_letter_on_gov_uk_before_news_reports(client) -> None:  # type: ignore[no-untyped-def]
    ensure_themes()
    notice = make_issued_notice()
    Source.objects.create(notice=notice, url="https://www.localgov.co.uk/story")
    Source.objects.create(notice=notice, url="https://www.gov.uk/government/publications/bvn")
    html = client.get(f"/notices/{notice.reference}/").content.decode()
    primary = html.index("Primary source (GOV.UK):")
    secondary = html.index("Secondary report (www.localgov.co.uk):")
    assert primary < secondary
    assert html.index("https://www.gov.uk/government/publications/bvn") < secondary
