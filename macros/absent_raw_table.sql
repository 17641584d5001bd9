{#- The statements that make `relation` (schema.identifier) an empty table with the contract's
    `columns` as text, marked as not delivered, for a raw file that is not in the raw folder
    (`register_raw_files`; `raw_table_absent` reads the mark). -#}
{% macro absent_raw_table(relation, columns) -%}
    {{ return(adapter.dispatch('absent_raw_table', 'kundenstamm')(relation, columns)) }}
{%- endmacro %}

{% macro default__absent_raw_table(relation, columns) -%}
    {{ return([
        'create table ' ~ relation ~ ' (' ~ columns | join(' varchar, ') ~ ' varchar)',
        'comment on table ' ~ relation ~ " is 'kundenstamm: not delivered'",
    ]) }}
{%- endmacro %}

{% macro spark__absent_raw_table(relation, columns) -%}
    {{ return([
        'create table ' ~ relation ~ ' (' ~ columns | join(' string, ') ~ ' string) using parquet '
        ~ "tblproperties ('kundenstamm.delivered' = 'false')",
    ]) }}
{%- endmacro %}
