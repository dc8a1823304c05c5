"""The jobs API (``/api/v1/``), split by who calls it and re-exported for ``config/api_urls.py``.

Who may call an operation is decided by ``core.permissions.roles`` before the body is read;
services' errors reach the one error format through ``core.api.errors`` (``ConflictError`` → 409).
"""

from .bookmarks import MyBookmark, MyBookmarks
from .employer import ApplicationDetail, JobApplications, JobCandidates, JobClose, JobSubmit
from .hiring import (
    ApplicationHire,
    ApplicationInterviews,
    ApplicationOffers,
    InterviewCancel,
    InterviewDetail,
    InterviewHeld,
    InterviewIcs,
    InterviewNoShow,
    InterviewOtherTimes,
    InterviewPick,
    InterviewReschedule,
    MyInterviews,
    MyOffers,
    OfferAccept,
    OfferDecline,
    OfferWithdraw,
)
from .messages import (
    ApplicationThread,
    ThreadAttachment,
    ThreadDetail,
    ThreadList,
    ThreadMessages,
    ThreadRead,
    ThreadReport,
)
from .public import CompanyDetail, JobDetail, JobList
from .staff import CompanyVerify, JobApprove, JobReturn
from .trainee import ApplicationWithdraw, JobApply, MyApplications, MyRecommendations

__all__ = [
    "MyBookmark",
    "MyBookmarks",
    "ApplicationDetail",
    "ApplicationHire",
    "ApplicationInterviews",
    "ApplicationOffers",
    "ApplicationThread",
    "ApplicationWithdraw",
    "CompanyDetail",
    "CompanyVerify",
    "InterviewCancel",
    "InterviewDetail",
    "InterviewHeld",
    "InterviewIcs",
    "InterviewNoShow",
    "InterviewOtherTimes",
    "InterviewPick",
    "InterviewReschedule",
    "JobApplications",
    "JobApply",
    "JobApprove",
    "JobCandidates",
    "JobClose",
    "JobDetail",
    "JobList",
    "JobReturn",
    "JobSubmit",
    "MyApplications",
    "MyInterviews",
    "MyOffers",
    "MyRecommendations",
    "OfferAccept",
    "OfferDecline",
    "OfferWithdraw",
    "ThreadAttachment",
    "ThreadDetail",
    "ThreadList",
    "ThreadMessages",
    "ThreadRead",
    "ThreadReport",
]
