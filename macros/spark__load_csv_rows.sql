{#- dbt-spark's seed loader, made exact. The adapter's own macro hands the values to the session
    cursor as bindings, which pastes them into the INSERT as they are: a null becomes the text
    'None', a number goes through a float (an id "7" becomes "7.0", a cent can flip), and a quote
    breaks the SQL. Here every value is written as a Spark string literal of its exact text
    (escaped) or as `null`, and cast to the seed column's type, so a seed loads on Spark as it
    does on DuckDB (empty cells are null on both). -#}
{% macro spark__load_csv_rows(model, agate_table) %}

  {% set batch_size = get_batch_size() %}
  {% set column_override = model['config'].get('column_types', {}) %}
  {% set column_types = [] %}
  {% for col_name in agate_table.column_names %}
      {% set inferred_type = adapter.convert_type(agate_table, loop.index0) %}
      {% do column_types.append(column_override.get(col_name, inferred_type)) %}
  {% endfor %}

  {% set statements = [] %}

  {% for chunk in agate_table.rows | batch(batch_size) %}
      {% set sql %}
          insert into {{ this.render() }} values
          {% for row in chunk -%}
              ({%- for value in row -%}
                  {%- if value is none -%}
                    cast(null as {{ column_types[loop.index0] }})
                  {%- else -%}
                    cast({{ kundenstamm.spark_string_literal(value) }} as {{ column_types[loop.index0] }})
                  {%- endif -%}
                  {%- if not loop.last %},{% endif -%}
              {%- endfor -%})
              {%- if not loop.last %},{% endif %}
          {% endfor %}
      {% endset %}

      {% do adapter.add_query(sql, abridge_sql_log=True) %}

      {% if loop.index0 == 0 %}
          {% do statements.append(sql) %}
      {% endif %}
  {% endfor %}

  {{ return(statements[0]) }}
{% endmacro %}
