"""The README stays true to the tree: its command table says what `kundenstamm --help` says and
lists every option with the parser's default, every `kundenstamm` line it shows parses, every
shell command it shows exists, its code fences are closed and no placeholder is left in it.

(`test_documented_vars.py` builds the var settings the README shows; this module needs no build.)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_DIR

from kundenstamm.cli import build_parser

README = PROJECT_DIR / "README.md"
FENCE = re.compile(r"^(\s*)```(.*)$")


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _section(title: str) -> str:
    text = _readme()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def _commands() -> dict[str, argparse.ArgumentParser]:
    return _subparsers_action(build_parser()).choices


def _subparsers_action(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def _summaries() -> dict[str, str]:
    """Each command's line in `kundenstamm --help`."""
    return {a.dest: a.help for a in _subparsers_action(build_parser())._choices_actions}


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {
        option: action
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction)
        for option in action.option_strings
    }


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row (`\\|` is a `|` inside a cell)."""
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", row)[1:-1]]


def _command_table() -> dict[str, tuple[str, str]]:
    """Command name: (its synopsis cell, its description cell) of the README's command table."""
    rows = {}
    for line in _section("Command line").splitlines():
        if not line.startswith("| `kundenstamm "):
            continue
        synopsis, description = _cells(line)
        names = set(re.findall(r"`kundenstamm ([a-z-]+)", synopsis))
        assert len(names) == 1, f"one command per row: {synopsis}"
        rows[names.pop()] = (synopsis, description)
    return rows


def _code_blocks(language: str) -> list[tuple[int, str]]:
    """(first line number, text) of every fenced block with this info string."""
    blocks, inside, start, lines = [], None, 0, []
    for number, line in enumerate(_readme().splitlines(), start=1):
        match = FENCE.match(line)
        if match and inside is None:
            inside, start, lines = match.group(2).strip(), number + 1, []
        elif match:
            if inside == language:
                blocks.append((start, "\n".join(lines)))
            inside = None
        elif inside is not None:
            lines.append(line)
    return blocks


def _shell_commands() -> list[tuple[int, list[str]]]:
    """Every command of the README's bash blocks as words (line continuations joined, comments
    dropped, `&&` and `;` separating commands)."""
    commands = []
    for start, block in _code_blocks("bash"):
        for offset, line in enumerate(block.replace("\\\n", " ").splitlines()):
            words: list[str] = []
            for word in [*shlex.split(line, comments=True), ";"]:
                if word in ("&&", ";", "||"):
                    if words:
                        commands.append((start + offset, words))
                    words = []
                else:
                    words.append(word)
    return commands


def _parse(argv: list[str]) -> str | None:
    """None when `kundenstamm ARGV` parses, else argparse's complaint."""
    import contextlib
    import io

    parser = build_parser()
    for each in [parser, *_subparsers_action(parser).choices.values()]:
        each.allow_abbrev = False  # the README spells options out
    complaint = io.StringIO()
    try:
        with contextlib.redirect_stderr(complaint):
            parser.parse_args(argv)
    except SystemExit:
        return complaint.getvalue().strip().splitlines()[-1]
    return None


def test_every_option_has_help_with_its_default():
    parsers = {"kundenstamm": build_parser()} | {
        f"kundenstamm {name}": parser for name, parser in _commands().items()
    }
    missing = []
    for name, parser in parsers.items():
        parser.format_help()  # every %(default)s expands
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            label = f"{name} {'/'.join(action.option_strings) or action.dest}"
            text = action.help or ""
            if not text:
                missing.append(f"{label}: no help")
            elif action.option_strings and action.required and "(required)" not in text:
                missing.append(f"{label}: required, but the help does not say so: {text}")
            elif action.option_strings and not action.required and "(default: " not in text:
                missing.append(f"{label}: no '(default: …)' in {text!r}")
            elif "%(default)" not in text and action.default not in (None, False):
                shown = text[text.index("(default: ") :] if "(default: " in text else ""
                if str(action.default) not in shown:
                    missing.append(f"{label}: default {action.default!r} not in {text!r}")
    assert not missing, "\n".join(missing)


def test_every_command_has_a_summary_and_a_description():
    summaries = _summaries()
    listing = build_parser().format_help()
    for name, parser in _commands().items():
        assert summaries[name], name
        assert (parser.description or "").strip(), f"`kundenstamm {name} --help` has no description"
        assert name in listing


def test_the_readme_command_table_is_the_help():
    table = _command_table()
    commands = _commands()
    assert sorted(table) == sorted(commands), "the README's command table lists every command"
    summaries = _summaries()
    for name, (synopsis, description) in table.items():
        words = description.replace("`", "")
        assert words.startswith(summaries[name]), (
            f"README says `{name}` does {words!r}; --help says {summaries[name]!r}"
        )
        options = _options(commands[name])
        shown = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", synopsis))
        assert shown <= set(options), f"{name}: unknown options {shown - set(options)}"
        assert set(options) <= shown, f"{name}: the README leaves out {set(options) - shown}"
        for option, value in re.findall(r"\[(--[a-z-]+)[ =]([^\]\s]+)\]", synopsis):
            if re.fullmatch(r"-?[A-Z][A-Z.,…]*", value):
                continue  # a metavar (DIR, FILE, N), not a value
            action = options[option]
            values = value.split("|")
            if action.choices:
                assert set(values) == set(action.choices), f"{name} {option}: {value}"
            if action.default is not None:
                assert values[0] == str(action.default), (
                    f"{name} {option}: README shows {values[0]}, the default is {action.default}"
                )


