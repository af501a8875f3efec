"""kclint — a linter for Vietnamese schools' quality-improvement and accreditation plans."""

__version__ = "0.1.0"
