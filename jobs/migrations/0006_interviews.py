"""Interviews inside an application, their proposed times, and the timeline's new steps.

On PostgreSQL two exclusion constraints keep confirmed interviews from overlapping: one
interviewer's, and one candidate's (``btree_gist``, as consulting's 0002). SQLite skips
them; the services lock both people and recount (``jobs.services.interviews``).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models

from core.db import PostgresOnlySQL

INTERVIEWER = "jobs_interview_interviewer_no_overlap"
CANDIDATE = "jobs_interview_candidate_no_overlap"

CREATE = [
    f"""
    ALTER TABLE jobs_interview ADD CONSTRAINT {name}
    EXCLUDE USING gist (
        {column} WITH =,
        tstzrange("start", "end", '[)') WITH &&
    ) WHERE (status = 'confirmed')
    """
    for name, column in ((INTERVIEWER, "interviewer_id"), (CANDIDATE, "candidate_id"))
]
DROP = [
    f"ALTER TABLE jobs_interview DROP CONSTRAINT IF EXISTS {name}"
    for name in (CANDIDATE, INTERVIEWER)
]



class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0005_posting_center_discovery_consent'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        BtreeGistExtension(),
        migrations.AddField(
            model_name='applicationevent',
            name='detail',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='applicationevent',
            name='kind',
            field=models.CharField(choices=[('status', 'Stage changed'), ('interview_proposed', 'Interview times proposed'), ('interview_times_requested', 'Other interview times requested'), ('interview_confirmed', 'Interview time picked'), ('interview_rescheduled', 'Interview rescheduled'), ('interview_cancelled', 'Interview cancelled'), ('interview_held', 'Interview held'), ('interview_no_show', 'Interview no-show'), ('offer_made', 'Offer made'), ('offer_accepted', 'Offer accepted'), ('offer_declined', 'Offer declined'), ('offer_withdrawn', 'Offer withdrawn'), ('offer_lapsed', 'Offer lapsed'), ('hire_recorded', 'Hire recorded by the center')], default='status', max_length=32),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='to_status',
            field=models.CharField(blank=True, choices=[('submitted', 'Submitted'), ('screening', 'Screening'), ('interview', 'Interview'), ('offer', 'Offer'), ('hired', 'Hired'), ('rejected', 'Not selected'), ('withdrawn', 'Withdrawn')], max_length=12),
        ),
        migrations.CreateModel(
            name='Interview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('mode', models.CharField(choices=[('in_person', 'In person'), ('phone', 'Phone'), ('video', 'Video')], max_length=12, verbose_name='format')),
                ('address', models.CharField(blank=True, max_length=200, verbose_name='address')),
                ('phone', models.CharField(blank=True, help_text="The company calls the candidate's mobile number.", max_length=20, verbose_name='phone number we call from')),
                ('room_token', models.CharField(blank=True, editable=False, max_length=40)),
                ('duration_minutes', models.PositiveSmallIntegerField(default=60, verbose_name='length (minutes)')),
                ('note', models.TextField(blank=True, max_length=1000, verbose_name='note for the candidate')),
                ('status', models.CharField(choices=[('proposed', 'Time to be picked'), ('other_times', 'Other times requested'), ('confirmed', 'Confirmed'), ('cancelled', 'Cancelled'), ('held', 'Held'), ('no_show', 'No-show')], default='proposed', max_length=12, verbose_name='status')),
                ('start', models.DateTimeField(blank=True, null=True, verbose_name='start')),
                ('end', models.DateTimeField(blank=True, null=True, verbose_name='end')),
                ('candidate_note', models.TextField(blank=True, max_length=1000, verbose_name="candidate's note")),
                ('status_reason', models.CharField(blank=True, max_length=300, verbose_name='reason')),
                ('sequence', models.PositiveIntegerField(default=0, editable=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                ('reminder_24h_sent_at', models.DateTimeField(blank=True, null=True)),
                ('reminder_1h_sent_at', models.DateTimeField(blank=True, null=True)),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interviews', to='jobs.application')),
                ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interviews', to=settings.AUTH_USER_MODEL)),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('interviewer', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='interviews_to_give', to=settings.AUTH_USER_MODEL, verbose_name='interviewer')),
            ],
            options={
                'verbose_name': 'interview',
                'verbose_name_plural': 'interviews',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='applicationevent',
            name='interview',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='events', to='jobs.interview'),
        ),
        migrations.CreateModel(
            name='InterviewSlot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.DateTimeField(verbose_name='start')),
                ('end', models.DateTimeField(verbose_name='end')),
                ('interview', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='slots', to='jobs.interview')),
            ],
            options={
                'ordering': ['start', 'pk'],
            },
        ),
        migrations.AddIndex(
            model_name='interview',
            index=models.Index(fields=['candidate', 'start'], name='jobs_interview_candidate'),
        ),
        migrations.AddIndex(
            model_name='interview',
            index=models.Index(fields=['interviewer', 'start'], name='jobs_interview_interviewer'),
        ),
        migrations.AddIndex(
            model_name='interview',
            index=models.Index(fields=['status', 'start'], name='jobs_interview_status_start'),
        ),
        migrations.AddConstraint(
            model_name='interview',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('end__isnull', True), ('start__isnull', True)), ('start__lt', models.F('end')), _connector='OR'), name='jobs_interview_order', violation_error_message='An interview ends after it starts.'),
        ),
        migrations.AddConstraint(
            model_name='interview',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['confirmed', 'held', 'no_show']), _negated=True), ('start__isnull', False), _connector='OR'), name='jobs_interview_confirmed_has_time', violation_error_message='A confirmed interview needs its time.'),
        ),
        migrations.AddConstraint(
            model_name='interview',
            constraint=models.CheckConstraint(condition=models.Q(('duration_minutes__gte', 15), ('duration_minutes__lte', 240)), name='jobs_interview_duration_range', violation_error_message='An interview lasts 15 minutes to 4 hours.'),
        ),
        migrations.AddConstraint(
            model_name='interview',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['proposed', 'other_times', 'confirmed'])), fields=('application',), name='jobs_interview_one_open_per_application', violation_error_message='This application already has an open interview.'),
        ),
        migrations.AddConstraint(
            model_name='interviewslot',
            constraint=models.CheckConstraint(condition=models.Q(('start__lt', models.F('end'))), name='jobs_interviewslot_order', violation_error_message='A proposed time ends after it starts.'),
        ),
        migrations.AddConstraint(
            model_name='interviewslot',
            constraint=models.UniqueConstraint(fields=('interview', 'start'), name='jobs_interviewslot_once', violation_error_message='That time is already proposed.'),
        ),
        PostgresOnlySQL(sql=CREATE, reverse_sql=DROP),
    ]
