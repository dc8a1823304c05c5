"""The authorization table: one row per route (per variant), grouped by app.

Each app keeps its rows in its own module so parallel work does not collide; a new app
adds a module here and to ``MODULES``. How to write a row: docs/authorization.md.
"""

from __future__ import annotations

from tests.authz.rules import (
    accounts,
    admin,
    allauth,
    consulting,
    core,
    courses,
    fairs,
    jobs,
    reports,
    search,
    skills,
)

MODULES = (
    core,
    accounts,
    allauth,
    courses,
    skills,
    jobs,
    consulting,
    fairs,
    search,
    reports,
    admin,
)
RULES = [rule for module in MODULES for rule in module.RULES]

# issue 9 part 1 (fixed): the Bearer token authentication applies the TOTP rule itself, so
# every API cell of staff without TOTP expects 403 with the token as with the session. Set
# this to a reason again only if a change makes those cells fail on purpose.
STAFF_WITHOUT_TOTP_API_TOKENS: str | None = None
