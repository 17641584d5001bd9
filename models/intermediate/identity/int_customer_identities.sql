{#- Identity resolution: one row per account with the customer it belongs to. Accounts that
    share a key of a rule that is on (int_identity_keys; a key of one account only, of more than
    identity_max_accounts_per_key accounts or a shared role address links nothing) are one
    customer, transitively: A~B and B~C make A, B and C one customer. The customer key is the
    account id of the surviving account, the one created first (then the smallest id).

    The transitive closure is the connected components of the graph of accounts and keys,
    found by label propagation: every account starts with its survivor rank as label; each
    round takes the smallest label over the accounts of every key, then the smallest over the
    keys of every account, so a label travels one match per round. Each round is two window
    minimums over the (account, key) rows, no self join: linear in the rows, blocked on the key.
    identity_max_iterations rounds are run, and one more to check that nothing changes any more
    (`is_converged`; a data test fails otherwise). -#}
{%- set rounds = var('identity_max_iterations') %}

with accounts as (
    select
        account_id,
        created_at
    from {{ ref('stg_crm__accounts') }}
),

keys as (
    select distinct
        account_id,
        match_rule,
        match_key,
        rule_priority
    from {{ ref('int_identity_keys') }}
    where rule_priority is not null
        and not is_shared_role_address
),

sized_keys as (
    select
        *,
        count(*) over (partition by match_rule, match_key) as key_accounts
    from keys
),

shared_keys as (
    select
        account_id,
        match_rule,
        match_key,
        rule_priority
    from sized_keys
    where key_accounts between 2 and {{ var('identity_max_accounts_per_key') }}
),

-- survivor order of the accounts that match anything: earliest created first, then by id
ranked_accounts as (
    select
        account_id,
        row_number() over (order by created_at asc nulls last, account_id asc) as account_rank
    from accounts
    where account_id in (select account_id from shared_keys)
),

round_0 as (
    select
        shared_keys.account_id,
        shared_keys.match_rule,
        shared_keys.match_key,
        ranked_accounts.account_rank as label,
        ranked_accounts.account_rank as previous_label
    from shared_keys
    inner join ranked_accounts
        on shared_keys.account_id = ranked_accounts.account_id
),
{%- for round in range(1, rounds + 2) %}

    round_{{ round }}_keys as (
        select
            account_id,
            match_rule,
            match_key,
            label as previous_label,
            min(label) over (partition by match_rule, match_key) as label
        from round_{{ round - 1 }}
    ),

    round_{{ round }} as (
        select
            account_id,
            match_rule,
            match_key,
            previous_label,
            min(label) over (partition by account_id) as label
        from round_{{ round }}_keys
    ),
{%- endfor %}

-- the labels after identity_max_iterations rounds, and whether the check round changed any
labels as (
    select
        account_id,
        min(previous_label) as label,
        max(case when label <> previous_label then 1 else 0 end) = 0 as is_converged
    from round_{{ rounds + 1 }}
    group by account_id
),

-- the first rule (in the order of identity_match_rules) that links an account, and the other
-- account (the smallest id) that shares that key
key_firsts as (
    select
        *,
        min(account_id) over (partition by match_rule, match_key) as first_account_id
    from shared_keys
),

key_partners as (
    select
        account_id,
        match_rule,
        match_key,
        rule_priority,
        first_account_id,
        min(case when account_id <> first_account_id then account_id end)
            over (partition by match_rule, match_key) as second_account_id
    from key_firsts
),

best_rules as (
    select
        account_id,
        match_rule,
        case when account_id = first_account_id then second_account_id else first_account_id end as matched_account_id,
        row_number() over (partition by account_id order by rule_priority, match_key) as rule_rank
    from key_partners
),

distinct_rules as (
    select distinct
        account_id,
        match_rule,
        rule_priority
    from shared_keys
),

rule_lists as (
    select
        account_id,
        {{ dbt.listagg('match_rule', "', '", 'order by rule_priority') }} as matched_rules
    from distinct_rules
    group by account_id
),

resolved as (
    select
        accounts.account_id,
        coalesce(survivors.account_id, accounts.account_id) as customer_id,
        best_rules.match_rule as matched_rule,
        rule_lists.matched_rules,
        best_rules.matched_account_id,
        coalesce(labels.is_converged, true) as is_converged
    from accounts
    left join labels
        on accounts.account_id = labels.account_id
    left join ranked_accounts as survivors
        on labels.label = survivors.account_rank
    left join best_rules
        on accounts.account_id = best_rules.account_id
        and best_rules.rule_rank = 1
    left join rule_lists
        on accounts.account_id = rule_lists.account_id
),

final as (
    select
        account_id,
        customer_id,
        account_id = customer_id as is_survivor,
        cast(count(*) over (partition by customer_id) as {{ dbt.type_int() }}) as customer_accounts,
        matched_rule,
        matched_rules,
        matched_account_id,
        is_converged
    from resolved
)

select * from final
