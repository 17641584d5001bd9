{#- The industry a customer is counted under: the CRM industry of a company, `private` for a
    private customer (dim_customers.industry_segment; the persona features). -#}
{% macro industry_segment(account_type, industry) -%}
    case when {{ account_type }} = 'private' then 'private' else {{ industry }} end
{%- endmacro %}
