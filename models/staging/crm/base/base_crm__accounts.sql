-- depends_on: {{ ref('crm_accounts') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('crm', 'accounts'),
    columns=[
        'account_id', 'account_name', 'account_type', 'industry', 'company_size',
        'country_code', 'region', 'postal_code', 'city', 'culture_tags',
        'innovation_openness', 'acquisition_channel', 'owner', 'created_at', 'updated_at',
    ],
    checks=[
        ("lower(source.account_type) not in ('company', 'private') or source.account_type is null", "invalid_account_type"),
        kundenstamm.timestamp_checks('source.created_at'),
        kundenstamm.timestamp_checks('source.updated_at'),
        (kundenstamm.is_future('source.created_at'), "future_date"),
    ],
    key='account_id',
    latest_by=kundenstamm.parse_text('updated_at', dbt.type_timestamp()),
) %}
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
{% endcall %}
