{#- The leads (stg_crm__leads) under the resolved customer key. -#}
{{ kundenstamm.with_customer_key('stg_crm__leads', ['lead_id', 'account_id', 'source_channel', 'created_at', 'lead_status', 'closed_at', 'lost_reason']) }}
