{#- The cancellations (stg_crm__cancellations) under the resolved customer key. -#}
{{ kundenstamm.with_customer_key('stg_crm__cancellations', ['cancellation_id', 'account_id', 'cancelled_at', 'reason_code', 'reason_text']) }}
