"""Matching: which claims of different documents state the same fact, and how their figures
relate.  One stage per module, each a function from one frozen value to the next:

1. :mod:`.attributes` -- each claim's profile: its attribute (what the figure measures, through
   a bilingual lexicon), counted noun, row key and anchor years;
2. :mod:`.candidates` -- candidate pairs, scored with the evidence that matched them
   (:mod:`.figures` puts figures of every kind on one scale);
3. :mod:`.facts` -- candidates grouped into facts, one claim per document;
4. :mod:`.relations` -- how a fact's figures relate, and the difference as data;
5. :mod:`.findings` -- findings with severity, evidence and stable ids, in the order shown.

:func:`sourcecompare.compare.find_discrepancies` runs them in turn.
"""

from __future__ import annotations

from .attributes import AttributeLexicon, Profile, bundled_lexicon, lexicon_with, profile
from .candidates import Candidate, candidates, score_pair
from .facts import Fact, group
from .findings import findings, one_sided, ordered
from .relations import difference, relate, relation_of
from .settings import CompareSettings

__all__ = [
    "AttributeLexicon",
    "Candidate",
    "CompareSettings",
    "Fact",
    "Profile",
    "bundled_lexicon",
    "candidates",
    "difference",
    "findings",
    "group",
    "lexicon_with",
    "one_sided",
    "ordered",
    "profile",
    "relate",
    "relation_of",
    "score_pair",
]
