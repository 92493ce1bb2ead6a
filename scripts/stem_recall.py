"""What the finder's stems add to a word's matches, on the real cases: for each query, the cases that hold a
term it reaches as a word's start (what the finder matched before, letters-wrong matching left out),
those the other forms of the word add (hooks/icp/search/stems.py, as finder/stems.js finds them), and the
forms. A measurement for docs/benchmarks.md; nothing is written.

    .venv/bin/python scripts/stem_recall.py [query ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from icp.search import minisearch, stems  # noqa: E402
from icp.search.terms import term_counts, terms  # noqa: E402
from icp.search.text import place_names  # noqa: E402
from icp.site import Project  # noqa: E402

QUERIES = ("refugee refugees housing houses education educators school schools employment languages festival "
           "mediators mediation women children integration participation cities youth sport migrants dialogue").split()


def main(queries: list[str]) -> None:
    index = Project(ROOT).load_index()
    holders: dict[str, set[int]] = {}
    language: dict[str, set[str]] = {}
    for row, practice in enumerate(index.practices):
        document = minisearch.case_document(practice, row, place_names(practice, index.vocabulary))
        for field in minisearch.FIELDS:
            for term in term_counts(document[field])[1] if document.get(field) else ():
                holders.setdefault(term, set()).add(row)
                language.setdefault(term, set()).add(document["language"])
    by_stem: dict[tuple[str, str], set[str]] = {}
    for term, languages in language.items():
        for code in languages & stems.ALGORITHMS.keys():
            by_stem.setdefault((code, stems.stem(term, code)), set()).add(term)
    print(f"{'query':15} {'before':>6} {'after':>6}  forms that are not the query's start")
    for query in queries:
        [term] = terms(query)
        before = set().union(*(rows for other, rows in holders.items() if other.startswith(term)))
        forms = set().union(*(by_stem.get((code, stems.stem(term, code)), set()) for code in stems.ALGORITHMS))
        after = before.union(*(holders[form] for form in forms))
        print(f"{query:15} {len(before):6} {len(after):6}  {', '.join(sorted(f for f in forms if not f.startswith(term)))}")


if __name__ == "__main__":
    main(sys.argv[1:] or QUERIES)
