"""Catalog pages: the public catalog and course page, and the staff pages for courses and runs.

Each view checks the role first, fetches through a rights-checking selector, calls one
service and renders.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Center
from core.permissions import staff_required

from .. import selectors, services
from ..forms import (
    ApplicationForm,
    CapacityForm,
    CatalogFilterForm,
    CourseForm,
    MoveForm,
    RejectForm,
    RunForm,
)
from ..models import Course, CourseRun, CourseSkill
from .common import error_text, form_errors_from

PAGE_SIZE = 12


# --- public -----------------------------------------------------------------------------------


def course_list(request):
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
    mine = selectors.enrollments_by_run_for_user(request.user, course)
    for run in runs:
        run.seats_left = selectors.seats_left(run)
        run.my_enrollment = mine.get(run.pk)
        run.is_open = run.enrollment_is_open()
        if run.is_screened and run.is_open:
            run.application_form = ApplicationForm(run=run, prefix=f"run{run.pk}")
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "skills": selectors.course_skills(course),
            "prerequisite_courses": course.prerequisite_courses.filter(is_published=True),
            "prerequisite_skills": course.prerequisite_skills.all(),
            "instructors": course.instructors.all(),
            "upcoming_runs": [r for r in runs if not r.is_past],
            "past_runs": [r for r in runs if r.is_past],
            "is_staff_of_center": request.user.is_authenticated
            and course.center_id in request.user.staff_center_ids(),
        },
    )


# --- staff: courses ---------------------------------------------------------------------------


@staff_required
def staff_courses(request):
    courses = selectors.courses_for_staff(request.user).prefetch_related(
        Prefetch(
            "runs", queryset=selectors.runs_with_counts().order_by("-starts_on"), to_attr="all_runs"
        )
    )
    return render(request, "courses/staff/courses.html", {"courses": courses})


def _course_form_save(form: CourseForm, course: Course | None) -> Course:
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
            course = _course_form_save(form, None)
        except ValidationError as error:
            form_errors_from(form, error)
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
            _course_form_save(form, course)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("courses:staff_courses")
    return render(request, "courses/staff/course_form.html", {"form": form, "course": course})


# --- staff: runs ------------------------------------------------------------------------------


def _run_fields(form: RunForm) -> dict:
    return {
        k: v for k, v in form.cleaned_data.items() if v is not None or k.startswith("enrollment_")
    }


@staff_required
def staff_run_create(request, course_id: int):
    course = selectors.get_course_for_staff(request.user, course_id)
    form = RunForm(request.POST or None, instance=CourseRun(course=course))
    if request.method == "POST" and form.is_valid():
        try:
            run = services.run_create(course=course, **_run_fields(form))
        except ValidationError as error:
            form_errors_from(form, error)
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
            services.run_update(run=CourseRun.objects.get(pk=run.pk), by=request.user, **fields)
        except ValidationError as error:
            form_errors_from(form, error)
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
    targets = selectors.move_targets(run)
    return render(
        request,
        "courses/staff/run.html",
        {
            "run": run,
            "course": run.course,
            "seats_taken": counted.seats_taken,
            "seats_left": selectors.seats_left(counted),
            "roster": selectors.run_roster(run),
            "capacity_form": CapacityForm(initial={"capacity": run.capacity}),
            "move_form": MoveForm(targets=targets) if targets.exists() else None,
            "reject_form": RejectForm(),
            "history": selectors.run_history(run),
        },
    )


@staff_required
@require_POST
def staff_run_capacity(request, run_id: int):
    run = selectors.get_run_for_staff(request.user, run_id)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a capacity of at least 1."))
        return redirect("courses:staff_run", run_id=run.pk)
    try:
        services.run_set_capacity(run=run, capacity=form.cleaned_data["capacity"], by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
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
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The run was cancelled."))
    return redirect("courses:staff_run", run_id=run.pk)
