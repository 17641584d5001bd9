-- depends_on: {{ ref('crm_contacts') }}  -- the demo seed, so `dbt build` loads it first

-- the staging recipe (text columns, checks, lookups, quarantine verdict): macro base_model
{% call kundenstamm.base_model(
    raw=source('crm', 'contacts'),
    columns=[
        'contact_id', 'account_id', 'first_name', 'last_name', 'role', 'is_decision_maker',
        'email', 'phone', 'gift_preference', 'email_permission', 'email_permission_date',
        'created_at', 'updated_at',
    ],
    lookups=[kundenstamm.lookup('accounts', ref('stg_crm__accounts'), 'account_id', 'unknown_account')],
    checks=[
        kundenstamm.date_checks('source.email_permission_date'),
        kundenstamm.timestamp_checks('source.created_at'),
        kundenstamm.timestamp_checks('source.updated_at'),
        (kundenstamm.is_future('source.created_at'), "future_date"),
    ],
    key='contact_id',
    latest_by=kundenstamm.parse_text('updated_at', dbt.type_timestamp()),
) %}
        contact_id,
        account_id,
        first_name,
        last_name,
        lower(role) as contact_role,
        coalesce({{ kundenstamm.parse_text('lower(is_decision_maker)', dbt.type_boolean()) }}, false) as is_decision_maker,
        lower(email) as email,
        case when lower(email) is not null then {{ kundenstamm.is_valid_email('lower(email)') }} else false end as has_valid_email,
        {{ kundenstamm.normalize_phone('phone') }} as phone,
        coalesce(lower(gift_preference), 'none') as gift_preference,
        coalesce({{ kundenstamm.parse_text('lower(email_permission)', dbt.type_boolean()) }}, false) as has_email_permission,
        {{ kundenstamm.parse_text('email_permission_date', 'date') }} as email_permission_date,
        {{ kundenstamm.parse_text('created_at', dbt.type_timestamp()) }} as created_at,
        {{ kundenstamm.parse_text('updated_at', dbt.type_timestamp()) }} as updated_at,
{% endcall %}
