"""Seoul's 25 autonomous districts (자치구), for company and posting locations and job preferences."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.TextChoices):
    JONGNO = "jongno", _("Jongno-gu (종로구)")
    JUNG = "jung", _("Jung-gu (중구)")
    YONGSAN = "yongsan", _("Yongsan-gu (용산구)")
    SEONGDONG = "seongdong", _("Seongdong-gu (성동구)")
    GWANGJIN = "gwangjin", _("Gwangjin-gu (광진구)")
    DONGDAEMUN = "dongdaemun", _("Dongdaemun-gu (동대문구)")
    JUNGNANG = "jungnang", _("Jungnang-gu (중랑구)")
    SEONGBUK = "seongbuk", _("Seongbuk-gu (성북구)")
    GANGBUK = "gangbuk", _("Gangbuk-gu (강북구)")
    DOBONG = "dobong", _("Dobong-gu (도봉구)")
    NOWON = "nowon", _("Nowon-gu (노원구)")
    EUNPYEONG = "eunpyeong", _("Eunpyeong-gu (은평구)")
    SEODAEMUN = "seodaemun", _("Seodaemun-gu (서대문구)")
    MAPO = "mapo", _("Mapo-gu (마포구)")
    YANGCHEON = "yangcheon", _("Yangcheon-gu (양천구)")
    GANGSEO = "gangseo", _("Gangseo-gu (강서구)")
    GURO = "guro", _("Guro-gu (구로구)")
    GEUMCHEON = "geumcheon", _("Geumcheon-gu (금천구)")
    YEONGDEUNGPO = "yeongdeungpo", _("Yeongdeungpo-gu (영등포구)")
    DONGJAK = "dongjak", _("Dongjak-gu (동작구)")
    GWANAK = "gwanak", _("Gwanak-gu (관악구)")
    SEOCHO = "seocho", _("Seocho-gu (서초구)")
    GANGNAM = "gangnam", _("Gangnam-gu (강남구)")
    SONGPA = "songpa", _("Songpa-gu (송파구)")
    GANGDONG = "gangdong", _("Gangdong-gu (강동구)")
    OTHER = "other", _("Outside Seoul")
