"""Models computed in Python (clustering, model fits).

On DuckDB they are dbt Python models that call `run_step`. dbt-spark's `session` method cannot run
dbt Python models, so on Spark `kundenstamm build --target spark` runs the same functions as a
step between two dbt invocations: it reads the step's input table from Spark, calls the same
function and writes the result to the `python_steps` schema, where a SQL model of the same name
picks it up. Both targets therefore compute the same thing with the same code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kundenstamm.clv.warehouse import fit_parameters, p_alive_of_states, predict_customers
from kundenstamm.personas import PersonaSettings, TooFewCustomersError, fit_personas
from kundenstamm.project import StepFailedError, project_vars
from kundenstamm.spark import spark_session


@dataclass(frozen=True)
class Step:
    """One Python-computed model: the models it reads and the function that makes it from them."""

    inputs: tuple[str, ...]
    function: Callable[[dict[str, pd.DataFrame], dict], pd.DataFrame]


PERSONA_COLUMNS = {
    "account_id": "string",
    "persona_id": "int64",
    "persona_name": "string",
    "distance_to_center": "float64",
    "clusters_chosen": "int64",
    "silhouette": "float64",
}


def _personas(inputs: dict[str, pd.DataFrame], settings: dict) -> pd.DataFrame:
    try:
        assignments, fit = fit_personas(
            inputs["int_customers_persona_inputs"],
            PersonaSettings(
                min_clusters=int(settings["persona_min_clusters"]),
                max_clusters=int(settings["persona_max_clusters"]),
                seed=int(settings["persona_seed"]),
                sample_size=int(settings["persona_sample_size"]),
                silhouette_sample=int(settings["persona_silhouette_sample"]),
            ),
        )
    except TooFewCustomersError as error:
        # Too few buying customers to cluster (a small or empty load, or orders quarantined):
        # no customer gets a persona, and the build goes on.
        print(f"personas: none assigned: {error}")
        return pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in PERSONA_COLUMNS.items()})
    result = assignments.merge(
        fit[["persona_id", "clusters_chosen", "silhouette"]], on="persona_id"
    )
    result["persona_id"] = result["persona_id"].astype("int64")
    result["clusters_chosen"] = result["clusters_chosen"].astype("int64")
    return result[list(PERSONA_COLUMNS)]


def _clv_parameters(inputs: dict[str, pd.DataFrame], settings: dict) -> pd.DataFrame:
    return fit_parameters(inputs["int_customers_clv_inputs"], settings)


def _clv_predictions(inputs: dict[str, pd.DataFrame], settings: dict) -> pd.DataFrame:
    return predict_customers(
        inputs["int_customers_clv_inputs"], inputs["int_clv_parameters"], settings
    )


def _p_alive_states(inputs: dict[str, pd.DataFrame], settings: dict) -> pd.DataFrame:
    return p_alive_of_states(inputs["int_purchase_states"], inputs["int_clv_parameters"])


# In the order they must run (a step may read the output of an earlier one).
STEPS: dict[str, Step] = {
    "int_clv_parameters": Step(("int_customers_clv_inputs",), _clv_parameters),
    "int_customers_clv_predicted": Step(
        ("int_customers_clv_inputs", "int_clv_parameters"), _clv_predictions
    ),
    "int_purchase_states_scored": Step(
        ("int_purchase_states", "int_clv_parameters"), _p_alive_states
    ),
    "fct_personas": Step(("int_customers_persona_inputs",), _personas),
}
SCHEMA = "python_steps"


def run_step(name: str, inputs: dict[str, pd.DataFrame], settings: dict) -> pd.DataFrame:
    """Compute one Python model from its input tables (keyed by model name)."""
    missing = set(STEPS[name].inputs) - set(inputs)
    if missing:
        raise KeyError(f"step {name} needs the input(s) {', '.join(sorted(missing))}")
    return STEPS[name].function(inputs, settings)


def run_dbt_step(name: str, relations: dict, settings_relation=None) -> pd.DataFrame:
    """Compute one Python model inside a dbt run on DuckDB: `relations` are its inputs as the
    relations dbt.ref gives (keyed by model name; the refs stay in the model file, where dbt reads
    its lineage), `settings_relation` dbt.ref("int_settings") for a step that reads settings (its
    one row is the settings)."""
    inputs = {model: relation.df() for model, relation in relations.items()}
    settings = {} if settings_relation is None else settings_relation.df().iloc[0].to_dict()
    return run_step(name, inputs, settings)


def run_spark_steps(project_dir: Path, settings: dict, say: Callable[[str], None]) -> None:
    """Run every step on Spark: read its input from the warehouse, write python_steps.<name>."""
    session = spark_session(project_dir, "kundenstamm-python-steps")
    try:
        session.sql(f"create database if not exists {SCHEMA}")
        for name, step in STEPS.items():
            inputs = {}
            for model in step.inputs:
                table = f"{SCHEMA}.{model}" if model in STEPS else f"intermediate.{model}"
                inputs[model] = session.table(table).toPandas()
            result = run_step(name, inputs, settings)
            session.createDataFrame(result).write.mode("overwrite").saveAsTable(f"{SCHEMA}.{name}")
            say(f"python step {name}: {len(result):,} rows written to {SCHEMA}.{name}")
    finally:
        session.stop()


def run_spark_steps_in_child(project_dir: Path, overrides: str | None) -> None:
    """Run the Spark steps in a child process.

    The embedded Hive metastore (Derby) stays locked by a JVM until that JVM exits, even after the
    Spark session is stopped; the dbt run that follows could then not open it. A child process
    takes its JVM, and the lock, with it when it ends.
    """
    import subprocess
    import sys

    command = [sys.executable, "-m", "kundenstamm.python_steps", "--project-dir", str(project_dir)]
    if overrides:
        command += ["--vars", overrides]
    result = subprocess.run(command, cwd=project_dir, check=False)
    if result.returncode != 0:
        raise StepFailedError(
            f"the Python steps on Spark failed (exit code {result.returncode}); see the output above"
        )


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Run the Python steps on the Spark target.")
    parser.add_argument("--project-dir", type=Path, required=True)
    parser.add_argument("--vars", default=None)
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    run_spark_steps(args.project_dir, project_vars(args.project_dir, args.vars), say)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
