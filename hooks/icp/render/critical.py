"""What a page's first screen needs of the site's stylesheets: the part written into the page.

The whole of the stylesheets comes in one shared file that does not hold up the first paint
(:mod:`icp.render.styles`); until it has arrived, the page is drawn with the rules this module
picks, so they must already place and style everything the reader sees first. They are chosen by
rule, never by hand:

- the words of the page's tags (names, attributes and their values) from its start to the point
  where its article has shown :data:`TEXT_BUDGET` characters of text, more than a desktop's first
  screen holds: the header, the tabs, the sidebars (which a phone must hide), the title and what
  follows it. A rule is kept when every class, id, attribute and element its selector names is
  among them (what a script adds later is not: scripts run after the shared file is asked for);
- but not what only a reader's act brings (``:hover``, ``:focus``, ``:active``...), nor ``@media
  print``, nor a custom property (``--md-...: ...``) that no kept declaration uses, directly or
  through another one (Material defines some 15 KB of icons as custom properties).

The shared file comes after these rules and holds all of them, so once it has arrived every element
is styled exactly as by the stylesheets alone.
"""

from __future__ import annotations

import re

TEXT_BUDGET = 3000
_TAG = re.compile(r"""</?([A-Za-z][\w-]*)((?:[^>"']+|"[^"]*"|'[^']*')*)>""")
# Elements whose content is not text a reader sees (their tags still count).
_NOT_TEXT = {"script", "style", "template", "title"}
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_INTERACTIVE = re.compile(r":(?:hover|focus|focus-within|focus-visible|active)(?![\w-])")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def tag_words(html: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of the page's tags: those from its start until its ``<article>`` has shown
    :data:`TEXT_BUDGET` characters of text (the whole page when it has no article), and all of them;
    a script's, a style's, a template's or a title's content is not text."""
    article = html.find("<article")
    cut, text, previous, shown, tags = None, 0, 0, True, []
    for match in _TAG.finditer(html):
        if cut is None and article != -1 and match.start() > article and shown:
            text += len(" ".join(html[previous:match.start()].split()))
            if text > TEXT_BUDGET:
                cut = len(tags)
        tags.append(match.group(0))
        previous, shown = match.end(), match.group(1).lower() not in _NOT_TEXT
    everything = _words(tags)
    return everything if cut is None else _words(tags[:cut]), everything


def _words(tags: list[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in set(_WORD.findall(" ".join(tags))))


def write(trees, have: frozenset[str], split, *, first_screen: bool = True, properties=frozenset()) -> str:
    """The rules of ``trees`` (parsed stylesheets, :func:`icp.render.styles.parse`) the first screen
    needs, given the words ``have`` it holds; ``split`` cuts a declaration block into declarations.
    Not ``first_screen``: every rule that can apply where ``have`` is held, acts and print included.
    ``properties``: custom properties used elsewhere (by a script), always kept."""
    from icp.render.styles import Group, Rule

    def keep(tree) -> list:
        kept = []
        for item in tree:
            if isinstance(item, Rule):
                selectors = [selector for selector, needs in item.selectors
                             if needs <= have and not (first_screen and _INTERACTIVE.search(selector))]
                if selectors:
                    kept.append(("rule", ",".join(selectors), split(item.declarations)))
            elif isinstance(item, Group):
                if not (first_screen and item.prelude.lower().startswith("@media print")):
                    children = keep(item.children)
                    if children:
                        kept.append(("group", item.prelude, children))
            else:
                kept.append(item.text)
        return kept

    kept = [keep(tree) for tree in trees]
    used = _used_properties(kept, properties)

    def text(items) -> str:
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
                continue
            kind, head, body = item
            if kind == "rule":
                declarations = [d for d in body if not d.startswith("--") or d.split(":", 1)[0].strip() in used]
                if declarations:
                    out.append(head + "{" + ";".join(declarations) + "}")
            else:
                inner = text(body)
                if inner:
                    out.append(head + "{" + inner + "}")
        return "".join(out)

    return "".join(text(items) for items in kept)


def _used_properties(kept, properties) -> set[str]:
    """The custom properties the kept declarations use, and ``properties``, with those the used ones use in turn."""
    definitions: dict[str, list[str]] = {}
    references: set[str] = set(properties)

    def walk(items) -> None:
        for item in items:
            if isinstance(item, str):
                references.update(_VAR.findall(item))
                continue
            kind, _, body = item
            if kind == "rule":
                for declaration in body:
                    if declaration.startswith("--"):
                        name, _, value = declaration.partition(":")
                        definitions.setdefault(name.strip(), []).append(value)
                    else:
                        references.update(_VAR.findall(declaration))
            else:
                walk(body)

    for items in kept:
        walk(items)
    used, todo = set(), list(references)
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            for value in definitions.get(name, ()):
                todo.extend(_VAR.findall(value))
    return used
