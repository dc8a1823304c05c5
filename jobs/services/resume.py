"""Writes for the résumé's sections (학력, 경력, 자격증, 어학), its photo and its introduction.

Each write is the person's own, so nothing is audit-logged (as for the job preferences). The
rules that need today's date are here, with today in Korea: nothing starts in the future, a
finished school or job ended by today, a licence or test is dated by today; an end never comes
before its start (also a database constraint).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import ConflictError
from core.images import reencode_photo

from ..models import EducationEntry, JobSeekerProfile, LanguageSkill, License, WorkExperience
from .profiles import delete_files_on_commit, profile_for

MAX_ROWS_PER_SECTION = 20

# section → (model, the fields a person writes)
SECTIONS: dict[str, tuple[type[Model], tuple[str, ...]]] = {
    "education": (
        EducationEntry,
        ("school", "major", "degree", "status", "start_date", "end_date"),
    ),
    "work": (WorkExperience, ("company", "title", "start_date", "end_date", "duties")),
    "licenses": (License, ("name", "issuer", "acquired_on", "number")),
    "languages": (LanguageSkill, ("language", "level", "test_name", "score", "taken_on")),
}


def _future(field: str, today: dt.date) -> ValidationError:
    return ValidationError(
        {field: _("This date is in the future. Today is %(today)s.") % {"today": today}},
        code="date_in_future",
    )


def _check_dates(row: Model, today: dt.date) -> None:
    """The rules a row's dates must meet on ``today`` (Korea's date)."""
    errors: dict[str, list[str]] = {}

    def refuse(exc: ValidationError) -> None:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)

    start = getattr(row, "start_date", None)
    end = getattr(row, "end_date", None)
    if start and start > today:
        refuse(_future("start_date", today))
    if start and end and end < start:
        refuse(ValidationError({"end_date": _("The end date cannot be before the start date.")}))
    # 재학·휴학·졸업예정 (ongoing): the expected end may lie ahead, or be unknown.
    if isinstance(row, EducationEntry) and row.status not in EducationEntry.ONGOING:
        if end is None:
            refuse(ValidationError({"end_date": _("Give the date you left this school.")}))
        elif end > today:
            refuse(_future("end_date", today))
    elif isinstance(row, WorkExperience) and end and end > today:
        refuse(_future("end_date", today))
    elif isinstance(row, License) and row.acquired_on and row.acquired_on > today:
        refuse(_future("acquired_on", today))
    elif isinstance(row, LanguageSkill) and row.taken_on and row.taken_on > today:
        refuse(_future("taken_on", today))
    if errors:
        raise ValidationError(errors)


def resume_row_save(
    *, user: User, section: str, data: dict[str, Any], row: Model | None = None
) -> Model:
    """Add a row to one of the person's résumé sections, or change ``row`` (theirs).

    A new row takes the person's profile row lock and counts under it, so two additions at
    once cannot pass ``MAX_ROWS_PER_SECTION``.
    """
    model, fields = SECTIONS[section]
    with transaction.atomic():
        if row is None:
            profile = JobSeekerProfile.objects.select_for_update().get(pk=profile_for(user).pk)
            if model.objects.filter(profile=profile).count() >= MAX_ROWS_PER_SECTION:
                raise ConflictError(
                    _("A section can hold at most %(count)d entries.")
                    % {"count": MAX_ROWS_PER_SECTION}
                )
            row = model(profile=profile)
        for field in fields:
            if field in data:
                value = data[field]
                setattr(row, field, "" if value is None and _is_text(model, field) else value)
        _validate(row)
        row.save()
    return row


def _validate(row: Model) -> None:
    """The row's fields and constraints, then the date rules; every error at once."""
    errors: dict = {}
    for check in (
        lambda: row.full_clean(exclude=["profile"]),
        lambda: _check_dates(row, timezone.localdate()),
    ):
        try:
            check()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _is_text(model: type[Model], field: str) -> bool:
    return model._meta.get_field(field).get_internal_type() in ("CharField", "TextField")


@transaction.atomic
def resume_row_delete(*, row: Model) -> None:
    """Remove one of the person's résumé rows."""
    row.delete()


def resume_basics_update(*, user: User, data: dict[str, Any]) -> JobSeekerProfile:
    """Save the address and the introduction (자기소개); too long is refused, never cut."""
    profile = profile_for(user)
    for field in ("address", "introduction"):
        if field in data:
            setattr(profile, field, data[field] or "")
    profile.full_clean(exclude=["user"])
    profile.save(update_fields=["address", "introduction", "updated_at"])
    return profile


def profile_photo_set(*, user: User, upload) -> JobSeekerProfile:
    """Store a new résumé photo, re-encoded (``core.images``); the old file goes after commit.

    The upload is checked and re-encoded before the transaction, so a file that is not a picture
    changes nothing and stores nothing.
    """
    photo = reencode_photo(upload, field="photo")
    with transaction.atomic():
        profile = JobSeekerProfile.objects.select_for_update().get(pk=profile_for(user).pk)
        if profile.photo:
            delete_files_on_commit([profile.photo])
        profile.photo.save(photo.name, photo, save=False)
        profile.save(update_fields=["photo", "updated_at"])
    return profile


@transaction.atomic
def profile_photo_remove(*, user: User) -> None:
    """Remove the résumé photo; the file goes once the removal commits."""
    profile = JobSeekerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None or not profile.photo:
        return
    delete_files_on_commit([profile.photo])
    profile.photo = ""
    profile.save(update_fields=["photo", "updated_at"])
