"""Who may call a view or an API operation, decided before anything else is read.

One mechanism for every app (STYLE.md, "permission before parsing"):

- function views: ``@trainee_required``, ``@employer_required``,
  ``@counselor_required`` (counselors and center staff), ``@staff_required``, or
  ``@role_required("…", "…")``. Anonymous visitors go to the login page; a
  signed-in person without the role gets 404, as if the page did not exist.
- API views: ``permission_classes = [roles("employer", methods=WRITE)]``.
  Anonymous callers get 401; a caller without the role gets 404, whatever the
  body says, because DRF checks permissions before the view reads the body.
- Objects: each app's ``selectors.get_<thing>_for_<role>(user, pk)`` fetches
  through the person's rights and raises ``Http404`` for another person's or
  company's object; views and API operations call them before parsing input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

# Each role and the question that tells whether a person holds it.
ROLE_TESTS: dict[str, Callable] = {
    "trainee": lambda user: bool(user.is_trainee),
    "employer": lambda user: user.is_employer,
    "counselor": lambda user: user.is_counselor,
    "staff": lambda user: user.is_center_staff,
}

WRITE = ("POST", "PUT", "PATCH", "DELETE")


def has_any_role(user, roles: Iterable[str]) -> bool:
    """Whether a signed-in person holds at least one of ``roles``."""
    if not (user and user.is_authenticated):
        return False
    return any(ROLE_TESTS[role](user) for role in roles)


def role_required(*roles: str):
    """Decorate a function view: only signed-in people with one of ``roles``; others 404."""
    unknown = set(roles) - set(ROLE_TESTS)
    if not roles or unknown:
        raise ValueError(f"unknown roles: {sorted(unknown) or 'none given'}")

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_any_role(request.user, roles):
                raise Http404
            return view(request, *args, **kwargs)

        wrapped.required_roles = roles  # read by the authorization matrix test
        return wrapped

    return decorator


trainee_required = role_required("trainee")
employer_required = role_required("employer")
counselor_required = role_required("counselor", "staff")
staff_required = role_required("staff")


class _RolePermission(BasePermission):
    roles: tuple[str, ...] = ()
    methods: tuple[str, ...] | None = None  # None: every method

    def has_permission(self, request, view) -> bool:
        if self.methods is not None and request.method not in self.methods:
            return True
        if not (request.user and request.user.is_authenticated):
            return False  # DRF answers 401 with the WWW-Authenticate challenge
        if not has_any_role(request.user, self.roles):
            raise NotFound(_("Not found."))
        return True


def roles(*names: str, methods: Iterable[str] | None = None) -> type[BasePermission]:
    """A DRF permission class: only people holding one of ``names`` (for ``methods``, else all).

    ``roles("employer", methods=WRITE)`` lets anyone read and only employers write.
    """
    unknown = set(names) - set(ROLE_TESTS)
    if not names or unknown:
        raise ValueError(f"unknown roles: {sorted(unknown) or 'none given'}")
    wanted = tuple(m.upper() for m in methods) if methods is not None else None
    return type(
        f"Roles_{'_'.join(names)}",
        (_RolePermission,),
        {"roles": tuple(names), "methods": wanted},
    )
