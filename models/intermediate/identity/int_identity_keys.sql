{#- Match evidence: one row per record and key that can tie records of one customer together
    across sources and ids - the e-mail address and the phone number of every contact, the name
    and postal code of every account. Only records created by the as-of date take part (a later
    record cannot merge customers in the past). The keys of every rule are here whether the
    rule is on or not: contacts are deduplicated on e-mail in any case. -#}
{%- set rules = kundenstamm.identity_rules() %}

with accounts as (
    select * from {{ ref('stg_crm__accounts') }}
    where created_at is null or cast(created_at as date) <= {{ kundenstamm.as_of_date() }}
),

contacts as (
    select
        contact_id,
        account_id,
        {{ kundenstamm.normalize_email('email') }} as email_key,
        phone
    from {{ ref('stg_crm__contacts') }}
    where (created_at is null or cast(created_at as date) <= {{ kundenstamm.as_of_date() }})
        and account_id in (select account_id from accounts)
),

role_local_parts as (
    select lower(local_part) as local_part from {{ ref('role_email_local_parts') }}
),

email_keys as (
    select
        'contact' as record_type,
        contacts.contact_id as record_id,
        contacts.account_id,
        'email' as match_rule,
        contacts.email_key as match_key,
        {{ 'false' if var('identity_merge_role_emails') else 'role_local_parts.local_part is not null' }} as is_shared_role_address
    from contacts
    left join role_local_parts
        on {{ kundenstamm.regexp_replace_all('contacts.email_key', '[+@].*$', '') }} = role_local_parts.local_part
    where {{ kundenstamm.is_valid_email('contacts.email_key') }}
),

phone_keys as (
    select
        'contact' as record_type,
        contact_id as record_id,
        account_id,
        'phone' as match_rule,
        phone as match_key,
        false as is_shared_role_address
    from contacts
    where length({{ kundenstamm.regexp_replace_all('phone', '[^0-9]', '') }}) >= {{ var('identity_min_phone_digits') }}
),

name_postal_code_keys as (
    select
        'account' as record_type,
        account_id as record_id,
        account_id,
        'name_postal_code' as match_rule,
        concat_ws(
            '|',
            {{ kundenstamm.normalize_name('account_name') }},
            upper(replace(postal_code, ' ', '')),
            coalesce(country_code, '')
        ) as match_key,
        false as is_shared_role_address
    from accounts
    where account_name is not null and postal_code is not null
),

all_keys as (
    select * from email_keys
    union all
    select * from phone_keys
    union all
    select * from name_postal_code_keys
),

final as (
    select distinct
        record_type,
        record_id,
        account_id,
        match_rule,
        match_key,
        is_shared_role_address,
        {%- if rules %}
            cast(case match_rule
                {%- for rule in rules %}
                    when '{{ rule }}' then {{ loop.index }}
                {%- endfor %}
            end as {{ dbt.type_int() }}) as rule_priority
        {%- else %}
            cast(null as {{ dbt.type_int() }}) as rule_priority
        {%- endif %}
    from all_keys
)

select * from final
