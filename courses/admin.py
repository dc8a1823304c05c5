"""Django admin for courses."""

from . import (
    catalog_admin,  # noqa: F401  (catalog, runs, enrollments)
    completion_admin,  # noqa: F401  (attendance, completion, certificates)
)