def test_every_readme_command_line_parses():
    """Each `kundenstamm …` line of a bash block parses with the real parser; each
    `kundenstamm …` in the text names a command and options it has."""
    failures = []
    for line, words in _shell_commands():
        if Path(words[0]).name == "kundenstamm":
            complaint = _parse(words[1:])
            if complaint:
                failures.append(f"README.md:{line}: {shlex.join(words)}: {complaint}")
    commands = _commands()
    for span in re.findall(r"`(?:\.venv/bin/)?kundenstamm ([^`]+)`", _readme()):
        name, *rest = span.split()
        if name.startswith(("<", "-")) or name == "COMMAND":
            continue
        if name not in commands:
            failures.append(f"`kundenstamm {span}`: no command {name}")
            continue
        options = _options(commands[name])
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", " ".join(rest)):
            if option not in options and option != "--help":
                failures.append(f"`kundenstamm {span}`: {name} has no {option}")
    assert not failures, "\n".join(failures)


def test_every_readme_shell_command_exists():
    """A bash block runs the project's scripts and the virtual environment's programs only."""
    venv_bin = Path(sys.executable).parent
    missing = []
    for line, words in _shell_commands():
        while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
            words = words[1:]  # VAR=value before the command
        program, arguments = words[0], words[1:]
        where = f"README.md:{line}: {shlex.join(words)}"
        if Path(program).name == "python" and "-c" in arguments:
            continue  # inline code, no script to find
        if program == "bash" or Path(program).name == "python":
            script = next((word for word in arguments if not word.startswith("-")), None)
            if script and not (PROJECT_DIR / script).is_file():
                missing.append(f"{where}: no {script}")
        elif program.startswith(".venv/bin/"):
            if not (venv_bin / Path(program).name).exists():
                missing.append(f"{where}: {Path(program).name} is not installed")
        elif program not in ("dbt", "kundenstamm"):
            missing.append(f"{where}: {program} is neither a project script nor installed")
    assert not missing, "\n".join(missing)


def test_the_readme_code_fences_are_closed():
    problems, opened = [], None
    for number, line in enumerate(_readme().splitlines(), start=1):
        match = FENCE.match(line)
        if not match:
            continue
        if opened is None:
            opened = number
        elif match.group(2).strip():
            problems.append(
                f"line {number}: a fence with {match.group(2)!r} inside the block "
                f"opened on line {opened}"
            )
        else:
            opened = None
    assert opened is None, f"the code block opened on line {opened} is never closed"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pattern", [r"\b(?:TODO|FIXME|TBD|XXX)\b", r"<placeholder>|\?\?\?"])
def test_the_readme_has_no_unfinished_text(pattern):
    found = [
        f"README.md:{number}: {line.strip()}"
        for number, line in enumerate(_readme().splitlines(), start=1)
        if re.search(pattern, line)
    ]
    assert not found, "\n".join(found)


def test_every_upper_case_name_in_the_readme_exists_in_the_tree():
    """A name like KUNDENSTAMM_RAW_PATH is an environment variable the code reads; one that
    nothing else in the tree knows (BENCH_FIGURES) is a placeholder left unfilled."""
    known = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for folder in (
            "src",
            "scripts",
            "profiles",
            "macros",
            "models",
            ".github",
            ".ci",
            "tests/python",
        )
        for path in (PROJECT_DIR / folder).rglob("*")
        if path.is_file()
        and path.suffix in (".py", ".sh", ".yml", ".yaml", ".sql", "")
        and path != Path(__file__).resolve()
    ) + (PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8")
    text = _readme()
    names = set(re.findall(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", text))
    dbt_names = {"DBT_PROFILES_DIR", "DBT_TARGET_PATH"}  # read by dbt itself
    examples = set(re.findall(r"env_var\('([A-Z0-9_]+)'", text))  # an example profile's own
    unknown = sorted(name for name in names - dbt_names - examples if name not in known)
    assert not unknown, f"placeholders or names nothing in the tree uses: {unknown}"


def _manifest_counts() -> dict[str, int]:
    path = PROJECT_DIR / os.environ.get("DBT_TARGET_PATH", "target") / "manifest.json"
    if not path.exists():
        pytest.skip("needs target/manifest.json (dbt parse, as the test command's lint phase)")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    nodes = list(manifest["nodes"].values())
    kinds = {kind: sum(n["resource_type"] == kind for n in nodes) for kind in ("model", "seed")}
    counts = {
        "marts": sum(
            n["resource_type"] == "model" and n["schema"].endswith("marts") for n in nodes
        ),
        "models": kinds["model"],
        "seeds": kinds["seed"],
        "data tests": sum(n["resource_type"] == "test" for n in nodes),
        "unit tests": len(manifest.get("unit_tests", {})),
        "sources": len(manifest["sources"]),
    }
    counts["dbt nodes"] = kinds["model"] + kinds["seed"] + counts["data tests"]
    counts["dbt nodes"] += counts["unit tests"]
    assert counts["marts"] > 0, "the manifest has no marts"
    return counts


def test_the_readme_counts_of_dbt_nodes_are_the_projects():
    """A count of marts, models, tests, seeds, sources or nodes the README states in its text is
    the project's (measured output in code blocks keeps the counts of when it was measured)."""
    counts = _manifest_counts()
    text = re.sub(r"(?ms)^\s*```.*?^\s*```", "", _readme())
    claims = re.findall(
        r"\b(\d[\d,]*) (marts|models|seeds|sources|data tests|unit tests|dbt nodes)\b", text
    )
    wrong = [
        f"{number} {noun}: the project has {counts[noun]}"
        for number, noun in claims
        if int(number.replace(",", "")) != counts[noun]
    ]
    assert not wrong, "\n".join(wrong)
