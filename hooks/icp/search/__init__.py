"""The finder's search index, written at build time in MiniSearch's serialised form: ``terms`` (how
a text becomes terms, in Python and, by the rules it ships, in the browser), ``text`` (what of a
case is searched), ``budget`` (which body terms each case keeps), ``minisearch`` (the documents and
MiniSearch's serialiser), ``shards`` (the index script and its parts, loaded on demand)."""
