"""Data-quality checks: great-expectations suites over the warehouse (`kundenstamm check`)."""
