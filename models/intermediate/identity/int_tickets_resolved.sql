{#- The support tickets and complaints (stg_crm__tickets) under the resolved customer and contact keys. -#}
{{ kundenstamm.with_customer_key('stg_crm__tickets', ['ticket_id', 'account_id', 'contact_id', 'ticket_type', 'ticket_category', 'severity', 'opened_at', 'closed_at']) }}
