{#- The customer fact table BI tools read: one row per account known at the as-of date, with its
    CRM attributes and the current value of every score. -#}
with accounts as (
    select * from {{ ref('int_accounts_resolved') }}
    where cast(created_at as date) <= {{ kundenstamm.as_of_date() }}
        or account_id in (select account_id from {{ ref('int_customers_purchases_aggregated') }})
),

purchases as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

rfm as (
    select * from {{ ref('fct_rfm_scores') }}
),

abc as (
    select * from {{ ref('fct_abc_classes') }}
),

lifecycle as (
    select * from {{ ref('fct_lifecycle_stages') }}
),

latest_nps as (
    select
        account_id,
        nps_score,
        nps_class,
        cast(responded_at as date) as responded_date
    from {{ ref('int_nps_responses_classified') }}
    where is_latest_answer
),

clv as (
    select * from {{ ref('fct_customer_clv') }}
),

interactions as (
    select
        account_id,
        max(interaction_date) as last_interaction_date,
        count(*) as interactions
    from {{ ref('fct_interactions') }}
    group by account_id
),

contacts as (
    select
        account_id,
        count(*) as contacts,
        max(case when may_email then 1 else 0 end) = 1 as has_emailable_contact
    from {{ ref('int_contacts_ranked') }}
    group by account_id
),

final as (
    select
        accounts.account_id,
        accounts.account_name,
        accounts.account_type,
        accounts.industry,
        -- the industry to segment by: a private customer has none, its segment is 'private'
        {{ kundenstamm.industry_segment('accounts.account_type', 'accounts.industry') }} as industry_segment,
        accounts.company_size,
        accounts.country_code,
        accounts.region,
        accounts.postal_code,
        accounts.city,
        accounts.culture_tags,
        accounts.innovation_openness,
        accounts.acquisition_channel,
        accounts.account_owner,
        accounts.created_at,
        accounts.customer_accounts as source_accounts,
        coalesce(contacts.contacts, 0) as contacts,
        coalesce(contacts.has_emailable_contact, false) as has_emailable_contact,
        purchases.first_purchase_date,
        purchases.last_purchase_date,
        purchases.days_since_last_purchase,
        coalesce(purchases.lifetime_purchases, 0) as lifetime_purchases,
        purchases.avg_days_between_purchases,
        cast(coalesce(purchases.lifetime_revenue_eur, 0) as {{ kundenstamm.money_type() }}) as lifetime_revenue_eur,
        cast(coalesce(purchases.lifetime_margin_eur, 0) as {{ kundenstamm.money_type() }}) as lifetime_margin_eur,
        interactions.last_interaction_date,
        cast({{ dbt.datediff('interactions.last_interaction_date', kundenstamm.as_of_date(), 'day') }} as {{ dbt.type_int() }}) as days_since_last_interaction,
        coalesce(interactions.interactions, 0) as interactions,
        rfm.recency_days,
        rfm.frequency,
        rfm.monetary_eur,
        rfm.r_score,
        rfm.f_score,
        rfm.m_score,
        rfm.rfm_total,
        rfm.rfm_code,
        rfm.rfm_segment,
        abc.abc_class,
        abc.abc_subclass,
        abc.abc_rank,
        abc.basis_value_eur as abc_basis_value_eur,
        lifecycle.lifecycle_stage,
        lifecycle.lifecycle_stage_de,
        lifecycle.lifecycle_task,
        lifecycle.stage_reason as lifecycle_stage_reason,
        lifecycle.stage_entered_date as lifecycle_stage_entered_date,
        latest_nps.nps_score as latest_nps_score,
        latest_nps.nps_class as latest_nps_class,
        latest_nps.responded_date as latest_nps_date,
        clv.historical_clv_eur,
        clv.formula_clv_eur,
        clv.retention_clv_eur,
        clv.predicted_clv_eur,
        clv.expected_purchases as expected_purchases_in_horizon,
        clv.p_alive,
        clv.churn_risk,
        -- ambassador potential: how strongly a promoter recommends x how much they buy (DECISIONLOG)
        case
            when latest_nps.nps_class is null or rfm.m_score is null then null
            when latest_nps.nps_class <> 'promoter' then cast(0 as double)
            else round(
                    cast(100 as double)
                    * (latest_nps.nps_score - {{ var('nps_passive_max') }}) / (10 - {{ var('nps_passive_max') }})
                    * rfm.m_score / {{ kundenstamm.rfm_bins() }}, 1
                )
        end as ambassador_score
    from accounts
    left join purchases
        on accounts.account_id = purchases.account_id
    left join rfm
        on accounts.account_id = rfm.account_id
    left join abc
        on accounts.account_id = abc.account_id
    left join lifecycle
        on accounts.account_id = lifecycle.account_id
    left join latest_nps
        on accounts.account_id = latest_nps.account_id
    left join interactions
        on accounts.account_id = interactions.account_id
    left join contacts
        on accounts.account_id = contacts.account_id
    left join clv
        on accounts.account_id = clv.account_id
)

select * from final
