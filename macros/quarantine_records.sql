{#- The body of a quarantine model: the rows of a base model that failed validation, with the
    reason codes and the original raw values. Every quarantine model has the same columns so
    they can be stacked into one data-quality report. -#}
{% macro quarantine_records(base_model, source_table, key_column) -%}
with validated as (
    select * from {{ ref(base_model) }}
),

final as (
    select
        '{{ source_table }}' as source_table,
        cast({{ key_column }} as {{ dbt.type_string() }}) as record_key,
        cast(key_occurrence as {{ dbt.type_bigint() }}) as key_occurrence,
        quarantine_reason,
        quarantine_reasons,
        original_values
    from validated
    where quarantine_reason is not null
)

select * from final
{%- endmacro %}
