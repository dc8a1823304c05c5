"""Job offers and the employments an accepted offer (or center staff) records."""

import django.db.models.deletion
import django.utils.timezone
import jobs.models.hiring
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_company_profile'),
        ('jobs', '0006_interviews'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Offer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.CharField(max_length=120, verbose_name='position')),
                ('start_date', models.DateField(verbose_name='start date')),
                ('employment_type', models.CharField(choices=jobs.models.hiring._employment_types, max_length=16, verbose_name='employment type')),
                ('salary', models.PositiveBigIntegerField(verbose_name='annual salary (KRW)')),
                ('note', models.TextField(blank=True, max_length=2000, verbose_name='note')),
                ('expires_at', models.DateTimeField(verbose_name='answer by')),
                ('status', models.CharField(choices=[('open', 'Waiting for an answer'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn'), ('lapsed', 'Lapsed')], default='open', max_length=12, verbose_name='status')),
                ('status_reason', models.CharField(blank=True, max_length=300, verbose_name='reason')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('lapse_warning_sent_at', models.DateTimeField(blank=True, null=True)),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='offers', to='jobs.application')),
                ('made_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'job offer',
                'verbose_name_plural': 'job offers',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Employment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('company_name', models.CharField(max_length=120, verbose_name='company name')),
                ('company_brn', models.CharField(blank=True, max_length=12, verbose_name='사업자등록번호')),
                ('position', models.CharField(max_length=120, verbose_name='position')),
                ('start_date', models.DateField(verbose_name='start date')),
                ('employment_type', models.CharField(choices=jobs.models.hiring._employment_types, max_length=16, verbose_name='employment type')),
                ('salary_band', models.CharField(choices=[('under_25m', 'Under 25 million won'), ('25m_30m', '25–30 million won'), ('30m_35m', '30–35 million won'), ('35m_40m', '35–40 million won'), ('40m_50m', '40–50 million won'), ('50m_plus', '50 million won or more'), ('unknown', 'Not disclosed')], default='unknown', max_length=12, verbose_name='salary band')),
                ('source', models.CharField(choices=[('offer', 'Accepted offer'), ('staff', 'Recorded by center staff'), ('self_reported', 'Reported by the person')], max_length=16, verbose_name='source')),
                ('reason', models.CharField(blank=True, max_length=500, verbose_name='reason')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('application', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='employment', to='jobs.application')),
                ('company', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='employments', to='accounts.company')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='employments', to=settings.AUTH_USER_MODEL)),
                ('posting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='jobs.posting')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('offer', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='employment', to='jobs.offer')),
            ],
            options={
                'verbose_name': 'employment',
                'verbose_name_plural': 'employments',
                'ordering': ['-start_date', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='applicationevent',
            name='offer',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='events', to='jobs.offer'),
        ),
        migrations.AddIndex(
            model_name='offer',
            index=models.Index(fields=['status', 'expires_at'], name='jobs_offer_status_expiry'),
        ),
        migrations.AddConstraint(
            model_name='offer',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'open')), fields=('application',), name='jobs_offer_one_open_per_application', violation_error_message='This application already has an open offer.'),
        ),
        migrations.AddConstraint(
            model_name='offer',
            constraint=models.CheckConstraint(condition=models.Q(('salary__gt', 0)), name='jobs_offer_salary_positive', violation_error_message='Enter the annual salary in won.'),
        ),
        migrations.AddIndex(
            model_name='employment',
            index=models.Index(fields=['start_date'], name='jobs_employment_start'),
        ),
        migrations.AddIndex(
            model_name='employment',
            index=models.Index(fields=['person', '-start_date'], name='jobs_employment_person'),
        ),
    ]
