{#- The CRM interactions (stg_crm__interactions) under the resolved customer and contact keys. -#}
{{ kundenstamm.with_customer_key('stg_crm__interactions', ['interaction_id', 'account_id', 'contact_id', 'interaction_type', 'direction', 'interaction_at', 'outcome', 'handled_by']) }}
