"""The "domain apps never reverse URL names" contract (tests/import_contracts.py) recognises every
way of importing what reverses a URL name, and nothing else."""

import pytest

from tests.import_contracts import url_reversing_lines


@pytest.mark.parametrize(
    "source",
    [
        "from django.urls import reverse",
        "from django.urls import NoReverseMatch, reverse_lazy",
        "import django.urls",
        "from django import urls",
        "from django.shortcuts import redirect",
        "def f():\n    from django.shortcuts import resolve_url\n",
    ],
)
def test_url_reversing_imports_are_found(source):
    assert url_reversing_lines(source), source


@pytest.mark.parametrize(
    "source",
    [
        "from django.db import models",
        "from django.shortcuts import get_object_or_404",
        "import django",
        "from bestvalue.notices.obligations import Page",
    ],
)
def test_other_imports_pass(source):
    assert url_reversing_lines(source) == []


def test_the_line_is_named():
    assert url_reversing_lines("import os\n\nfrom django.urls import reverse\n") == [
        (3, "from django.urls import reverse")
    ]
