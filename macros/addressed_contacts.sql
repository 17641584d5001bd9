{#- The contact an action list addresses, one per account, from int_contacts_ranked: an e-mail
    list (`by='email'`) the first contact who may be e-mailed, decision makers first (email_rank);
    a list worked by phone or in person (`by='call'`) the first decision maker, whether or not
    they may be e-mailed (contact_rank). -#}
{% macro addressed_contacts(by) -%}
    {%- set rank_columns = {'email': 'email_rank', 'call': 'contact_rank'} -%}
    {%- if by not in rank_columns -%}
        {{ exceptions.raise_compiler_error("addressed_contacts: by must be 'email' or 'call', got '" ~ by ~ "'") }}
    {%- endif -%}
    select * from {{ ref('int_contacts_ranked') }}
    where {{ rank_columns[by] }} = 1
{%- endmacro %}
