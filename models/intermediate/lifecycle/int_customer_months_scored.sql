{#- The running state of every account at every month end (int_customer_months_state) with the
    measures read off each row (days since the latest purchase and interaction, own purchase
    rhythm, cancelled, active) and P(alive): the probability that the customer is still active
    given their purchases so far, from the purchase model selected for their segment
    (int_purchase_states_scored: BG/NBD or Pareto/NBD, full fit up to the as-of date, converged
    fits only; computed in Python with the same function as the CLV predictions, once per
    distinct purchase state). The fit changes with every as-of date, so this is a view over every
    month, recomputed each run; the row-wise measures cost no window and no sort. -#}
with states as (
    select
        state.*,
        {{ kundenstamm.clv_segment('accounts.account_type') }} as clv_segment,
        cast({{ dbt.datediff('state.last_purchase_date', 'state.snapshot_date', 'day') }} as {{ dbt.type_int() }}) as days_since_last_purchase,
        cast({{ dbt.datediff('state.last_interaction_date', 'state.snapshot_date', 'day') }} as {{ dbt.type_int() }}) as days_since_last_interaction,
        case
            when state.purchase_days > 1
                then cast(state.days_first_to_last_purchase as double) / (state.purchase_days - 1)
        end as avg_days_between_purchases,
        state.last_cancellation_date is not null
        and (state.last_purchase_date is null or state.last_cancellation_date >= state.last_purchase_date) as is_cancelled
    from {{ ref('int_customer_months_state') }} as state
    inner join {{ ref('int_accounts_resolved') }} as accounts
        on state.account_id = accounts.account_id
),

scored as (
    select * from {{ ref('int_purchase_states_scored') }}
),

final as (
    select
        states.*,
        states.days_since_last_purchase <= {{ var('active_window_days') }} as is_active_customer,
        scored.p_alive
    from states
    left join scored
        on states.clv_segment = scored.clv_segment
        and states.purchase_days = scored.purchase_days
        and states.days_first_to_last_purchase = scored.recency_days
        and states.days_since_first_purchase = scored.tenure_days
)

select * from final
