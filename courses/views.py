"""Catalog, enrollment and staff pages. Each view fetches through a rights-checking helper,
calls one service and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Center
from accounts.views import staff_required

from . import selectors, services
from .forms import (
    ApplicationForm,
    CapacityForm,
    CatalogFilterForm,
    CourseForm,
    MoveForm,
    RejectForm,
    RunForm,
)
from .models import Course, CourseRun, CourseSkill, Enrollment

PAGE_SIZE = 12


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_errors_from(form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- catalog (public) -------------------------------------------------------------------------


def catalog(request):
    form = CatalogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    courses = selectors.course_list(
        q=filters.get("q", ""),
        center=filters.get("center", ""),
        category=filters.get("category", ""),
        level=filters.get("level", ""),
        month=filters.get("month", ""),
        has_seats=bool(filters.get("has_seats")),
    )
    page_obj = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    for course in page_obj:
        for run in course.upcoming_runs:
            run.course = course
            run.seats_left = selectors.seats_left(run)
    return render(
        request,
        "courses/catalog.html",
        {
            "form": form,
            "page_obj": page_obj,
            "courses": page_obj.object_list,
            "is_filtered": bool(request.GET.get("q") or any(filters.values())),
        },
    )


def course_detail(request, course_id: int):
    course = selectors.get_course_for_viewer(request.user, course_id)
    runs = selectors.course_detail_runs(course)
    mine: dict[int, Enrollment] = {}
    if request.user.is_authenticated:
        for enrollment in (
            Enrollment.objects.filter(user=request.user, run__course=course)
            .exclude(status=Enrollment.Status.MOVED)
            .order_by("created_at")
        ):
            mine[enrollment.run_id] = enrollment
    for run in runs:
        run.seats_left = selectors.seats_left(run)
        run.my_enrollment = mine.get(run.pk)
        run.is_open = run.enrollment_is_open()
        if run.is_screened and run.is_open:
            run.application_form = ApplicationForm(run=run, prefix=f"run{run.pk}")
    upcoming = [r for r in runs if not r.is_past]
    past = [r for r in runs if r.is_past]
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "skills": selectors.course_skills(course),
            "prerequisite_courses": course.prerequisite_courses.filter(is_published=True),
            "prerequisite_skills": course.prerequisite_skills.all(),
            "instructors": course.instructors.all(),
            "upcoming_runs": upcoming,
            "past_runs": past,
            "is_staff_of_center": request.user.is_authenticated
            and course.center_id in request.user.staff_center_ids(),
        },
    )


@login_required
@require_POST
def run_enroll(request, run_id: int):
    run = selectors.get_run_for_viewer(request.user, run_id)
    answers = None
    if run.is_screened:
        form = ApplicationForm(request.POST, run=run, prefix=f"run{run.pk}")
        if not form.is_valid():
            messages.error(request, _("Please answer every application question."))
            return redirect("courses:detail", course_id=run.course_id)
        answers = form.answers()
    try:
        enrollment = services.enrollment_create(run=run, user=request.user, answers=answers)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("courses:detail", course_id=run.course_id)
    if enrollment.status == Enrollment.Status.CONFIRMED:
        messages.success(request, _("You are enrolled. Your seat is confirmed."))
    elif enrollment.status == Enrollment.Status.WAITLISTED:
        messages.info(
            request,
            _(
                "The run is full, so you joined the waitlist at position %(n)d. "
                "We will email you when a seat is offered."
            )
            % {"n": enrollment.waitlist_position},
        )
    else:
        messages.info(request, _("Your application was sent. Staff will review it and email you."))
    return redirect("courses:my_enrollments")


# --- the trainee's own enrollments ------------------------------------------------------------


@login_required
def my_enrollments(request):
    enrollments = list(selectors.enrollments_for_user(request.user))
    active = [e for e in enrollments if e.is_active and not e.run.is_past]
    history = [e for e in enrollments if e not in active]
    return render(request, "courses/my_enrollments.html", {"active": active, "history": history})


def _enrollment_action(request, enrollment_id: int, action, success: str):
    enrollment = selectors.get_enrollment_for_user(request.user, enrollment_id)
    try:
        action(enrollment=enrollment)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success)
    return redirect("courses:my_enrollments")


@login_required
@require_POST
def enrollment_cancel(request, enrollment_id: int):
    return _enrollment_action(
        request, enrollment_id, services.enrollment_cancel, _("Your enrollment was cancelled.")
    )


@login_required
@require_POST
def enrollment_accept(request, enrollment_id: int):
    return _enrollment_action(
        request,
        enrollment_id,
        services.enrollment_accept_offer,
        _("You took the seat. See you in class!"),
    )


@login_required
@require_POST
def enrollment_decline(request, enrollment_id: int):
    return _enrollment_action(
        request,
        enrollment_id,
        services.enrollment_decline_offer,
        _("You declined the seat; it goes to the next person on the waitlist."),
    )


# --- staff: catalog and runs ------------------------------------------------------------------


@staff_required
def staff_courses(request):
    courses = selectors.courses_for_staff(request.user).prefetch_related(
        Prefetch(
            "runs", queryset=selectors.runs_with_counts().order_by("-starts_on"), to_attr="all_runs"
        )
    )
    return render(request, "courses/staff/courses.html", {"courses": courses})


def _course_form_save(request, form: CourseForm, course: Course | None):
    data = dict(form.cleaned_data)
    chosen = list(data.pop("skills_taught") or [])
    level = data.pop("skill_level")
    center = data.pop("center")
    existing = (
        {cs.skill_id: cs.level for cs in CourseSkill.objects.filter(course=course)}
        if course
        else {}
    )
    skills = [(skill, existing.get(skill.pk, level)) for skill in chosen]
    if not data.get("image"):
        data.pop("image", None)
    if course is None:
        return services.course_create(center=center, skills=skills, **data)
    return services.course_update(course=course, skills=skills, **data)


@staff_required
def staff_course_create(request):
    centers = Center.objects.filter(pk__in=request.user.staff_center_ids())
    form = CourseForm(request.POST or None, request.FILES or None, centers=centers)
    if request.method == "POST" and form.is_valid():
        try:
            course = _course_form_save(request, form, None)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The course was created. Add a run next."))
            return redirect("courses:staff_run_create", course_id=course.pk)
    return render(request, "courses/staff/course_form.html", {"form": form, "course": None})


@staff_required
def staff_course_edit(request, course_id: int):
    course = selectors.get_course_for_staff(request.user, course_id)
    centers = Center.objects.filter(pk__in=request.user.staff_center_ids())
    form = CourseForm(request.POST or None, request.FILES or None, instance=course, centers=centers)
    if request.method == "POST" and form.is_valid():
        try:
            _course_form_save(request, form, course)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("courses:staff_courses")
    return render(request, "courses/staff/course_form.html", {"form": form, "course": course})


def _run_fields(form: RunForm) -> dict:
    return {
        k: v for k, v in form.cleaned_data.items() if v is not None or k.startswith("enrollment_")
    }


@staff_required
def staff_run_create(request, course_id: int):
    course = selectors.get_course_for_staff(request.user, course_id)
    form = RunForm(request.POST or None, instance=CourseRun(course=course))
    if request.method == "POST" and form.is_valid():
        fields = _run_fields(form)
        try:
            run = services.run_create(course=course, **fields)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The run was added."))
            return redirect("courses:staff_run", run_id=run.pk)
    return render(
        request, "courses/staff/run_form.html", {"form": form, "course": course, "run": None}
    )


@staff_required
def staff_run_edit(request, run_id: int):
    run = selectors.get_run_for_staff(request.user, run_id)
    form = RunForm(request.POST or None, instance=run)
    if request.method == "POST" and form.is_valid():
        fields = _run_fields(form)
        if fields.get("enrollment_opens_at") is None:
            fields.pop("enrollment_opens_at", None)
        if fields.get("enrollment_closes_at") is None:
            fields.pop("enrollment_closes_at", None)
        try:
            services.run_update(run=CourseRun.objects.get(pk=run.pk), **fields)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The run was saved."))
            return redirect("courses:staff_run", run_id=run.pk)
    return render(
        request, "courses/staff/run_form.html", {"form": form, "course": run.course, "run": run}
    )


@staff_required
def staff_run(request, run_id: int):
    run = selectors.get_run_for_staff(request.user, run_id)
    counted = selectors.runs_with_counts(CourseRun.objects.filter(pk=run.pk)).get()
    roster = selectors.run_roster(run)
    targets = selectors.move_targets(run)
    return render(
        request,
        "courses/staff/run.html",
        {
            "run": run,
            "course": run.course,
            "seats_taken": counted.seats_taken,
            "seats_left": selectors.seats_left(counted),
            "roster": roster,
            "capacity_form": CapacityForm(initial={"capacity": run.capacity}),
            "move_form": MoveForm(targets=targets) if targets.exists() else None,
            "reject_form": RejectForm(),
        },
    )


def _staff_enrollment_action(request, enrollment_id: int, call, success: str):
    enrollment = selectors.get_enrollment_for_staff(request.user, enrollment_id)
    try:
        call(enrollment)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success)
    return redirect("courses:staff_run", run_id=enrollment.run_id)


@staff_required
@require_POST
def staff_enrollment_approve(request, enrollment_id: int):
    return _staff_enrollment_action(
        request,
        enrollment_id,
        lambda e: services.enrollment_approve(enrollment=e, by=request.user),
        _("The application was approved."),
    )


@staff_required
@require_POST
def staff_enrollment_reject(request, enrollment_id: int):
    form = RejectForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _staff_enrollment_action(
        request,
        enrollment_id,
        lambda e: services.enrollment_reject(enrollment=e, by=request.user, note=note),
        _("The application was declined."),
    )


@staff_required
@require_POST
def staff_enrollment_cancel(request, enrollment_id: int):
    return _staff_enrollment_action(
        request,
        enrollment_id,
        lambda e: services.enrollment_cancel(enrollment=e, by=request.user),
        _("The enrollment was cancelled."),
    )


@staff_required
@require_POST
def staff_enrollment_move(request, enrollment_id: int):
    enrollment = selectors.get_enrollment_for_staff(request.user, enrollment_id)
    form = MoveForm(request.POST, targets=selectors.move_targets(enrollment.run))
    if not form.is_valid():
        messages.error(request, _("Choose a run to move this person to."))
        return redirect("courses:staff_run", run_id=enrollment.run_id)
    try:
        moved = services.enrollment_move(
            enrollment=enrollment, to_run=form.cleaned_data["to_run"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Moved to %(run)s (%(status)s).")
            % {"run": moved.run.display_name, "status": moved.get_status_display()},
        )
    return redirect("courses:staff_run", run_id=enrollment.run_id)


@staff_required
@require_POST
def staff_run_capacity(request, run_id: int):
    run = selectors.get_run_for_staff(request.user, run_id)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a capacity of at least 1."))
    else:
        try:
            services.run_set_capacity(run=run, capacity=form.cleaned_data["capacity"])
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The capacity was changed."))
    return redirect("courses:staff_run", run_id=run.pk)


@staff_required
@require_POST
def staff_run_cancel(request, run_id: int):
    run = selectors.get_run_for_staff(request.user, run_id)
    try:
        services.run_cancel(run=run, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The run was cancelled."))
    return redirect(reverse("courses:staff_run", kwargs={"run_id": run.pk}))
