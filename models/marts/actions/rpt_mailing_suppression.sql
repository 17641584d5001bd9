{#- The suppression list for costly mailings (DOMAIN.md: inactive C customers are dropped from
    them): every customer of ABC sub-class 'inactive' (a C customer without a purchase within
    active_window_days, fct_abc_classes via dim_customers), with its owner and when it last bought. -#}
with inactive_c as (
    select * from {{ ref('dim_customers') }}
    where abc_subclass = 'inactive'
),

final as (
    select
        account_id,
        account_name,
        account_owner,
        lifecycle_stage,
        last_purchase_date,
        days_since_last_purchase,
        lifetime_revenue_eur,
        'inactive_c' as reason_code
    from inactive_c
)

select * from final
