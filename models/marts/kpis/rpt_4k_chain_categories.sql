{#- The 4K chain's category mix: per latest NPS class and product category, how many of the
    class's customers bought the category, their share of the class, the category's share of the
    class's revenue, and both against the detractors (this class's value less the detractors'),
    so the promoter rows say what promoters bought differently. Customers = accounts with at
    least one purchase (as in rpt_4k_chain); every class has a row for every category bought by
    anyone (0 where nobody in the class bought it). Rules in DECISIONLOG.md. -#}
with customers as (
    select
        account_id,
        coalesce(latest_nps_class, 'no_answer') as nps_class
    from {{ ref('dim_customers') }}
    where lifetime_purchases > 0
),

-- lines the customer kept (a fully returned product is no purchase), net of discounts
purchase_lines as (
    select
        account_id,
        coalesce(category, 'unknown') as category,
        revenue_eur
    from {{ ref('fct_order_lines') }}
    where is_purchase
),

customer_categories as (
    select
        customers.nps_class,
        purchase_lines.account_id,
        purchase_lines.category,
        sum(purchase_lines.revenue_eur) as revenue_eur
    from purchase_lines
    inner join customers
        on purchase_lines.account_id = customers.account_id
    group by customers.nps_class, purchase_lines.account_id, purchase_lines.category
),

classes as (
    select
        nps_class,
        count(*) as class_customers
    from customers
    group by nps_class
),

categories as (
    select distinct category
    from customer_categories
),

bought as (
    select
        nps_class,
        category,
        count(*) as buyers,
        sum(revenue_eur) as revenue_eur
    from customer_categories
    group by nps_class, category
),

class_revenue as (
    select
        nps_class,
        sum(revenue_eur) as class_revenue_eur
    from customer_categories
    group by nps_class
),

shares as (
    select
        classes.nps_class,
        categories.category,
        classes.class_customers,
        coalesce(bought.buyers, 0) as buyers,
        coalesce(bought.revenue_eur, 0) as revenue_eur,
        cast(coalesce(bought.buyers, 0) as double) / classes.class_customers as buyer_share,
        cast(100 as double) * cast(coalesce(bought.revenue_eur, 0) as double)
        / nullif(cast(class_revenue.class_revenue_eur as double), 0) as revenue_share_pct
    from classes
    cross join categories
    left join bought
        on classes.nps_class = bought.nps_class
        and categories.category = bought.category
    left join class_revenue
        on classes.nps_class = class_revenue.nps_class
),

detractors as (
    select
        category,
        buyer_share,
        revenue_share_pct
    from shares
    where nps_class = 'detractor'
),

final as (
    select
        shares.nps_class,
        shares.category,
        cast(shares.class_customers as bigint) as class_customers,
        shares.class_customers < {{ var('min_group_size') }} as is_too_small,
        cast(shares.buyers as bigint) as buyers,
        round(shares.buyer_share, 6) as buyer_share,
        cast(shares.revenue_eur as {{ kundenstamm.money_type() }}) as revenue_eur,
        round(shares.revenue_share_pct, 4) as revenue_share_pct,
        round(cast(100 as double) * (shares.buyer_share - detractors.buyer_share), 4) as buyer_share_vs_detractors_pp,
        round(shares.revenue_share_pct - detractors.revenue_share_pct, 4) as revenue_share_vs_detractors_pp
    from shares
    left join detractors
        on shares.category = detractors.category
)

select * from final
