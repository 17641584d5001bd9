{#- The identity match rules that are on (var `identity_match_rules`), validated: a list of
    distinct rule names out of email, phone and name_postal_code, in the order in which a
    record's `matched_rule` is reported. -#}
{% macro identity_rules() -%}
    {%- set known = ['email', 'phone', 'name_postal_code'] -%}
    {%- set rules = var('identity_match_rules') -%}
    {%- if rules is string or rules is mapping or rules is not iterable -%}
        {{ exceptions.raise_compiler_error("var identity_match_rules must be a list of rules out of " ~ known | join(', ') ~ ", got '" ~ rules ~ "'") }}
    {%- endif -%}
    {%- for rule in rules -%}
        {%- if rule not in known -%}
            {{ exceptions.raise_compiler_error("var identity_match_rules: unknown rule '" ~ rule ~ "'; use any of " ~ known | join(', ')) }}
        {%- endif -%}
    {%- endfor -%}
    {%- if rules | unique | list | length != rules | length -%}
        {{ exceptions.raise_compiler_error("var identity_match_rules lists a rule twice: " ~ rules | join(', ')) }}
    {%- endif -%}
    {%- for name in ['identity_email_plus_addressing', 'identity_merge_role_emails'] -%}
        {%- if var(name) is not boolean -%}
            {{ exceptions.raise_compiler_error("var " ~ name ~ " must be true or false, got '" ~ var(name) ~ "'") }}
        {%- endif -%}
    {%- endfor -%}
    {%- for name in ['identity_min_phone_digits', 'identity_max_accounts_per_key', 'identity_max_iterations'] -%}
        {%- if var(name) is not number or var(name) is not integer or var(name) < 1 -%}
            {{ exceptions.raise_compiler_error("var " ~ name ~ " must be a whole number of at least 1, got '" ~ var(name) ~ "'") }}
        {%- endif -%}
    {%- endfor -%}
    {%- if var('identity_max_accounts_per_key') < 2 -%}
        {{ exceptions.raise_compiler_error("var identity_max_accounts_per_key must be at least 2 (a key of one account matches nothing), got '" ~ var('identity_max_accounts_per_key') ~ "'") }}
    {%- endif -%}
    {{- return(rules | list) -}}
{%- endmacro %}
