"""Words that point back: "the same number", "all of them were shot down", "the missile"."""

from __future__ import annotations

from ingest.extract import lexicon as lx
from ingest.extract.article.exchange import from_party
from ingest.extract.article.model import Add, Context, Fact
from ingest.extract.folded import Folded
from ingest.extract.sentence.model import ReadSentence

_ALL_INTERCEPTED = Folded(
    r"\b(?:(?:all|both)(?: of)?(?: them| which| these| those| the)?(?: (?!drones?\b|missiles?\b|uavs?\b)[\w-]+)?"
    r"(?: (?P<a>drones?|missiles?|uavs?))?"
    r"(?: and [^.,;]{1,40}?)?(?: were| was| have been| had been| are)?(?: [‘“'\"]?(?:successfully|reportedly))?"
    r" [‘“'\"]?(?:shot down|destroyed|intercepted|downed|neutrali[sz]ed)"  # "all were ‘intercepted’"
    r"|(?:shot down|destroyed|intercepted|downed|neutrali[sz]ed) (?:all|both)(?! but\b)(?: of)?(?: them| the)?"
    r"(?: (?P<b>drones?|missiles?|uavs?))?)"
)


_THE_MISSILE = Folded(r"\b(?:shot down|destroyed|intercepted|downed|neutrali[sz]ed) the missile\b")


_SAME_NUMBER = Folded(r"\b(?:the same|an equal|a similar) numbers?\b(?: of)?")


# "a missile hit a house after it was intercepted": "it" is the last single weapon
_IT_INTERCEPTED = Folded(
    r"\bit (?:was|had been|has been) (?:shot down|destroyed|intercepted|downed|neutrali[sz]ed)\b"
)


POINTING = Folded(
    r"\b(?:same|equal|similar) numbers?\b|\b(?:all|both)\b|\bthe missile\b|" + _IT_INTERCEPTED.pattern
)


def read_pointing(text: str, rs: ReadSentence, ctx: Context, out: list[Fact], add: Add) -> None:
    """Words that point back: "received the same number from Ukraine", "all of them were shot down"."""
    same = _SAME_NUMBER.search(text)
    earlier = [f for f in out if f.metric.endswith("_released")] if same else []
    before_same = same is not None and not any(m.num.start > same.start() for m in rs.mentions)
    if same and before_same and (earlier or ctx.exchange):
        after = text[same.end() :].lower()
        wanted = [
            w
            for w, key in (
                ("servicemen", "soldiers"),
                ("soldiers", "soldiers"),
                ("troops", "soldiers"),
                ("prisoners", "soldiers"),
                ("civilians", "civilians"),
            )
            if w in after[:60]
        ]
        antecedents = earlier or ctx.exchange
        if wanted:
            keys = {"soldiers" if w != "civilians" else "civilians" for w in wanted}
            antecedents = [f for f in antecedents if f.metric.split("_")[0] in keys] or antecedents
        held_by = from_party(text[same.end() :])
        for f in _unique_by_metric(antecedents):
            target = f.actor
            if held_by:
                target = lx.other_party(held_by)
            add(f.metric, None, f.value, lx.other_party(target), target, rule="pointing.same_number")
    if _ALL_INTERCEPTED.search(text) and not any(m.all_of for m in rs.mentions) and ctx.aerial:
        match = _ALL_INTERCEPTED.search(text)
        assert match is not None
        noun = (match.group("a") or match.group("b") or "").lower()
        launched = [f for f in ctx.aerial if f.metric.endswith("_launched")]
        if noun.startswith("missile"):
            launched = [f for f in launched if f.metric.startswith("missiles")]
        elif noun:
            launched = [f for f in launched if f.metric.startswith("drones")]
        if launched:
            f = launched[-1]
            metric = f.metric.replace("_launched", "_intercepted")
            add(metric, None, f.value, f.actor, f.target, weapon=f.weapon, rule="pointing.all_intercepted")
    if _IT_INTERCEPTED.search(text):
        last = [f for f in out if f.kind == "aerial_attack"] or ctx.aerial[-1:]
        one = last[-1] if last else None
        if one is not None and one.metric.endswith("_launched") and one.value == 1 and one.value_max is None:
            metric = one.metric.replace("_launched", "_intercepted")
            add(metric, None, 1, one.actor, one.target, weapon=one.weapon, rule="pointing.it_intercepted")
            return
    if _THE_MISSILE.search(text):
        single = [f for f in ctx.aerial if f.metric == "missiles_launched" and f.value == 1]
        if single:
            f = single[-1]
            add(
                "missiles_intercepted",
                None,
                1,
                f.actor,
                f.target,
                weapon=f.weapon,
                rule="pointing.the_missile",
            )


def _unique_by_metric(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for f in facts:
        seen.setdefault(f.metric, f)
    return list(seen.values())
