"""Why today's code answers differently from the table, one reason per cause.

A cell marked with one of these runs as ``xfail(strict=True)``: when the fix merges the
cell passes, the run fails on "XPASS(strict)", and the mark comes off.
"""

from __future__ import annotations

# None open today: every cell of the table answers as it should. Add a reason here, naming
# the issue, when a row records what a user should get and today's code does not.
