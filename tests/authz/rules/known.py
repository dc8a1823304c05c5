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
# issue 8 part 3 / issue 9 part 2: one permission mechanism, permission before validation.
TRAINEE_ONLY_PAGE = (
    "issue 8/9: a trainee page behind @login_required only; @trainee_required answers 404 "
    "to other roles"
)
TRAINEE_ONLY_API = (
    "issue 8/9: a trainee operation behind IsAuthenticated only; roles('trainee') answers "
    "404 to other roles"
)
ENROLL_NON_TRAINEE = (
    "issue 8/9: enrolling checks the role in the service, after the body: non-trainees get "
    "'Only trainees can enroll' instead of 404"
)
COURSE_WRITE_ROLE = (
    "issue 8/9: course writes read the body before the role: a wrong role gets 400 for a "
    "bad body and 403 for a good one instead of 404"
)
JOB_CREATE_ROLE = (
    "issue 8/9: POST /api/v1/jobs/ validates the body before the role: a non-employer gets "
    "400 for a bad body instead of 404"
)

# Found by the matrix (not yet in an issue): a persona reaches what it should not, or is
# refused in another way than everywhere else.
PORTFOLIO_TO_ALL_STAFF = (
    "matrix: staff of any center fetch any trainee's private portfolio image "
    "(jobs.selectors.can_see_contact admits every center staff member)"
)
INVITATION_ANY_ACCOUNT = (
    "matrix: a company colleague invitation opens for any signed-in account (200, then 400 on "
    "accept); center invitations answer 403 to the wrong account"
)
SAVED_SEARCH_NOT_404 = (
    "matrix: deleting another person's saved search answers 302 (nothing is deleted) instead of 404"
)
ADMIN_CONSENT_ADD_500 = (
    "matrix: the admin's 'add consent' form leaves out the required person and answers 500"
)
