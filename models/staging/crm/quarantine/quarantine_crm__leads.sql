{{ kundenstamm.quarantine_records('base_crm__leads', 'crm_leads', 'lead_id') }}
