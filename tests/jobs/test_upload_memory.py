"""A hostile 10 MB résumé through the real apply page and API: refused, in bounded memory.

The upload is a DOCX-looking ZIP whose three members each inflate to about 3.3 GB (the members
a type check reads: ``mimetype``, ``[Content_Types].xml``, ``word/document.xml``). Reading
any of them whole, as the type check once did, takes gigabytes. The multipart body is built
before the baseline, so the figure is the server's work: receiving the body, the form, the check.
"""

from __future__ import annotations

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils.html import escape

from jobs.models import Application
from tests.core.zips import MB, hostile_docx

BUDGET = 100 * MB


def peak_above_baseline(send) -> tuple[object, int]:
    """Run ``send()``; return its response and the traced peak above the memory in use before."""
    tracemalloc.start()
    try:
        baseline, _peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        response = send()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak - baseline


@pytest.fixture
def hostile_body():
    data = hostile_docx(10)
    assert 9.9 * MB < len(data) <= 10 * MB  # under the 10 MB limit: only the content check stops it
    upload = SimpleUploadedFile("이력서.docx", data)
    return encode_multipart(BOUNDARY, {"resume_file": upload, "cover_letter": ""})


@pytest.mark.parametrize("route", ["page", "api"])
def test_a_hostile_10_mb_docx_is_refused_within_100_mb(
    client, posting, alice, hostile_body, capsys, route
):
    client.force_login(alice)
    url = (
        reverse("jobs:apply", args=[posting.pk])
        if route == "page"
        else f"/api/v1/jobs/{posting.pk}/apply/"
    )
    response, growth = peak_above_baseline(
        lambda: client.generic("POST", url, hostile_body, content_type=MULTIPART_CONTENT)
    )
    with capsys.disabled():
        print(f"\n[hostile upload via {route}] peak memory above baseline: {growth / MB:.1f} MB")
    assert response.status_code == 400
    body = response.content.decode()
    assert "zip bomb" in body or escape("압축 폭탄") in body
    assert not Application.objects.exists()
    assert growth < BUDGET
