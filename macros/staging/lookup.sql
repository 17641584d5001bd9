{#- A lookup of a base model (see `base_model`): the import CTE `name` holds the `key` column of
    `relation`; a raw row matches when `match` (default `source.<key>`) equals it. A row whose
    value is not found is quarantined with `reason` (the check `<name>.<key> is null`, which
    base_model places after the key and text checks, in the order of the lookups). -#}
{% macro lookup(name, relation, key, reason, match=none) -%}
    {{ return({'name': name, 'relation': relation, 'key': key, 'reason': reason, 'match': match}) }}
{%- endmacro %}
