"""The choices a posting and a job seeker's preferences share."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time (정규직)")
    CONTRACT = "contract", _("Contract (계약직)")
    INTERN = "intern", _("Internship (인턴)")
    PART_TIME = "part_time", _("Part-time (파트타임)")
    WORK_STUDY = "work_study", _("Work-study (일학습병행)")


class WorkMode(models.TextChoices):
    ONSITE = "onsite", _("On-site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class ExperienceLevel(models.TextChoices):
    ANY = "any", _("Any experience")
    ENTRY = "entry", _("New graduates welcome (신입)")
    JUNIOR = "junior", _("1–3 years")
    MID = "mid", _("3–5 years")
    SENIOR = "senior", _("5 years or more")


class Education(models.TextChoices):
    ANY = "any", _("Any education")
    HIGH_SCHOOL = "high_school", _("High school")
    COLLEGE = "college", _("Two-year college (전문대)")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree or higher")
