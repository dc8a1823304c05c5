"""The consent documents a person can agree to (개인정보 보호법), with their current versions.

Raising a version means people are asked again; the full texts live in
``templates/legal/<key>.html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The optional documents other apps read at query time (``selectors.consenting_user_ids``).
COUNSELOR_SHARING = "counselor_sharing"
EMPLOYER_DISCOVERY = "employer_discovery"


@dataclass(frozen=True)
class ConsentDocument:
    key: str
    version: str
    title: Promise
    summary: Promise
    required: bool
    trainee_only: bool = False


DOCUMENTS: dict[str, ConsentDocument] = {
    doc.key: doc
    for doc in (
        ConsentDocument(
            key="terms",
            version="2026-11-01",
            title=_("Terms of service"),
            summary=_("The rules for using the platform."),
            required=True,
        ),
        ConsentDocument(
            key="privacy",
            version="2026-11-01",
            title=_("Collection and use of personal information"),
            summary=_(
                "Name, email and mobile number, used to run your account, courses, "
                "consultations and applications; kept until you delete your account."
            ),
            required=True,
        ),
        ConsentDocument(
            key="marketing",
            version="2026-11-01",
            title=_("News about courses, fairs and jobs"),
            summary=_("Occasional emails about new courses, job fairs and openings."),
            required=False,
        ),
        ConsentDocument(
            key=COUNSELOR_SHARING,
            version="2026-11-01",
            title=_("Share my history with counselors"),
            summary=_(
                "Counselors you book may see your profile, enrollments and applications "
                "to prepare the consultation."
            ),
            required=False,
            trainee_only=True,
        ),
        ConsentDocument(
            key=EMPLOYER_DISCOVERY,
            version="2026-11-01",
            title=_("Let employers discover my profile"),
            summary=_(
                "Verified employers may see your skills and training (never your contact "
                "details until you accept their request) and invite you to apply."
            ),
            required=False,
            trainee_only=True,
        ),
    )
}

REQUIRED = [doc for doc in DOCUMENTS.values() if doc.required]
OPTIONAL = [doc for doc in DOCUMENTS.values() if not doc.required]
