{#- A lookup of a base model (see `base_model`): the import CTE `name` holds the `key` column of
    `relation`; a raw row matches when `match` (default `source.<key>`) equals it. A check then
    says `<name>.<key> is null` for a value that is not found. -#}
{% macro lookup(name, relation, key, match=none) -%}
    {{ return({'name': name, 'relation': relation, 'key': key, 'match': match}) }}
{%- endmacro %}
