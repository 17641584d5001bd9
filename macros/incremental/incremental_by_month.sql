{#- The config of a model built incrementally by whole months: a run rebuilds the months its
    query returns and replaces exactly those months in the table. DuckDB deletes the rows of the
    returned months and inserts the new ones (delete+insert keyed on the month); Spark overwrites
    the returned month partitions (insert_overwrite, partitioned by the month). The schema must
    not change between runs (a changed model is rebuilt with --full-refresh; `kundenstamm build`
    does that by itself, see README "Incremental builds"). -#}
{% macro incremental_by_month(month_column) -%}
    {%- if target.type == 'spark' -%}
        {{ return({
            'materialized': 'incremental',
            'incremental_strategy': 'insert_overwrite',
            'partition_by': [month_column],
            'file_format': 'parquet',
            'on_schema_change': 'fail',
        }) }}
    {%- else -%}
        {{ return({
            'materialized': 'incremental',
            'incremental_strategy': 'delete+insert',
            'unique_key': month_column,
            'on_schema_change': 'fail',
        }) }}
    {%- endif -%}
{%- endmacro %}
