"""The jobs API (``/api/v1/``), split by who calls it and re-exported for ``config/api_urls.py``.

Who may call an operation is decided by ``core.permissions.roles`` before the body is read;
services' errors reach the one error format through ``core.api.errors`` (``ConflictError`` → 409).
"""

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
from .public import CompanyDetail, JobDetail, JobList
from .resume import (
    MyResume,
    MyResumeEducation,
    MyResumeEducationRow,
    MyResumeLanguages,
    MyResumeLanguagesRow,
    MyResumeLicenses,
    MyResumeLicensesRow,
    MyResumePdf,
    MyResumePhoto,
    MyResumeWork,
    MyResumeWorkRow,
)
from .staff import CompanyVerify, JobApprove, JobReturn
from .trainee import ApplicationWithdraw, JobApply, MyApplications, MyRecommendations

__all__ = [
    "ApplicationDetail",
    "ApplicationHire",
    "ApplicationInterviews",
    "ApplicationOffers",
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
    "MyResume",
    "MyResumeEducation",
    "MyResumeEducationRow",
    "MyResumeLanguages",
    "MyResumeLanguagesRow",
    "MyResumeLicenses",
    "MyResumeLicensesRow",
    "MyResumePdf",
    "MyResumePhoto",
    "MyResumeWork",
    "MyResumeWorkRow",
    "OfferAccept",
    "OfferDecline",
    "OfferWithdraw",
]
