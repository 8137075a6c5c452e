"""Pandera models: the one place where the warehouse's table columns and checks are declared."""

from schemas.articles import ArticleModel, FileModel, ReadFailureModel, SourceModel
from schemas.facts import FactCandidateModel, FactModel
from schemas.quarantine import QuarantineModel
from schemas.vocabulary import KINDS, METRICS, QUALIFIERS

__all__ = [
    "KINDS",
    "METRICS",
    "QUALIFIERS",
    "ArticleModel",
    "FactCandidateModel",
    "FactModel",
    "FileModel",
    "QuarantineModel",
    "ReadFailureModel",
    "SourceModel",
]
