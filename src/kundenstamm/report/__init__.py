"""HTML segment reports rendered from the marts (`kundenstamm report`)."""

from kundenstamm.report.render import ReportError, ReportResult, render_report

__all__ = ["ReportError", "ReportResult", "render_report"]
