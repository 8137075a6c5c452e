"""Prefect flows: they orchestrate the library functions in `ingest`, nothing more."""
