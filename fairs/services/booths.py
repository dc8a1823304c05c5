"""Company members run their booth: introduction, video, brochures, postings and representatives."""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from accounts.models import CompanyMembership, User
from jobs.models import Posting

from ..models import Booth, Brochure, Representative
from ..notify import notify

MAX_BROCHURE_BYTES = 10 * 1024 * 1024
MAX_BROCHURES = 5
VIDEO_HOSTS = ("youtube.com", "www.youtube.com", "youtu.be", "vimeo.com", "www.vimeo.com")


def video_embed_url(url: str) -> str | None:
    """The privacy-friendly player URL for a YouTube or Vimeo link, or None (then it is linked)."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or host not in VIDEO_HOSTS:
        return None
    video_id = None
    if host == "youtu.be":
        video_id = parts.path.strip("/")
    elif "youtube" in host:
        match = re.search(r"(?:^|&)v=([\w-]{6,20})", parts.query) or re.match(
            r"^/(?:embed|shorts)/([\w-]{6,20})", parts.path
        )
        video_id = match.group(1) if match else None
    else:
        match = re.match(r"^/(\d{4,12})", parts.path)
        return f"https://player.vimeo.com/video/{match.group(1)}" if match else None
    if video_id and re.fullmatch(r"[\w-]{6,20}", video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


def booth_update(*, booth: Booth, by: User, data: dict[str, Any]) -> Booth:
    """Introduction, video link, place and linked postings (the company's open postings only)."""
    errors: dict[str, list[str]] = {}
    video = (data.get("video_url") or "").strip()
    if video and urlsplit(video).scheme not in ("https", "http"):
        errors["video_url"] = [_("Enter a web address starting with https://.")]
    postings = data.get("postings")
    if postings is not None:
        ids = [int(p.pk if isinstance(p, Posting) else p) for p in postings]
        found = list(Posting.objects.filter(pk__in=ids, company_id=booth.company_id))
        if len(found) != len(set(ids)):
            errors["postings"] = [_("Link only your company's own postings.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for field in ("introduction", "introduction_en", "place"):
            if field in data:
                setattr(booth, field, (data[field] or "").strip())
        booth.video_url = video
        booth.full_clean(exclude=["fair", "company", "status", "postings"])
        booth.save()
        if postings is not None:
            booth.postings.set(found)
    return booth


def representative_add(*, booth: Booth, user: User, by: User) -> Representative:
    """Only members of the booth's company can staff it."""
    if not CompanyMembership.objects.filter(company_id=booth.company_id, user=user).exists():
        raise ValidationError({"user": [_("Representatives must be members of the company.")]})
    rep, _created = Representative.objects.get_or_create(booth=booth, user=user)
    return rep


def representative_remove(*, booth: Booth, user: User, by: User) -> None:
    Representative.objects.filter(booth=booth, user=user).delete()
    notify(booths=[booth.pk], what="queue")


def representative_set_online(
    *, booth: Booth, user: User, online: bool, now=None
) -> Representative:
    """A representative goes online or offline at their booth; the lobby's estimates follow."""
    now = now or timezone.now()
    rep = Representative.objects.filter(booth=booth, user=user).first()
    if rep is None:
        raise ValidationError(_("You are not a representative of this booth."))
    rep.is_online, rep.last_seen_at = online, now
    rep.save(update_fields=["is_online", "last_seen_at"])
    notify(booths=[booth.pk], what="queue")
    return rep


def representative_heartbeat(*, booth: Booth, user: User, now=None) -> None:
    """The console checks in while open; a closed console drops offline after ONLINE_GRACE."""
    Representative.objects.filter(booth=booth, user=user, is_online=True).update(
        last_seen_at=now or timezone.now()
    )


def _check_pdf(upload) -> None:
    """A brochure must be a PDF by content: the %PDF- header and an end-of-file marker."""
    if upload.size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    if upload.size > MAX_BROCHURE_BYTES:
        raise ValidationError({"file": [_("The file is larger than 10 MB.")]})
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(0, upload.size - 2048))
    tail = upload.read()
    upload.seek(0)
    if not head.lstrip(b"\r\n\t ").startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise ValidationError({"file": [_("Upload a PDF file. This file is not a PDF.")]})


def brochure_add(*, booth: Booth, title: str, upload, by: User) -> Brochure:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": [_("Give the brochure a title.")]})
    if len(title) > 120:
        raise ValidationError({"title": [_("At most 120 characters.")]})
    _check_pdf(upload)
    if booth.brochures.count() >= MAX_BROCHURES:
        raise ValidationError(
            _("A booth can offer at most %(n)d brochures.") % {"n": MAX_BROCHURES}
        )
    base = os.path.splitext(get_valid_filename(os.path.basename(upload.name or "brochure")))[0]
    name = f"{(base or 'brochure')[:60]}.pdf"
    with transaction.atomic():
        brochure = Brochure(booth=booth, title=title, size=upload.size)
        brochure.file.save(name, upload, save=False)
        brochure.save()
    return brochure


def brochure_remove(*, brochure: Brochure, by: User) -> None:
    file = brochure.file
    brochure.delete()
    transaction.on_commit(lambda: file.delete(save=False))
