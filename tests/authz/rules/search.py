"""Search: public pages and API over what everyone may see (published postings, courses,
verified companies, approved booths). Company A's draft and the posting waiting for review
must never be found, whoever searches."""

from __future__ import annotations

from tests.authz.personas import PERSONAS
from tests.authz.rules.dsl import attr, everyone, row, shows

PUBLISHED_ONLY = (
    shows(attr("posting", "title"), to=PERSONAS),
    shows(attr("posting_draft", "title"), to=()),
    shows(attr("posting_pending", "title"), to=()),
)
# A query that matches company A's three postings by their description (not by their
# titles, which a result page would highlight and so break up).
Q = {"q": "목걸이"}

RULES = [
    row("search:overview", query=Q, GET=everyone(), shows=PUBLISHED_ONLY),
    row("search:results", kwargs={"kind": "jobs"}, query=Q, GET=everyone(), shows=PUBLISHED_ONLY),
    row("search:suggest", query={"q": "귀금속"}, GET=everyone()),
    row("api_search", query={**Q, "type": "jobs"}, GET=everyone(), shows=PUBLISHED_ONLY),
    row("api_search_suggest", query={"q": "귀금속"}, GET=everyone()),
]
