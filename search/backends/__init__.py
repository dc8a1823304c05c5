"""Search backends: the database (PostgreSQL FTS or SQLite FTS5) and Elasticsearch."""
