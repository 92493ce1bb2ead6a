"""The finder's search index, written at build time in MiniSearch's serialised form."""
