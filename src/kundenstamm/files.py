"""Who may read the files Kundenstamm writes: the warehouse files, the reports and the
pseudonym key hold personal data, so they are made readable by their owner only.

The mode is KUNDENSTAMM_FILE_MODE (octal, default 0600). It must let the owner read and write;
group and others may be given read (and write) bits, e.g. 0640 for a BI tool that runs as
another user of the same group. Folders get the same bits plus the search bit wherever read is
allowed (0600 -> 0700, 0640 -> 0750); published warehouse versions get the mode without any
write bit (0600 -> 0400), as nobody writes a published version.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

MODE_VARIABLE = "KUNDENSTAMM_FILE_MODE"
DEFAULT_MODE = 0o600


def file_mode() -> int:
    """The mode of written files: KUNDENSTAMM_FILE_MODE, else 0600."""
    text = os.environ.get(MODE_VARIABLE, "").strip()
    if not text:
        return DEFAULT_MODE
    try:
        mode = int(text, 8)
    except ValueError:
        mode = -1
    if mode < 0 or mode & ~0o666 or mode & 0o600 != 0o600:
        raise ValueError(
            f"{MODE_VARIABLE}={text!r} is not a file mode Kundenstamm can use: give octal "
            "read/write bits that include the owner's, e.g. 0600 (the default) or 0640"
        )
    return mode


def dir_mode() -> int:
    """The mode of written folders: the file mode, plus search wherever read is allowed."""
    mode = file_mode()
    return mode | 0o100 | ((mode & 0o044) >> 2)


def read_only_mode() -> int:
    """The mode of a published warehouse version: the file mode without write bits."""
    return file_mode() & ~0o222


def restrict(path: Path, mode: int | None = None) -> None:
    """Give an existing file the file mode (or `mode`)."""
    os.chmod(path, file_mode() if mode is None else mode)


def make_dir(path: Path) -> Path:
    """Create `path` and missing parents with the folder mode. A folder that exists already
    keeps its mode, as it may not be ours (a report written into the home folder)."""
    path = Path(path)
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
        os.chmod(folder, dir_mode())
    return Path(missing[0]) if missing else path


def own_dir(path: Path) -> Path:
    """A folder only Kundenstamm writes (build/, versions/, a report's csv/): created if missing
    and given the folder mode either way."""
    make_dir(path)
    os.chmod(path, dir_mode())
    return Path(path)


def write_text(path: Path, text: str) -> None:
    """Write a UTF-8 text file with the file mode from its first byte."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, file_mode())
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files and folders that another program (dbt, DuckDB) creates meanwhile get at most the
    file and folder modes."""
    previous = os.umask(0o777 & ~dir_mode())
    try:
        yield
    finally:
        os.umask(previous)
