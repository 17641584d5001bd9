"""The data-quality settings of `kundenstamm check`: `settings.yml` beside this module, updated
with the user's file (`check --settings FILE`)."""

from __future__ import annotations

from pathlib import Path

import yaml

DEFAULT_SETTINGS = Path(__file__).with_name("settings.yml")


def load_settings(path: Path | None = None) -> dict:
    """The default settings, updated with the values of `path` (if given)."""
    settings = yaml.safe_load(DEFAULT_SETTINGS.read_text(encoding="utf-8"))
    if path:
        overrides = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        unknown = set(overrides) - set(settings)
        if unknown:
            raise ValueError(f"unknown quality settings in {path}: {', '.join(sorted(unknown))}")
        settings.update(overrides)
    return settings
