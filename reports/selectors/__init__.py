"""Reads of the reports app: the period, the outcome figures, their lists and the journey."""

from .drill import METRICS, drill
from .outcomes import outcomes, run_rates
from .period import Period, centers_for_staff, get_center_for_staff, parse_period

__all__ = [
    "METRICS",
    "Period",
    "centers_for_staff",
    "drill",
    "get_center_for_staff",
    "outcomes",
    "parse_period",
    "run_rates",
]
