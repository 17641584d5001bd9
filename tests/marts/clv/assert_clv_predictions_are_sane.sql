-- Predictions are never silently missing or out of range: P(alive) in 0..1, expected purchases
-- and CLV not negative, and a missing prediction always carries a reason.
select
    account_id,
    prediction_status
from {{ ref('fct_customer_clv') }}
where (prediction_status = 'ok' and (p_alive is null or expected_purchases is null or predicted_clv_eur is null))
    or p_alive < 0 or p_alive > 1
    or expected_purchases < 0
    or predicted_clv_eur < 0
    or abs(churn_risk + p_alive - 1) > 1e-9
