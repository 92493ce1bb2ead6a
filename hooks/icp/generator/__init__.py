"""What exists only because the generator is MkDocs (Python-Markdown, its live reload and preview)."""
