{#- The NPS invitations (stg_survey__nps_invitations) under the resolved customer and contact keys. -#}
{{ kundenstamm.with_customer_key('stg_survey__nps_invitations', ['invitation_id', 'account_id', 'contact_id', 'invited_at', 'survey_wave']) }}
