"""The people the authorization matrix signs in as, one column each.

Objects a persona may not touch are always created by "the other side": trainee A's
enrollment, application and consultation; employer A's company and postings; center 1's
courses, runs and invitations (see tests/authz/world/).
"""

from __future__ import annotations

ANON = "anon"  # nobody signed in
TRAINEE_A = "trainee_a"  # owns the enrollment, application, booking, certificate, …
TRAINEE_B = "trainee_b"  # another trainee: must never reach trainee A's things
EMPLOYER_A = "employer_a"  # owner of company A (verified, registered with center 1)
EMPLOYER_B = "employer_b"  # owner of company B (verified, registered with center 2)
COUNSELOR = "counselor"  # counselor at center 1, counsels trainee A
STAFF = "staff"  # staff of center 1 (the objects' center), TOTP set up
STAFF_OTHER = "staff_other"  # staff of center 2, TOTP set up
STAFF_NOTOTP = "staff_nototp"  # staff of center 1 who has not set up TOTP yet
ADMIN = "admin"  # Django superuser (admin site), TOTP set up, no center role

PERSONAS: tuple[str, ...] = (
    ANON,
    TRAINEE_A,
    TRAINEE_B,
    EMPLOYER_A,
    EMPLOYER_B,
    COUNSELOR,
    STAFF,
    STAFF_OTHER,
    STAFF_NOTOTP,
    ADMIN,
)
SIGNED_IN: tuple[str, ...] = PERSONAS[1:]
TRAINEES = (TRAINEE_A, TRAINEE_B)
EMPLOYERS = (EMPLOYER_A, EMPLOYER_B)
CENTER_STAFF = (STAFF, STAFF_OTHER)
