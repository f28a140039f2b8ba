"""What a page shows of a claim (claims.py): its reports as quotes, who stands behind it, in which
languages and outlets, its credibility digit, and the denials and "cannot confirm"s beside it.
Quotes and links are made by the caller (views.py), so this module knows no page paths."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .claims import Claim, credibility
from .models import Article, Sentence

CREDIBILITY = {  # Admiralty information credibility, as claims.credibility assigns it
    1: "confirmed by independent claimants", 2: "probably true: independent claimants, but contested",
    3: "possibly true: one claimant", 4: "doubtful: one claimant, contested",
    5: "improbable (an analyst's judgement, never given automatically)", 6: "cannot be judged: nobody named",
}


@dataclass(frozen=True)
class ClaimBlock:
    claim: Claim
    credibility: int
    quotes: tuple[object, ...]  # views.Quote, one per report
    answers: tuple[tuple[Claim, tuple[object, ...]], ...]  # denials and "cannot confirm"s, with their quotes
    languages: tuple[str, ...]  # language names
    outlets: tuple[str, ...]  # outlet names; "unknown outlet (file)" for an article without one

    @property
    def anchor(self) -> Markup:
        """The claim's id, safe as it is: made of an article id ([a-z0-9-]) and line numbers."""
        return Markup(self.claim.anchor)

    @property
    def credibility_label(self) -> str:
        return CREDIBILITY[self.credibility]


def corroborated(claim: Claim) -> bool:
    """Worth a block of its own: reported by more than one article, or answered by a denial."""
    return claim.stance in ("confirms", "reports") and (claim.articles > 1 or bool(claim.answered_by))


def claim_blocks(claims: Sequence[Claim], by_anchor: dict[str, Claim], quote: Callable[[Article, Sentence], object],
                 language_name: Callable[[str], str]) -> list[ClaimBlock]:
    """Blocks for `claims`, most outlets first, then most reports, then by anchor."""
    blocks = []
    for claim in sorted(claims, key=lambda c: (-c.sources, -len(c.reports), c.anchor)):
        answers = tuple((answer, tuple(quote(r.article, r.sentence) for r in answer.reports))
                        for anchor in claim.answered_by if (answer := by_anchor.get(anchor)))
        outlets = sorted({r.article.outlet.name if r.article.outlet else f"unknown outlet ({r.article.source.name})"
                          for r in claim.reports})
        blocks.append(ClaimBlock(
            claim=claim, credibility=credibility(claim, by_anchor.get),
            quotes=tuple(quote(r.article, r.sentence) for r in claim.reports), answers=answers,
            languages=tuple(language_name(code) for code in claim.languages), outlets=tuple(outlets)))
    return blocks
