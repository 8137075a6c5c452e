"""The quarantine: facts that failed a check, one row per fact and check, waiting for a person;
and the decisions people made on them."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa

QUARANTINE_STATUSES = ("open", "accepted", "rejected", "corrected")
DECISION_ACTIONS = ("accept", "reject", "correct")
# what a decision did: loaded the fact, kept it out, found it still failing, or cleared an event value
DECISION_OUTCOMES = ("loaded", "kept_out", "still_failing", "cleared")


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


class QuarantineTableModel(QuarantineModel):
    """The `quarantine` table: a failure as held, and the decision that closed it, if any."""

    created_at: dt.datetime
    decision_id: str = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


class DecisionModel(pa.DataFrameModel):
    """The `decisions` table: one person's final word on one failure, and what it did."""

    decision_id: str = pa.Field(unique=True)
    quarantine_id: str  # the failure decided on
    fact_id: str  # the quarantined fact it was about
    article_id: str
    action: str = pa.Field(isin=DECISION_ACTIONS)
    changes: str = pa.Field(nullable=True)  # a correction's changed fields as JSON, e.g. {"value": 42}
    note: str = pa.Field(nullable=True)
    decided_by: str  # the OS user, or --by
    decided_at: dt.datetime  # UTC
    outcome: str = pa.Field(isin=DECISION_OUTCOMES)
    loaded_fact_id: str = pa.Field(nullable=True)  # the fact the decision put into `facts`, if any
    # a reopened decision stays as history (warehouse/migrations/011_decision_history.sql)
    reopened_at: dt.datetime = pa.Field(nullable=True)  # UTC; null while the decision stands
    reopened_by: str = pa.Field(nullable=True)
    reopen_note: str = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


QUARANTINE_COLUMNS: tuple[str, ...] = tuple(QuarantineModel.to_schema().columns)
DECISION_COLUMNS: tuple[str, ...] = tuple(DecisionModel.to_schema().columns)
