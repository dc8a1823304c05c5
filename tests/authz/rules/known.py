"""Why today's code answers differently from the table, one reason per cause.

A cell marked with one of these runs as ``xfail(strict=True)``: when the fix merges the
cell passes, the run fails on "XPASS(strict)", and the mark comes off.
"""

from __future__ import annotations

# issue 9 part 4: centers own their moderation.
CENTERS_OWN_MODERATION = (
    "issue 9 part 4: companies and postings belong to no center, so staff of any center "
    "see, verify and approve them"
)
# Found by the matrix (not yet in an issue): a persona reaches what it should not, or is
# refused in another way than everywhere else.
PORTFOLIO_TO_ALL_STAFF = (
    "matrix: staff of any center fetch any trainee's private portfolio image "
    "(jobs.selectors.can_see_contact admits every center staff member)"
)
