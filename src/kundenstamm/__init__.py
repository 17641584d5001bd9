"""Kundenstamm: customer-base analytics warehouse (dbt + DuckDB, optional Spark)."""

__version__ = "0.1.0"
