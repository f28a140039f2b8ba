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


# What the digit is, wherever it is shown (a tooltip): it rates the claim by who stands behind it,
# not the outlets that carry it.
CREDIBILITY_SCALE = ("Admiralty information credibility, from the claimants behind the claim (outlets relaying one "
                     "claimant count once): " + "; ".join(f"{digit} {label}" for digit, label in CREDIBILITY.items()))


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
    def aliases(self) -> tuple[Markup, ...]:
        """Its other reports' anchors (claims.Claim.aliases), which lead to it too; safe as the anchor."""
        return tuple(Markup(alias) for alias in self.claim.aliases)

    @property
    def credibility_label(self) -> str:
        return CREDIBILITY[self.credibility]


# "Several sources": at least this many independent outlets (a near-copy counts as what it copies).
SEVERAL = 2


def corroborated(claim: Claim) -> bool:
    """A claim several sources report: a block of its own under "Claims several sources report".
    A statement one outlet carries stays among the quotes, with its denials beside it there."""
    return claim.stance in ("confirms", "reports") and claim.sources >= SEVERAL


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
