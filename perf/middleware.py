"""Counts the SQL statements each request runs and reports them in ``X-Queries``, and names the
worker process that answered in ``X-Worker`` (the harness follows each worker's memory)."""

from __future__ import annotations

import os

from django.db import connections


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        response["X-Worker"] = str(os.getpid())
        return response
