"""A case's Markdown body: what it may cost, how it becomes HTML, what the sanitiser keeps."""
