"""The courses API (``/api/v1/``), split by concept; config/api_urls.py routes to these views."""

from .catalog import CourseDetail, CourseList, CourseRunCreate, CourseRunDetail
from .certificates import CertificateVerify
from .enrollment import (
    EnrollmentAccept,
    EnrollmentCancel,
    EnrollmentDecline,
    MyEnrollments,
    RunEnroll,
)

__all__ = [
    "CertificateVerify",
    "CourseDetail",
    "CourseList",
    "CourseRunCreate",
    "CourseRunDetail",
    "EnrollmentAccept",
    "EnrollmentCancel",
    "EnrollmentDecline",
    "MyEnrollments",
    "RunEnroll",
]
