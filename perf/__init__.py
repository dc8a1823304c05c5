"""The page-load harness (docs/performance.md): settings, a query-count middleware, a locustfile."""
