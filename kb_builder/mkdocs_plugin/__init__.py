"""The renderer: the `kb` mkdocs plugin (config, hooks), rendering one language with mkdocs, and the theme
overrides. The only package that imports mkdocs or mkdocs-material."""
