"""Writes, split by concept; views, the API, tasks and the admin import them from here.

- ``seats``: the run lock, the recount under it, the waitlist and seat offers
- ``catalog``: courses, runs and their capacity, cancelling a run
- ``enrollment``: enrolling, cancelling, offers, screened applications, moves
- ``attendance``: marks per class meeting
- ``completion``: scores and completion decisions
- ``certificates``: 수료증 issue, revocation and PDFs
"""

from .attendance import attendance_record_bulk, attendance_record_meeting
from .catalog import (
    course_create,
    course_update,
    run_cancel,
    run_create,
    run_set_capacity,
    run_update,
)
from .certificates import (
    certificate_issue,
    certificate_regenerate,
    certificate_render_pdf,
    certificate_request_pdf,
    certificate_revoke,
    certificate_store_pdf,
)
from .completion import (
    RunEvaluation,
    completion_evaluate_run,
    completion_request_evaluation,
    completion_set_scores,
)
from .enrollment import (
    enrollment_accept_offer,
    enrollment_approve,
    enrollment_cancel,
    enrollment_create,
    enrollment_decline_offer,
    enrollment_move,
    enrollment_reject,
    offers_expire,
)

__all__ = [
    "RunEvaluation",
    "attendance_record_bulk",
    "attendance_record_meeting",
    "certificate_issue",
    "certificate_regenerate",
    "certificate_render_pdf",
    "certificate_request_pdf",
    "certificate_revoke",
    "certificate_store_pdf",
    "completion_evaluate_run",
    "completion_request_evaluation",
    "completion_set_scores",
    "course_create",
    "course_update",
    "enrollment_accept_offer",
    "enrollment_approve",
    "enrollment_cancel",
    "enrollment_create",
    "enrollment_decline_offer",
    "enrollment_move",
    "enrollment_reject",
    "offers_expire",
    "run_cancel",
    "run_create",
    "run_set_capacity",
    "run_update",
]
