{#- Contact coverage of every company account at the as-of date: how many roles are known,
    whether a decision maker and the C-level (contact_roles seed) are known, how many contacts
    may be e-mailed, the days since the last contact with the account, its decision makers and
    its C-level, and whether the relationship hangs on one person (single-threaded: exactly one
    contact engaged within account_coverage_engaged_days). Reads rpt_account_role_coverage.
    Rules in DECISIONLOG.md. -#}
with accounts as (
    select * from {{ ref('dim_customers') }}
    where account_type = 'company'
),

roles as (
    select * from {{ ref('rpt_account_role_coverage') }}
),

coverage as (
    select
        account_id,
        sum(contacts) as contacts,
        sum(case when is_role_known then 1 else 0 end) as roles_known,
        sum(decision_makers) as decision_makers,
        sum(case when is_c_level then contacts else 0 end) as c_level_contacts,
        sum(emailable_contacts) as emailable_contacts,
        sum(engaged_contacts) as engaged_contacts,
        max(last_decision_maker_contact_date) as last_decision_maker_contact_date,
        max(case when is_c_level then last_contact_date end) as last_c_level_contact_date
    from roles
    group by 1
),

final as (
    select
        accounts.account_id,
        accounts.account_name,
        accounts.account_owner,
        accounts.abc_class,
        accounts.lifecycle_stage,
        cast(coverage.contacts as bigint) as contacts,
        cast(coverage.roles_known as bigint) as roles_known,
        coverage.decision_makers > 0 as has_decision_maker,
        coverage.c_level_contacts > 0 as has_c_level,
        cast(coverage.emailable_contacts as bigint) as emailable_contacts,
        cast(coverage.engaged_contacts as bigint) as engaged_contacts,
        accounts.last_interaction_date as last_contact_date,
        accounts.days_since_last_interaction as days_since_last_contact,
        cast({{ dbt.datediff('coverage.last_decision_maker_contact_date', kundenstamm.as_of_date(), 'day') }} as {{ dbt.type_int() }}) as days_since_last_decision_maker_contact,
        cast({{ dbt.datediff('coverage.last_c_level_contact_date', kundenstamm.as_of_date(), 'day') }} as {{ dbt.type_int() }}) as days_since_last_c_level_contact,
        coverage.engaged_contacts = 1 as is_single_threaded,
        case
            when coverage.contacts = 0 then 'no_contacts'
            when coverage.engaged_contacts = 0 then 'not_engaged'
            when coverage.engaged_contacts = 1 then 'single_threaded'
            else 'multi_threaded'
        end as coverage_status
    from accounts
    inner join coverage
        on accounts.account_id = coverage.account_id
)

select * from final
