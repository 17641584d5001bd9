{#- The recipe every staging base model follows, in one place. The model states only what is its
    own: the raw relation and its columns, the lookups its checks need, its checks (in priority
    order) and, in the call block, how it parses each column. Renders

        source   every raw column as trimmed text (`text_columns`), plus `original_row`
        derived  optional: columns computed on the text row before the checks (`derived`)
        <lookup> one import CTE per lookup: the keys of the table a check looks a value up in
        checked  every raw row with `row_reason`/`row_reasons` of its failing checks
        ranked   the parsed columns (the call block) with `key_occurrence` of its key and
                 `original_values`, the raw row as JSON text, for the rows to be quarantined only
        final    `quarantine_reason`/`quarantine_reasons` (`quarantine_verdict`)

    The checks every raw row gets, in priority order: `missing_key` (`key_check`, default: the
    key is null), `invalid_text` (a control character in any text), each lookup's reason when
    its value is not found (in the order of `lookups`), then the model's own `checks`. Checks
    refer to the raw row as `source.<column>` and to a lookup by its name; an entry of `checks`
    is a (condition, reason code) pair or a list of them (`timestamp_checks`, `date_checks`),
    taken in place. -#}
{% macro base_model(raw, columns, checks, key, lookups=[], latest_by=none, derived=[], key_check=none) -%}
{#- the advice of the quarantine notice (post-hook) -#}
{%- set _ = ref('quarantine_reasons') -%}
{%- set key_occurrence = kundenstamm.key_occurrence(key, columns, latest_by) -%}
{%- set flat_checks = [
    (key_check or 'source.' ~ key ~ ' is null', 'missing_key'),
    ('source.has_control_characters', 'invalid_text'),
] -%}
{%- for lookup in lookups -%}
    {%- do flat_checks.append((lookup.name ~ '.' ~ lookup.key ~ ' is null', lookup.reason)) -%}
{%- endfor -%}
{%- for check in checks -%}
    {%- if check[0] is string -%}
        {%- do flat_checks.append(check) -%}
    {%- else -%}
        {%- do flat_checks.extend(check) -%}
    {%- endif -%}
{%- endfor -%}
with source as (
    select
        {{ kundenstamm.text_columns(columns) }}
    from {{ raw }}
),
{%- if derived %}

derived as (
    select
        *,
        {%- for expression, name in derived %}
        {{ expression }} as {{ name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from source
),
{%- endif %}
{%- for lookup in lookups %}

{{ lookup.name }} as (
    select {{ lookup.key }} from {{ lookup.relation }}
),
{%- endfor %}

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason(flat_checks) }}
    from {{ 'derived as source' if derived else 'source' }}
    {%- for lookup in lookups %}
    left join {{ lookup.name }}
        on {{ lookup.match or 'source.' ~ lookup.key }} = {{ lookup.name }}.{{ lookup.key }}
    {%- endfor %}
),

ranked as (
    select
        {{ caller() | trim }}
        case
            when row_reason is not null or {{ key_occurrence }} > 1
                then {{ kundenstamm.row_to_json('original_row') }}
        end as original_values,
        row_reason,
        row_reasons,
        {{ key_occurrence }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
{%- endmacro %}
