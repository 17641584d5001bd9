with customers as (
    select * from {{ ref('int_customers_purchases_aggregated') }}
),

segments as (
    select * from {{ ref('rfm_segments') }}
),

raw_values as (
    select
        account_id,
        days_since_last_purchase as recency_days,
        rfm_window_purchases as frequency,
        rfm_window_revenue_eur as monetary_eur
    from customers
),

scored as (
    select
        account_id,
        recency_days,
        frequency,
        monetary_eur,
        {{ kundenstamm.tie_safe_score('recency_days', kundenstamm.rfm_bins(), higher_is_better=false) }} as r_score,
        -- customers without a purchase in the window score F = M = 1; the others are ranked
        -- among themselves, so a recent one-time buyer can score F = 1 ("New") instead of being
        -- lifted by the mass of customers with nothing in the window
        case
            when frequency > 0
                then {{ kundenstamm.tie_safe_score('frequency', kundenstamm.rfm_bins(), partition_by='frequency > 0') }}
            else 1
        end as f_score,
        case
            when frequency > 0
                then {{ kundenstamm.tie_safe_score('monetary_eur', kundenstamm.rfm_bins(), partition_by='frequency > 0') }}
            else 1
        end as m_score
    from raw_values
),

combined as (
    select
        *,
        -- average of F and M, rounded half up: (4 + 5) / 2 = 4.5 -> 5
        cast(floor((f_score + m_score + 1) / 2) as {{ dbt.type_int() }}) as fm_score,
        r_score + f_score + m_score as rfm_total,
        concat(cast(r_score as {{ dbt.type_string() }}), cast(f_score as {{ dbt.type_string() }}), cast(m_score as {{ dbt.type_string() }})) as rfm_code
    from scored
),

matched as (
    select
        combined.*,
        segments.segment as rfm_segment,
        segments.recommended_action_en,
        segments.recommended_action_de,
        row_number() over (partition by combined.account_id order by segments.priority) as match_rank
    from combined
    -- the map is written in levels 1..5; any other number of bins reads it through the level
    -- that holds the middle of each score's bin
    left join segments
        on {{ kundenstamm.rfm_segment_level('combined.r_score') }} between segments.r_min and segments.r_max
        and {{ kundenstamm.rfm_segment_level('combined.fm_score') }} between segments.fm_min and segments.fm_max
),

final as (
    select
        account_id,
        recency_days,
        frequency,
        monetary_eur,
        r_score,
        f_score,
        m_score,
        fm_score,
        rfm_total,
        rfm_code,
        rfm_segment,
        recommended_action_en,
        recommended_action_de,
        {{ kundenstamm.as_of_date() }} as as_of_date
    from matched
    where match_rank = 1
)

select * from final
