"""Intercultural City Practices: the core that loads, validates, indexes and renders the cases.

Nothing here imports MkDocs: the build hook in ``hooks/practices.py`` and the scripts in
``scripts/`` are thin callers, so the core can move to another generator unchanged.
"""
