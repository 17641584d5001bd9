{#- The 4K chain's category mix: per latest NPS class and product category, how many of the
    class's customers bought the category, their share of the class, the category's share of the
    class's revenue, and both against the detractors (this class's value less the detractors'),
    so the promoter rows say what promoters bought differently. Customers = the chain's
    (chain_customers); a class's customers and is_too_small are rpt_4k_chain's for all ABC
    classes. Every class has a row for every category bought by anyone (0 where nobody in the
    class bought it). Rules in DECISIONLOG.md. -#}
with customers as (
    {{ kundenstamm.chain_customers() }}
),

-- the class's customers and its small-group flag are the chain's (all ABC classes)
classes as (
    select
        nps_class,
        customers as class_customers,
        is_too_small
    from {{ ref('rpt_4k_chain') }}
    where abc_class = 'all'
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
        classes.is_too_small,
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
        shares.class_customers,
        shares.is_too_small,
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
