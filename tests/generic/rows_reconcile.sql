{#- Raw rows must reconcile: every row loaded into a raw table is either in its clean staging
    model or in its quarantine model, never silently dropped and never counted twice.
    Returns one row (the three counts) when they do not add up. -#}
{% test rows_reconcile(model, clean_model, quarantine_model) %}

with loaded as (
    select count(*) as loaded_rows from {{ model }}
),

clean as (
    select count(*) as clean_rows from {{ clean_model }}
),

quarantined as (
    select count(*) as quarantined_rows from {{ quarantine_model }}
),

final as (
    select
        loaded.loaded_rows,
        clean.clean_rows,
        quarantined.quarantined_rows
    from loaded
    cross join clean
    cross join quarantined
    where loaded.loaded_rows <> clean.clean_rows + quarantined.quarantined_rows
)

select * from final

{% endtest %}
