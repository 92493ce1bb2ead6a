"""Intercultural City Practices: the core that reads, checks, indexes and renders the cases.

Nothing here imports MkDocs: the build hook in ``hooks/practices.py`` and the scripts in
``scripts/`` are thin callers, so the core can move to another generator unchanged. The folders are
the pipeline's stages, in order:

==============  ==========================================================================
``read/``       a case file and the project's rules: front matter, characters, the folder's
                inventory, the vocabulary, the schema
``check/``      every rule a case follows (``validate``), and how a broken one is told
                (``messages``, ``problems``); rules between cases (``cities``, ``lookalikes``),
                links and images
``body/``       a case body: its cost limits, Markdown to sanitised HTML, the allowlist
``index.py``    which cases sit under which topic, country and year; related cases
``search/``     the finder's search index, written in MiniSearch's serialised form, in parts
``render/``     pages, fragments and scripts, through one autoescaping Jinja2 environment
``publish/``    open data, feeds, the offline zip, and the swap of a finished build
``geo/``        country boundaries: the coordinate check and the SVG maps
==============  ==========================================================================

At the top: ``site`` (a checkout: where its cases and rules are), ``practice`` (a validated case),
``sitebuild`` (one build, as any generator drives it), ``scaffold`` (a new case file),
``builddate`` and ``timing``. ``generator/`` holds what exists only because the generator is MkDocs
(Python-Markdown's passes, the live-reload server's memory, the preview); ``synthetic/`` makes valid
cases at scale for the benchmark and tests.
"""
