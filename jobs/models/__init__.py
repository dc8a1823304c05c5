"""The jobs app's models, one module per subject; every name is importable from ``jobs.models``.

- ``choices``: employment type, work mode, experience, education
- ``files``: where private files go (migrations name these callables)
- ``companies``: invitations to a company
- ``postings``: postings and their skills
- ``profiles``: a job seeker's profile and portfolio
- ``feed``: stored recommendations
- ``applications``: applications, their events and notes, résumé access, contact requests
- ``hiring``: interview slots, interviews, offers, employments
- ``messages``: threads between a company and a candidate
- ``resume``: a résumé's sections (education, experience, licenses, languages)
- ``bookmarks``, ``searches``: saved postings and saved searches
"""

from .applications import Application, ApplicationEvent, ContactRequest, EmployerNote, ResumeAccess
from .bookmarks import Bookmark
from .choices import Education, EmploymentType, ExperienceLevel, WorkMode
from .companies import CompanyInvitation
from .feed import Recommendation, RecommendationState
from .files import _photo_path, _portfolio_path, _private_storage, _resume_path
from .hiring import Employment, Interview, InterviewSlot, Offer, SalaryBand
from .messages import Message, Side, Thread, ThreadParticipant, ThreadReport
from .postings import Posting, PostingSkill
from .profiles import INTRODUCTION_MAX_CHARS, JobSeekerProfile, PortfolioImage
from .resume import EducationEntry, LanguageSkill, License, WorkExperience
from .searches import DigestDelivery, SavedSearch

__all__ = [
    "INTRODUCTION_MAX_CHARS",
    "Application",
    "ApplicationEvent",
    "Bookmark",
    "CompanyInvitation",
    "ContactRequest",
    "DigestDelivery",
    "Education",
    "EducationEntry",
    "EmployerNote",
    "Employment",
    "EmploymentType",
    "ExperienceLevel",
    "Interview",
    "InterviewSlot",
    "JobSeekerProfile",
    "LanguageSkill",
    "License",
    "Message",
    "Offer",
    "Posting",
    "PostingSkill",
    "PortfolioImage",
    "Recommendation",
    "RecommendationState",
    "ResumeAccess",
    "SalaryBand",
    "SavedSearch",
    "Side",
    "Thread",
    "ThreadParticipant",
    "ThreadReport",
    "WorkExperience",
    "WorkMode",
    "_photo_path",
    "_portfolio_path",
    "_private_storage",
    "_resume_path",
]
