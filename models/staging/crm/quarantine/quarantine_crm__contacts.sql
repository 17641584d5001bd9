{{ kundenstamm.quarantine_records('base_crm__contacts', 'crm_contacts', 'contact_id') }}
