{#- The columns of int_customer_months_state that an incremental run carries over from the month
    end before the first rebuilt month (besides account_id), with their type and the rule that
    makes the new value of the carried one and what happened since: `sum` (counts), `earliest`
    (the carried value wins: the first purchase) or `latest` (what happened since wins where
    there is any). One list for the state read back (lifecycle_state_before) and the sum of both
    (lifecycle_carry_over). -#}
{% macro lifecycle_carried_columns() -%}
    {{ return([
        {'name': 'first_purchase_date', 'type': 'date', 'rule': 'earliest'},
        {'name': 'last_purchase_date', 'type': 'date', 'rule': 'latest'},
        {'name': 'purchase_days', 'type': 'bigint', 'rule': 'sum'},
        {'name': 'purchases', 'type': 'bigint', 'rule': 'sum'},
        {'name': 'open_complaints', 'type': 'bigint', 'rule': 'sum'},
        {'name': 'last_cancellation_date', 'type': 'date', 'rule': 'latest'},
        {'name': 'last_interaction_date', 'type': 'date', 'rule': 'latest'},
        {'name': 'latest_nps_class', 'type': dbt.type_string(), 'rule': 'latest'},
    ]) }}
{%- endmacro %}
