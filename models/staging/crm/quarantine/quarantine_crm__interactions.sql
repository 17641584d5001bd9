{{ kundenstamm.quarantine_records('base_crm__interactions', 'crm_interactions', 'interaction_id') }}
