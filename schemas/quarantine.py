"""The quarantine: facts that failed a check, one row per fact and check, waiting for a person."""

from __future__ import annotations

import pandera.polars as pa

QUARANTINE_STATUSES = ("open", "accepted", "rejected", "corrected")


class QuarantineModel(pa.DataFrameModel):
    """One failing fact and check. `quarantine_id` fingerprints article, fact and check, so a
    re-run finds the same row again instead of opening a new one."""

    quarantine_id: str = pa.Field(unique=True)
    fact_id: str
    article_id: str
    run_id: str
    check_name: str
    message: str
    fact: str  # the fact's columns as a JSON object
    status: str = pa.Field(isin=QUARANTINE_STATUSES)

    class Config:
        strict = True
        coerce = True


QUARANTINE_COLUMNS: tuple[str, ...] = tuple(QuarantineModel.to_schema().columns)
