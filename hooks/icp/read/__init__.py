"""Reading a case file and the project's rules: front matter, characters, the folder's inventory, the vocabulary, the schema."""
