{#- Role coverage of every company account at the as-of date: one row per account and contact
    role (every business role of seeds/mappings/contact_roles.csv, and any other role the
    account's contacts have): the contacts in the role, decision makers, contacts who may be
    e-mailed, contacts engaged within account_coverage_engaged_days and the last contact with
    the role (an interaction with one of its contacts). Rules in DECISIONLOG.md. -#}
with accounts as (
    select account_id
    from {{ ref('dim_customers') }}
    where account_type = 'company'
),

roles as (
    select * from {{ ref('contact_roles') }}
),

contacts as (
    select
        contacts.contact_id,
        contacts.account_id,
        coalesce(contacts.contact_role, 'unknown') as contact_role,
        contacts.is_decision_maker,
        contacts.may_email
    from {{ ref('int_contacts_ranked') }} as contacts
    inner join accounts
        on contacts.account_id = accounts.account_id
),

last_contacts as (
    select
        contact_id,
        max(interaction_date) as last_contact_date
    from {{ ref('fct_interactions') }}
    where contact_id is not null
    group by 1
),

account_roles as (
    select
        accounts.account_id,
        roles.contact_role
    from accounts
    cross join roles
    where roles.is_b2b_role
    union
    select
        account_id,
        contact_role
    from contacts
),

by_role as (
    select
        contacts.account_id,
        contacts.contact_role,
        count(*) as contacts,
        sum(case when contacts.is_decision_maker then 1 else 0 end) as decision_makers,
        sum(case when contacts.may_email then 1 else 0 end) as emailable_contacts,
        sum(
            case
                when last_contacts.last_contact_date
                    >= {{ dbt.dateadd('day', -1 * var('account_coverage_engaged_days'), kundenstamm.as_of_date()) }}
                    then 1
                else 0
            end
        ) as engaged_contacts,
        max(last_contacts.last_contact_date) as last_contact_date,
        max(case when contacts.is_decision_maker then last_contacts.last_contact_date end) as last_decision_maker_contact_date
    from contacts
    left join last_contacts
        on contacts.contact_id = last_contacts.contact_id
    group by 1, 2
),

final as (
    select
        account_roles.account_id,
        account_roles.contact_role,
        coalesce(roles.is_c_level, false) as is_c_level,
        coalesce(by_role.contacts, 0) > 0 as is_role_known,
        cast(coalesce(by_role.contacts, 0) as bigint) as contacts,
        cast(coalesce(by_role.decision_makers, 0) as bigint) as decision_makers,
        cast(coalesce(by_role.emailable_contacts, 0) as bigint) as emailable_contacts,
        cast(coalesce(by_role.engaged_contacts, 0) as bigint) as engaged_contacts,
        by_role.last_contact_date,
        cast({{ dbt.datediff('by_role.last_contact_date', kundenstamm.as_of_date(), 'day') }} as {{ dbt.type_int() }}) as days_since_last_contact,
        by_role.last_decision_maker_contact_date
    from account_roles
    left join roles
        on account_roles.contact_role = roles.contact_role
    left join by_role
        on account_roles.account_id = by_role.account_id
        and account_roles.contact_role = by_role.contact_role
)

select * from final
