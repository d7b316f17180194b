"""The content model: entry files in, validated entries and positioned problems out.

The schema, safe YAML reading, validation of every file and across files, the source policy, what each fact
rests on, and the atlas's data (jurisdictions, glossary, World Factbook baseline). Imports no renderer and
nothing from `pages`, `search` or `exports`.
"""
