"""Reads of the reports app: the period, the outcome figures, their lists and the journey.

``outcomes`` / ``run_rates`` read the summary tables (what every page, file and the API
show); ``live_outcomes`` / ``live_run_rates`` aggregate the records, the reference the
summaries are checked against.
"""

from .drill import METRICS, drill
from .outcomes import live_outcomes, live_run_rates
from .period import Period, centers_for_staff, get_center_for_staff, parse_period
from .summary import outcomes, run_rates

__all__ = [
    "METRICS",
    "Period",
    "centers_for_staff",
    "drill",
    "get_center_for_staff",
    "live_outcomes",
    "live_run_rates",
    "outcomes",
    "parse_period",
    "run_rates",
]
