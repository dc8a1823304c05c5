"""Django admin for courses."""

from . import completion_admin  # noqa: F401  (attendance, completion, certificates)
