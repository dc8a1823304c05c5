from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="company",
            name="industry",
            field=models.CharField(blank=True, help_text="e.g. 귀금속 제조", max_length=60, verbose_name="industry"),
        ),
        migrations.AddField(
            model_name="company",
            name="size",
            field=models.CharField(
                blank=True,
                choices=[("micro", "1–4 people"), ("small", "5–49 people"), ("medium", "50–299 people"), ("large", "300 or more")],
                max_length=16,
                verbose_name="company size",
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="address",
            field=models.CharField(blank=True, max_length=200, verbose_name="address"),
        ),
        migrations.AddField(
            model_name="company",
            name="district",
            field=models.CharField(
                blank=True,
                choices=[
                    ("jongno", "Jongno-gu (종로구)"), ("jung", "Jung-gu (중구)"), ("yongsan", "Yongsan-gu (용산구)"),
                    ("seongdong", "Seongdong-gu (성동구)"), ("gwangjin", "Gwangjin-gu (광진구)"),
                    ("dongdaemun", "Dongdaemun-gu (동대문구)"), ("jungnang", "Jungnang-gu (중랑구)"),
                    ("seongbuk", "Seongbuk-gu (성북구)"), ("gangbuk", "Gangbuk-gu (강북구)"), ("dobong", "Dobong-gu (도봉구)"),
                    ("nowon", "Nowon-gu (노원구)"), ("eunpyeong", "Eunpyeong-gu (은평구)"),
                    ("seodaemun", "Seodaemun-gu (서대문구)"), ("mapo", "Mapo-gu (마포구)"), ("yangcheon", "Yangcheon-gu (양천구)"),
                    ("gangseo", "Gangseo-gu (강서구)"), ("guro", "Guro-gu (구로구)"), ("geumcheon", "Geumcheon-gu (금천구)"),
                    ("yeongdeungpo", "Yeongdeungpo-gu (영등포구)"), ("dongjak", "Dongjak-gu (동작구)"),
                    ("gwanak", "Gwanak-gu (관악구)"), ("seocho", "Seocho-gu (서초구)"), ("gangnam", "Gangnam-gu (강남구)"),
                    ("songpa", "Songpa-gu (송파구)"), ("gangdong", "Gangdong-gu (강동구)"), ("other", "Outside Seoul"),
                ],
                max_length=16,
                verbose_name="district",
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="website",
            field=models.URLField(blank=True, verbose_name="website"),
        ),
        migrations.AddField(
            model_name="company",
            name="logo",
            field=models.ImageField(blank=True, upload_to="company-logos/", verbose_name="logo"),
        ),
        migrations.AddField(
            model_name="company",
            name="description",
            field=models.TextField(blank=True, max_length=5000, verbose_name="about the company"),
        ),
    ]
