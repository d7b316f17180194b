"""Entries to the pages of one language: Markdown pages, their titles and kinds, the navigation, the labels of the
interface in each language, and the sanitising of generated HTML. Independent of the renderer."""
