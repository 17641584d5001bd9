{{ kundenstamm.quarantine_records('base_crm__accounts', 'crm_accounts', 'account_id') }}
