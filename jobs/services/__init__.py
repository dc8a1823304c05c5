"""Writes of the jobs app, split by concept and re-exported here (``from jobs import services``).

- ``companies``: a company's public profile, colleague invitations
- ``postings``: drafts, staff review (logged), closing, copies, the scheduled sweeps
- ``applications``: applying, the employer's pipeline (logged), withdrawing, résumé access logs
- ``interviews``: proposing times, picking one (the no-overlap lock), changing, closing, reminders
- ``offers``: offers and their answers, lapsing, the employment an accepted offer or staff record
- ``profiles``: job preferences, portfolio images, erasing a person's job data
- ``resume``: the résumé's sections (학력, 경력, 자격증, 어학), photo and introduction
- ``contacts``: employers' contact requests and the trainees' answers (logged)
- ``searches``: saved searches and their digests
- ``bookmarks``: a trainee's bookmarked postings (관심 공고), the reminder before a deadline
- ``messages``: threads between a company and a candidate, the batched email, abuse reports
- ``feed``: each trainee's stored recommendation list (``jobs.scoring`` scores it)
"""

from .applications import (
    application_create,
    application_set_status,
    application_withdraw,
    resume_access_log,
)
from .bookmarks import bookmark_add, bookmark_remove, send_bookmark_reminders
from .companies import company_invitation_accept, company_invitation_create, company_profile_update
from .contacts import contact_request_create, contact_request_decide
from .feed import (
    feed_rebuild,
    posting_feed_apply,
    trainee_feed_invalidate,
    trainee_feed_refresh,
    trainee_feed_store,
)
from .interviews import (
    interview_cancel,
    interview_mark_held,
    interview_mark_no_show,
    interview_pick,
    interview_propose,
    interview_propose_times,
    interview_request_times,
    send_interview_reminders,
)
from .messages import (
    message_send,
    send_due_thread_notifications,
    thread_for_application,
    thread_for_contact_request,
    thread_mark_read,
    thread_notify,
    thread_report,
    thread_staff_open,
)
from .offers import (
    application_record_hire,
    offer_accept,
    offer_decline,
    offer_make,
    offer_withdraw,
    offers_lapse,
)
from .postings import (
    close_expired_postings,
    posting_approve,
    posting_close,
    posting_copy,
    posting_create,
    posting_mark_active,
    posting_return,
    posting_submit,
    posting_sync_match_rows,
    posting_update,
    send_still_hiring_reminders,
)
from .profiles import (
    person_data_erase,
    portfolio_image_add,
    portfolio_image_delete,
    profile_for,
    profile_update,
)
from .resume import (
    profile_photo_remove,
    profile_photo_set,
    resume_basics_update,
    resume_row_delete,
    resume_row_save,
)
from .searches import saved_search_create, saved_search_delete, send_digest

__all__ = [
    "application_create",
    "application_record_hire",
    "application_set_status",
    "application_withdraw",
    "bookmark_add",
    "bookmark_remove",
    "close_expired_postings",
    "company_invitation_accept",
    "company_invitation_create",
    "company_profile_update",
    "contact_request_create",
    "contact_request_decide",
    "feed_rebuild",
    "interview_cancel",
    "interview_mark_held",
    "interview_mark_no_show",
    "interview_pick",
    "interview_propose",
    "interview_propose_times",
    "interview_request_times",
    "message_send",
    "offer_accept",
    "offer_decline",
    "offer_make",
    "offer_withdraw",
    "offers_lapse",
    "person_data_erase",
    "portfolio_image_add",
    "portfolio_image_delete",
    "posting_approve",
    "posting_close",
    "posting_copy",
    "posting_create",
    "posting_feed_apply",
    "posting_mark_active",
    "posting_return",
    "posting_submit",
    "posting_sync_match_rows",
    "posting_update",
    "profile_for",
    "profile_photo_remove",
    "profile_photo_set",
    "profile_update",
    "resume_access_log",
    "resume_basics_update",
    "resume_row_delete",
    "resume_row_save",
    "saved_search_create",
    "saved_search_delete",
    "send_bookmark_reminders",
    "send_digest",
    "send_due_thread_notifications",
    "send_interview_reminders",
    "send_still_hiring_reminders",
    "thread_for_application",
    "thread_for_contact_request",
    "thread_mark_read",
    "thread_notify",
    "thread_report",
    "thread_staff_open",
    "trainee_feed_invalidate",
    "trainee_feed_refresh",
    "trainee_feed_store",
]
