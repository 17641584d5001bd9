{#- What an incremental run must rebuild, as plain SQL values fetched at run time.
    The watermark is the latest date the existing table was built to (a query over `this`);
    rows changed since then, less var `incremental_lookback_days` (late-arriving events), are
    found by the raw `updated_at` of orders and accounts and by the event dates of the rest. -#}

{#- The first month an incremental run of a running-state model must rebuild (every later month
    depends on it), as 'YYYY-MM-DD', or none when the whole table is to be built: a full build,
    a --full-refresh, or a change that reaches back before var lifecycle_history_start. With
    `new_accounts`, accounts new to `this` rebuild from the month they were created. -#}
{% macro incremental_start_month(watermark, new_accounts=false) -%}
    {#- referenced before the early return, so dbt records the dependency when parsing -#}
    {%- set orders = ref('base_orders__orders') -%}
    {%- set accounts = ref('stg_crm__accounts') -%}
    {%- set since = kundenstamm.incremental_since(watermark) -%}
    {%- if since is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set query -%}
        select cast(min(changed_date) as {{ dbt.type_string() }}) as start_month
        from (
            select cast({{ dbt.date_trunc('month', since) }} as date) as changed_date
            union all
            select cast({{ dbt.date_trunc('month', 'min(cast(ordered_at as date))') }} as date)
            from {{ orders }}
            where updated_at > {{ since }}
            {%- if new_accounts %}
            union all
            -- accounts delivered late: their history starts at their creation
            select cast({{ dbt.date_trunc('month', 'min(cast(created_at as date))') }} as date)
            from {{ accounts }}
            where updated_at > {{ since }}
                and account_id not in (select account_id from {{ this }})
            {%- endif %}
        ) as changes
    {%- endset -%}
    {%- set start = run_query(query).columns[0].values()[0] -%}
    {%- if start is none or start[:10] <= var('lifecycle_history_start')[:7] ~ '-01' -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(start[:10]) }}
{%- endmacro %}

{#- The order months an incremental run of an order fact must rebuild, as a SQL list of date
    literals, or none for a full build: months with an order changed (raw updated_at) since the
    watermark less the lookback, months of the watermark and after, and months with an invoice
    that was still open at the watermark (their days late grow with the as-of date). -#}
{% macro incremental_order_months(watermark) -%}
    {#- referenced before the early return, so dbt records the dependency when parsing -#}
    {%- set orders = ref('base_orders__orders') -%}
    {%- set since = kundenstamm.incremental_since(watermark) -%}
    {%- if since is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set query -%}
        select distinct cast(cast({{ dbt.date_trunc('month', 'cast(ordered_at as date)') }} as date) as {{ dbt.type_string() }}) as order_month
        from {{ orders }}
        where updated_at > {{ since }}
            or cast(ordered_at as date) > {{ since }}
            or (invoice_paid_date is null and order_status <> 'cancelled')
            or invoice_paid_date > {{ since }}
        order by 1
    {%- endset -%}
    {%- set months = run_query(query).columns[0].values() | reject('none') | list -%}
    {%- if months | length == 0 -%}
        {{ return("(cast(null as date))") }}
    {%- endif -%}
    {%- set literals = [] -%}
    {%- for month in months -%}
        {%- do literals.append("cast('" ~ month[:10] ~ "' as date)") -%}
    {%- endfor -%}
    {{ return("(" ~ literals | join(", ") ~ ")") }}
{%- endmacro %}

{#- The SQL date from which rows count as changed in an incremental run: the watermark less var
    incremental_lookback_days; none when the run is not incremental (a full build or
    --full-refresh, parsing, a unit test). -#}
{% macro incremental_since(watermark) -%}
    {%- if not execute or this is none or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(dbt.dateadd('day', -(var('incremental_lookback_days') | int), '(' ~ watermark ~ ')')) }}
{%- endmacro %}
