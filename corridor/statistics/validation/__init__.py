"""Checks of a submission: structural, constraint, logical, outliers, completeness."""

from corridor.statistics.validation.engine import CleanRow, Report, validate

__all__ = ["CleanRow", "Report", "validate"]
