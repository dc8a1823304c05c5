"""Course models, split by concern; each module lists what it exports in ``__all__``."""

from . import attendance as _attendance
from . import certificates as _certificates
from .attendance import *  # noqa: F403
from .catalog import ClassMeeting, Course, CourseCategory, CourseRun, CourseSkill
from .certificates import *  # noqa: F403
from .enrollment import ACTIVE_STATUSES, SEAT_STATUSES, Enrollment

__all__ = [
    "ACTIVE_STATUSES",
    "SEAT_STATUSES",
    "ClassMeeting",
    "Course",
    "CourseCategory",
    "CourseRun",
    "CourseSkill",
    "Enrollment",
    *_attendance.__all__,
    *_certificates.__all__,
]
