-- depends_on: {{ ref('crm_accounts') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'account_id', 'account_name', 'account_type', 'industry', 'company_size',
            'country_code', 'region', 'postal_code', 'city', 'culture_tags',
            'innovation_openness', 'acquisition_channel', 'owner', 'created_at', 'updated_at',
        ]) }}
    from {{ source('crm', 'accounts') }}
),

checked as (
    select
        *,
        {{ kundenstamm.quarantine_reason([
            ("account_id is null", "missing_key"),
            ("has_control_characters", "invalid_text"),
            ("lower(account_type) not in ('company', 'private') or account_type is null", "invalid_account_type"),
            (kundenstamm.has_time_zone_offset('created_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('created_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('created_at'), "implausible_date"),
            (kundenstamm.has_time_zone_offset('updated_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('updated_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('updated_at'), "implausible_date"),
            (kundenstamm.is_future('created_at'), "future_date"),
        ]) }}
    from source
),

ranked as (
    select
        account_id,
        account_name,
        lower(account_type) as account_type,
        industry,
        company_size,
        upper(country_code) as country_code,
        region,
        postal_code,
        city,
        lower(culture_tags) as culture_tags,
        lower(innovation_openness) as innovation_openness,
        lower(acquisition_channel) as acquisition_channel,
        owner as account_owner,
        {{ kundenstamm.parse_text('created_at', dbt.type_timestamp()) }} as created_at,
        {{ kundenstamm.parse_text('updated_at', dbt.type_timestamp()) }} as updated_at,
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('account_id', kundenstamm.parse_text('updated_at', dbt.type_timestamp())) }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
