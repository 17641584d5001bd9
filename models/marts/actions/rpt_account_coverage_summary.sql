{#- The B2B page's coverage figures as a table: per summary type, the company accounts and their
    contacts counted from rpt_account_coverage and rpt_account_role_coverage. 'all': every company
    account; 'coverage_status': the accounts per coverage status (a status without accounts has no
    row); 'contact_role': per role, the accounts where the role is known (the account flags are
    those of these accounts) and the contacts in the role. Rules in DECISIONLOG.md. -#}
with coverage as (
    select
        account_id,
        coverage_status,
        case when abc_class in ('A', 'B') then 1 else 0 end as is_ab_account,
        case when has_decision_maker then 1 else 0 end as has_decision_maker,
        case when has_c_level then 1 else 0 end as has_c_level,
        case when emailable_contacts > 0 then 1 else 0 end as has_emailable,
        case when is_single_threaded then 1 else 0 end as is_single_threaded,
        contacts,
        emailable_contacts,
        engaged_contacts
    from {{ ref('rpt_account_coverage') }}
),

roles as (
    select * from {{ ref('rpt_account_role_coverage') }}
),

decision_makers as (
    select
        account_id,
        sum(decision_makers) as decision_makers
    from roles
    group by account_id
),

accounts as (
    select
        coverage.*,
        coalesce(decision_makers.decision_makers, 0) as decision_makers
    from coverage
    left join decision_makers
        on coverage.account_id = decision_makers.account_id
),

summary_types as (
    select 'all' as summary_type
    union all
    select 'coverage_status' as summary_type
),

-- one row per account and group: its own (all, coverage status) and, for the roles, the
-- account's flags where the role is known and the role's contacts
grouped as (
    select
        summary_types.summary_type,
        case when summary_types.summary_type = 'all' then 'all' else accounts.coverage_status end as summary_value,
        cast(null as boolean) as is_c_level,
        1 as is_counted,
        accounts.is_ab_account,
        accounts.has_decision_maker,
        accounts.has_c_level,
        accounts.has_emailable,
        accounts.is_single_threaded,
        accounts.contacts,
        accounts.decision_makers,
        accounts.emailable_contacts,
        accounts.engaged_contacts
    from accounts
    cross join summary_types
    union all
    select
        'contact_role' as summary_type,
        roles.contact_role as summary_value,
        roles.is_c_level,
        case when roles.is_role_known then 1 else 0 end as is_counted,
        case when roles.is_role_known then accounts.is_ab_account else 0 end as is_ab_account,
        case when roles.is_role_known then accounts.has_decision_maker else 0 end as has_decision_maker,
        case when roles.is_role_known then accounts.has_c_level else 0 end as has_c_level,
        case when roles.is_role_known then accounts.has_emailable else 0 end as has_emailable,
        case when roles.is_role_known then accounts.is_single_threaded else 0 end as is_single_threaded,
        roles.contacts,
        roles.decision_makers,
        roles.emailable_contacts,
        roles.engaged_contacts
    from roles
    inner join accounts
        on roles.account_id = accounts.account_id
),

final as (
    select
        summary_type,
        summary_value,
        is_c_level,
        cast(sum(is_counted) as bigint) as accounts,
        cast(sum(is_ab_account) as bigint) as ab_accounts,
        cast(sum(has_decision_maker) as bigint) as accounts_with_decision_maker,
        cast(sum(has_c_level) as bigint) as accounts_with_c_level,
        cast(sum(has_emailable) as bigint) as accounts_with_emailable,
        cast(sum(is_single_threaded) as bigint) as single_threaded_accounts,
        cast(sum(contacts) as bigint) as contacts,
        cast(sum(decision_makers) as bigint) as decision_makers,
        cast(sum(emailable_contacts) as bigint) as emailable_contacts,
        cast(sum(engaged_contacts) as bigint) as engaged_contacts
    from grouped
    group by summary_type, summary_value, is_c_level
)

select * from final
