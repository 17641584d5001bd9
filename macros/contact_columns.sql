{#- The contact an action list addresses, as its columns: `contact_id`, the `extra` columns asked
    for (in their order: contact_name, contact_role, is_decision_maker, contact_phone,
    gift_preference), `contact_email` (only where the contact may be e-mailed, int_contacts_ranked)
    and `may_email` (false where the account has no contact). `relation` names the CTE of
    the contacts the list joins (addressed_contacts; left join: an account may have none). -#}
{% macro contact_columns(extra=[], relation='contacts') -%}
    {%- set known = {
        'contact_name': kundenstamm.full_name(relation ~ '.first_name', relation ~ '.last_name'),
        'contact_role': relation ~ '.contact_role',
        'is_decision_maker': relation ~ '.is_decision_maker',
        'contact_phone': relation ~ '.phone',
        'gift_preference': relation ~ '.gift_preference',
    } -%}
    {%- for name in extra if name not in known -%}
        {{ exceptions.raise_compiler_error("contact_columns: unknown column '" ~ name ~ "'; known: " ~ (known.keys() | list | join(', '))) }}
    {%- endfor -%}
    {{ relation }}.contact_id,
    {%- for name in extra %}
    {{ known[name] }} as {{ name }},
    {%- endfor %}
    {{ relation }}.contact_email,
    coalesce({{ relation }}.may_email, false) as may_email
{%- endmacro %}
