"""A job seeker's profile and portfolio."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import Education
from .files import _photo_path, _portfolio_path, _private_storage

INTRODUCTION_MAX_CHARS = 1000


class JobSeekerProfile(models.Model):
    """A trainee's job preferences and platform résumé; discoverable only while they consent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_profile"
    )
    headline = models.CharField(
        _("headline"), max_length=120, blank=True, help_text=_("e.g. 주얼리 CAD 디자이너 지망")
    )
    education = models.CharField(
        _("highest education"), max_length=16, choices=Education.choices, default=Education.ANY
    )
    education_detail = models.TextField(_("education details"), max_length=2000, blank=True)
    experience_years = models.PositiveSmallIntegerField(
        _("years of experience"), default=0, validators=[MaxValueValidator(60)]
    )
    experience = models.TextField(_("work experience"), max_length=5000, blank=True)
    # Comma-separated codes so matching can test them in plain SQL on SQLite and PostgreSQL.
    preferred_districts = models.CharField(_("preferred districts"), max_length=400, blank=True)
    employment_types = models.CharField(_("employment types"), max_length=120, blank=True)
    remote_ok = models.BooleanField(_("open to remote work"), default=True)
    salary_expectation = models.PositiveBigIntegerField(
        _("expected annual salary (KRW)"), null=True, blank=True
    )
    # The résumé's 인적사항 besides the account's name, email and phone. No birth date: the
    # 채용절차법 keeps age out of hiring, and nothing here needs it.
    photo = models.ImageField(
        _("photo"), upload_to=_photo_path, storage=_private_storage, blank=True
    )
    address = models.CharField(
        _("address"),
        max_length=100,
        blank=True,
        help_text=_("e.g. 서울 종로구 (district is enough)"),
    )
    introduction = models.TextField(
        pgettext_lazy("résumé", "introduction"), max_length=INTRODUCTION_MAX_CHARS, blank=True
    )
    # Whether employers may discover the person is their "employer_discovery" consent itself
    # (accounts.selectors.consenting_user_ids), read at query time: no copy here can outlive it.
    updated_at = models.DateTimeField(auto_now=True)

    # What the person fills in on their job profile besides the district and type lists.
    DETAIL_FIELDS = (
        "headline", "education", "education_detail", "experience_years", "experience",
        "remote_ok", "salary_expectation",
    )  # fmt: skip

    class Meta:
        verbose_name = _("job seeker profile")
        verbose_name_plural = _("job seeker profiles")

    def __str__(self) -> str:
        return f"{self.user_id} · {self.headline}"

    @property
    def district_list(self) -> list[str]:
        return [d for d in self.preferred_districts.split(",") if d]

    @property
    def employment_type_list(self) -> list[str]:
        return [t for t in self.employment_types.split(",") if t]


class PortfolioImage(models.Model):
    """A picture of the trainee's work, stored privately and shown only where the résumé may be."""

    profile = models.ForeignKey(
        JobSeekerProfile, on_delete=models.CASCADE, related_name="portfolio_images"
    )
    image = models.ImageField(_("image"), upload_to=_portfolio_path, storage=_private_storage)
    caption = models.CharField(_("caption"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("portfolio image")
        verbose_name_plural = _("portfolio images")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.caption or self.image.name
