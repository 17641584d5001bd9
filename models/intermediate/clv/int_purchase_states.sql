{#- The distinct purchase states (x, t_x, T in days) of int_customer_months_state per segment:
    P(alive) is computed once per state (int_purchase_states_scored), not once per account and
    month. -#}
with accounts as (
    select
        account_id,
        {{ kundenstamm.clv_segment('account_type') }} as clv_segment
    from {{ ref('int_accounts_resolved') }}
),

states as (
    select * from {{ ref('int_customer_months_state') }}
    where purchase_days > 0
),

final as (
    select distinct
        accounts.clv_segment,
        cast(states.purchase_days as bigint) as purchase_days,
        cast(states.days_first_to_last_purchase as bigint) as recency_days,
        cast(states.days_since_first_purchase as bigint) as tenure_days
    from states
    inner join accounts
        on states.account_id = accounts.account_id
)

select * from final
