-- depends_on: {{ ref('crm_contacts') }}  -- the demo seed, so `dbt build` loads it first
-- depends_on: {{ ref('quarantine_reasons') }}  -- the advice of the quarantine notice (post-hook)

with source as (
    select
        {{ kundenstamm.text_columns([
            'contact_id', 'account_id', 'first_name', 'last_name', 'role', 'is_decision_maker',
            'email', 'phone', 'gift_preference', 'email_permission', 'email_permission_date',
            'created_at', 'updated_at',
        ]) }}
    from {{ source('crm', 'contacts') }}
),

accounts as (
    select account_id from {{ ref('stg_crm__accounts') }}
),

checked as (
    select
        source.*,
        {{ kundenstamm.quarantine_reason([
            ("source.contact_id is null", "missing_key"),
            ("source.has_control_characters", "invalid_text"),
            ("accounts.account_id is null", "unknown_account"),
            (kundenstamm.is_unparseable('source.email_permission_date', 'date'), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.email_permission_date'), "implausible_date"),
            (kundenstamm.has_time_zone_offset('source.created_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.created_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.created_at'), "implausible_date"),
            (kundenstamm.has_time_zone_offset('source.updated_at'), "time_zone_offset"),
            (kundenstamm.is_unparseable('source.updated_at', dbt.type_timestamp()), "unparseable_date"),
            (kundenstamm.is_before_earliest('source.updated_at'), "implausible_date"),
            (kundenstamm.is_future('source.created_at'), "future_date"),
        ]) }}
    from source
    left join accounts
        on source.account_id = accounts.account_id
),

ranked as (
    select
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
        original_values,
        row_reason,
        row_reasons,
        {{ kundenstamm.key_occurrence('contact_id', kundenstamm.parse_text('updated_at', dbt.type_timestamp())) }} as key_occurrence
    from checked
),

final as (
    select
        *,
        {{ kundenstamm.quarantine_verdict() }}
    from ranked
)

select * from final
