"""One sentence read for counts: each number with the noun it counts and the verb that governs it.

`read_sentence` is the sentence-level half of extraction: it knows nothing about the article
around it (dates, sources, earlier sentences); `extract` adds that.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ingest.extract import lexicon as lx
from ingest.extract.dates import date_spans
from ingest.extract.numbers import NUMBER_WORDS, Num, find_numbers
from ingest.extract.text import Token, tokenize, words

_CLAUSE_BREAKS = frozenset([";", ":", "—", "–", "but", "while", "whereas", "(", ")", "“", "”", '"'])
_NP_STOPS = frozenset(
    words(
        "were was is are have has had been be will would could of in on at over by from to for with "
        "into across during near since after before while who which that and or but as than per "
        "among including when where if out while"
    )
)
# "destroyed the missile and 30 of the drones": a first object between the verb and the number
_LEFT_OBJECT = frozenset(words("and missile missiles both"))
_CONDITION_WORDS = frozenset(words("wounded injured ill sick seriously severely badly gravely"))
_KILL_VERBS = frozenset(
    words("killed killing kills injured injuring injures wounded wounding wounds hurt hurting")
)
_ANAPHORS = frozenset(["them", "those", "these", "which", "whom"])
_ATTACK_NOUNS = frozenset(
    words(
        "attack attacks attacked attacking barrage assault raid strike strikes struck wave salvo "
        "launched fired launches targeted"
    )
)
_ALERT_WORDS = frozenset(words("alert alerts siren sirens warning warnings shelter shelters"))
_SUPERLATIVE = frozenset(
    ["largest", "biggest", "first", "most", "heaviest", "deadliest", "worst", "highest", "record"]
)
# War-long or period totals; "the largest swap since the war began" is not one (a superlative before).
_CUMULATIVE = re.compile(
    r"\b(?:"
    r"since the start|since the beginning|since the war|since the full\-scale|"
    r"since the invasion|since its invasion|since russia's|since russia’s|"
    r"since moscow's|since february|over the course of|throughout the war|"
    r"during the war|in the war so far|so far this year|this year|to date|"
    r"over the past|since the outbreak|since the conflict|since 2014|since 2022|"
    r"since 2023|since 2024|in all of|this month|last year|in total since|war so far|"
    r"of the war so far|are held|being held|remain in captivity|this week|past week|per week|"
    r"every week|in a week|weekly|a day on average|on average|"
    r"(?:in|during|throughout|for) (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)(?: alone)?(?! \d)"
    r")\b",
    re.IGNORECASE,
)
_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:largest|biggest|first|most|heaviest|deadliest|worst|highest|record)\b", re.I
)


@dataclass(slots=True)
class Mention:
    """A number and the noun phrase it heads."""

    num: Num
    cls: str | None  # lexicon class of the counted noun; None for a bare number ("63 were shot down")
    head_end: int  # token index after the noun phrase
    nationality: str | None = None
    weapon: str | None = None
    anaphoric: bool = False  # "150 of those drones", "63 of them", "of which 63"
    all_of: bool = False  # "all 12 were shot down"
    each_way: bool = False  # "390 each", "1,000 from each side", "1,000-for-1,000"
    whole_of: Mention | None = None  # in "40 out of 47 drones", 47 for the 40
    is_whole: bool = False  # the 47 in "40 out of 47 drones"
    included: bool = False  # "including two children": a part, not a fact
    grouped: bool = False  # one of a list: "175 drones and a ballistic missile"
    trigger: str | None = None
    trigger_at: int = -1  # token index of the trigger
    future: bool = False  # "agreed to exchange", "expected to be swapped"
    clause: int = 0
    places: list[int] = field(default_factory=list)


@dataclass(slots=True)
class ReadSentence:
    text: str
    tokens: list[Token]
    mentions: list[Mention]
    triggers: list[tuple[int, int, str]]  # (first token, one past last, kind)
    clause_of: list[int]  # clause number of each token


# A sentence can hold a count only if it has a number (digits, a number word, "a dozen", a pointing
# "all of them" / "the same number", or "a"/"an" before a weapon) and a word that says what was
# counted or what happened to it. Both are single regex scans, so most sentences cost next to nothing.
_NUMBERISH = re.compile(
    r"[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|same numbers?|equal number|both|all)\b"
    r"|\ban? (?:\w+ )?(?:missile|drone|shahed|kalibr|iskander|kinzhal)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+(?:-[a-z0-9]+)*")
# every word that names what is counted or what happened to it (the lexicon's nouns and verbs)
_SUBJECT_WORDS = frozenset(
    {w for w, cls in lx.HEADS.items() if cls != lx.OTHER}
    | {phrase[0] for phrase in lx.TRIGGERS}
    | set(lx.WEAPONS)
    | {"toll", "each", "same"}
)


def has_signal(sentence: str) -> bool:
    """Cheap prefilter: a sentence with no number, or nothing counted, holds no fact."""
    if _NUMBERISH.search(sentence) is None:
        return False
    return not _SUBJECT_WORDS.isdisjoint(_WORD.findall(sentence.lower()))


def read_sentence(sentence: str) -> ReadSentence:
    tokens = tokenize(sentence)
    masked = date_spans(sentence)
    nums = [n for n in find_numbers(tokens) if not any(a <= n.start < b for a, b in masked)]
    triggers = _find_triggers(tokens)
    clause_of = _clauses(tokens)
    mentions: list[Mention] = []
    for n in nums:
        m = _noun_phrase(tokens, n)
        if m is None:
            continue
        m.clause = clause_of[n.i]
        mentions.append(m)
    _link_partitives(tokens, mentions)
    for m in mentions:
        _assign_trigger(tokens, m, triggers, clause_of, mentions)
    _share_triggers_in_lists(tokens, mentions)
    return ReadSentence(sentence, tokens, mentions, triggers, clause_of)


def _clauses(tokens: list[Token]) -> list[int]:
    out, c = [], 0
    for t in tokens:
        if t.low in _CLAUSE_BREAKS:
            c += 1
        out.append(c)
    return out


def _find_triggers(tokens: list[Token]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    k = 0
    lows = [t.low for t in tokens]
    while k < len(tokens):
        for phrase in lx.TRIGGER_FIRST.get(lows[k], ()):
            if tuple(lows[k : k + len(phrase)]) == phrase:
                found.append((k, k + len(phrase), lx.TRIGGERS[phrase]))
                k += len(phrase) - 1
                break
        k += 1
    return found


def _noun_phrase(tokens: list[Token], n: Num) -> Mention | None:
    """The counted noun after a number, its nationality and weapon subtype; None for numbers that
    are not counts (ages, durations, distances, money, years, times)."""
    low = [t.low for t in tokens]
    prev = low[n.q - 1] if n.q > 0 else ""
    if prev in ("$", "€", "£", "no", "#", "number", "aged", "age", "article", "resolution", "page", "flight"):
        return None
    if n.i + 1 < len(tokens) and tokens[n.i + 1].text == ":" and tokens[n.i].end == tokens[n.i + 1].start:
        return None  # 11:34
    if n.value_max is None and not n.article and 1900 <= n.value <= 2100 and "," not in tokens[n.i].text:
        after = low[n.j] if n.j < len(low) else ""
        if lx.head_class(after) not in (lx.DRONE, lx.MISSILE, lx.PERSON, lx.SOLDIER, lx.CIVILIAN):
            return None  # a year
    # "Svitlana Kuskova, 49, held ...": an age
    if prev == "," and n.j < len(low) and low[n.j] == "," and n.q >= 2 and tokens[n.q - 2].text[:1].isupper():
        return None
    if n.compound is not None:
        cls = lx.head_class(n.compound)
        if cls in (lx.DRONE, lx.MISSILE):
            return Mention(n, cls, n.j + 2)
        return None  # 40-year-old, 1,000-kilometre, 3-day
    if (
        n.j < len(tokens)
        and tokens[n.j].low in ("st", "nd", "rd", "th")
        and tokens[n.j].start == tokens[n.j - 1].end
    ):
        return None  # ordinal
    if n.value == 1 and n.j < len(low) and low[n.j] == "of" and not n.article:
        return None  # "one of the missiles": a pronoun, not a count
    m = Mention(n, None, n.j, each_way=n.each_way)
    if n.q > 0 and low[n.q - 1] == "all":
        m.all_of = True
    if n.q > 0 and low[n.q - 1] in lx.EACH_WAY_WORDS:  # "each 390 people"
        m.each_way = True
    if (n.q > 0 and low[n.q - 1] in ("including", "includes", "include")) or (
        n.q > 1 and (low[n.q - 2], low[n.q - 1]) in (("among", "them"), ("of", "whom"), ("among", "whom"))
    ):
        m.included = True
    if n.q > 1 and low[n.q - 2] == "of" and low[n.q - 1] == "which":
        m.anaphoric = True
    if n.q == 2 and low[0] == "of" and low[1] == "the":
        m.is_whole = True  # "Of the 80 drones, 52 were shot down": the 80 were launched
    k = n.j
    modifiers = 0
    weapon_words: list[str] = []
    while k < len(tokens) and modifiers < 5:
        w = low[k]
        if w[0] in "0123456789" and low[k + 1 : k + 3] == ["-", "year-old"]:
            k += 3  # "a 67-year-old man": an age inside the noun phrase
            continue
        if w in _CONDITION_WORDS and any(
            lx.head_class(x) in (lx.PERSON, lx.SOLDIER, lx.CIVILIAN) for x in low[k + 1 : k + 4]
        ):
            k += 1  # "12 seriously wounded prisoners of war": how they are, not what happened
            modifiers += 1
            continue
        if w == "of" and k + 1 < len(tokens) and low[k + 1] in _ANAPHORS:
            m.anaphoric = True
            k += 2
            continue
        if w == "of" and k + 1 < len(tokens) and low[k + 1] == "the" and not m.anaphoric:
            k += 2  # "61 of the 98 drones", "12 of the missiles"
            modifiers += 1
            if k < len(tokens) and lx.head_class(low[k]) in (lx.DRONE, lx.MISSILE):
                m.anaphoric = True  # "59 of the drones": those just mentioned
            continue
        if w in ("out", "of") and m.whole_of is None:
            break
        if w in lx.EACH_WAY_WORDS or (
            w == "from" and low[k + 1 : k + 3] in (["each", "side"], ["both", "sides"])
        ):
            m.each_way = True
            k += 1 if w != "from" else 3
            continue
        if w in ("per",) and k + 1 < len(tokens) and low[k + 1] == "side":
            m.each_way = True
            k += 2
            continue
        if w in ("unmanned", "aerial") and k + 1 < len(tokens):
            k += 1
            continue
        if w == "vehicles" and k > 0 and low[k - 1] == "aerial":
            m.cls = lx.DRONE
            k += 1
            break
        if w == "prisoners" and low[k + 1 : k + 3] == ["of", "war"]:
            m.cls = lx.PERSON
            k += 3
            break
        if w == "service" and k + 1 < len(tokens) and low[k + 1] in ("members", "personnel"):
            m.cls = lx.SOLDIER
            k += 2
            break
        cls = lx.head_class(w)
        if (
            w in lx.NATIONALITY
            and lx.NATIONALITY[w]
            and (
                (k + 1 < len(tokens) and lx.head_class(low[k + 1]) is not None)
                or w in ("ukrainians", "russians")
            )
        ):
            m.nationality = lx.NATIONALITY[w]
        if w in lx.WEAPONS or w in lx.MISSILE_CLASSES:
            weapon_words.append(w)
        nxt = lx.head_class(low[k + 1]) if k + 1 < len(tokens) else None
        if cls is not None and nxt is not None and w not in ("ukrainian", "russian"):
            if nxt != lx.OTHER and (cls == lx.OTHER or cls == nxt):
                # "84 attack drones", "175 Shahed drones": the noun before is a modifier
                k += 1
                modifiers += 1
                continue
            beyond = lx.head_class(low[k + 2]) if k + 2 < len(tokens) else None
            if nxt == lx.OTHER and cls in (lx.DRONE, lx.MISSILE) and beyond == cls:
                k += 1  # "76 Shahed attack drones": the noun after the modifiers
                modifiers += 1
                continue
            if nxt == lx.OTHER and cls in (lx.DRONE, lx.MISSILE):
                cls = lx.OTHER  # "a missile strike", "two drone attacks": not a count of weapons
        if cls is not None and not (
            w in ("ukrainian", "russian") and k + 1 < len(tokens) and lx.head_class(low[k + 1])
        ):
            if w in ("ukrainians", "russians"):
                m.nationality = lx.NATIONALITY[w]
            m.cls = cls
            k += 1
            break
        if (
            w in _NP_STOPS
            or (not w[0].isalpha() and w not in ("-",))
            or w in NUMBER_WORDS
            or w.endswith("ing")
        ):
            break  # "one warship carrying four Kalibr missiles": the count of missiles is the four
        if (w,) in lx.TRIGGERS or (
            w in lx.TRIGGER_FIRST and any(tuple(low[k : k + len(p)]) == p for p in lx.TRIGGER_FIRST[w])
        ):
            break
        k += 1
        modifiers += 1
    if m.cls in (lx.DRONE, lx.MISSILE) and k < len(tokens) and low[k] in ("and", "or"):
        # "175 Shahed and decoy drones": one count of two kinds
        for j in range(k + 1, min(k + 4, len(tokens))):
            if lx.head_class(low[j]) == m.cls:
                weapon_words.extend(w for w in low[k + 1 : j + 1] if w in lx.WEAPONS)
                k = j + 1
                while k < len(tokens) and lx.head_class(low[k]) == m.cls:  # "decoy drones"
                    k += 1
                break
            if low[j] in _NP_STOPS or not low[j][0].isalpha() or lx.head_class(low[j]) is not None:
                break
    if m.cls is None and modifiers:
        k = n.j  # no counted noun: the words after the number belong to the clause, not to it
    m.head_end = k
    # a weapon word standing for the noun: "61 Shaheds", "two Kalibrs"
    if m.cls in (lx.DRONE, lx.MISSILE):
        m.weapon = _weapon(weapon_words, m.cls)
    if m.cls is not None and k < len(tokens) and low[k] in lx.EACH_WAY_WORDS:
        m.each_way = True
        m.head_end = k + 1
    if m.cls is not None and low[k : k + 3] in (["from", "each", "side"], ["from", "both", "sides"]):
        m.each_way = True
        m.head_end = k + 3
    killed_one = (
        n.article
        and m.cls in (lx.PERSON, lx.CIVILIAN, lx.SOLDIER)
        and (
            (n.q > 0 and low[n.q - 1] in _KILL_VERBS)  # "killed a woman"
            or (
                low[k : k + 1] == ["was"] and low[k + 1 : k + 2] and low[k + 1] in _KILL_VERBS
            )  # "a man was killed"
        )
    )
    if (
        n.article
        and not killed_one
        and (m.cls not in (lx.MISSILE, lx.DRONE) or not _plain_article_count(low, n.j, k))
    ):
        return None  # "killed a woman" is one; "a drone hit a tractor" is no count
    if m.cls == lx.OTHER:
        return None
    return m


_ARTICLE_MODIFIERS = frozenset(words("single ballistic cruise guided hypersonic russian ukrainian"))


def _plain_article_count(low: list[str], start: int, head_end: int) -> bool:
    """ "a ballistic missile" counts one missile; "a combined drone and missile strike" does not."""
    between = low[start : head_end - 1]
    if any(w not in _ARTICLE_MODIFIERS and w not in lx.WEAPONS for w in between):
        return False
    return not (
        head_end < len(low)
        and low[head_end] in ("and", "or")
        and lx.head_class(low[head_end + 1] if head_end + 1 < len(low) else "")
    )


def _weapon(words: list[str], cls: str) -> str | None:
    specific = [lx.WEAPONS[w] for w in words if w in lx.WEAPONS]
    if specific:
        return specific[0]
    if cls == lx.MISSILE:
        classes = [lx.MISSILE_CLASSES[w] for w in words if w in lx.MISSILE_CLASSES]
        return classes[0] if classes else None
    return None


def _link_partitives(tokens: list[Token], mentions: list[Mention]) -> None:
    """ "40 out of 47 drones" and "61 of 98 drones": the first is a part of the second."""
    low = [t.low for t in tokens]
    for a, b in itertools.pairwise(mentions):
        between = low[a.head_end : b.num.q]
        if a.cls is None and between in (
            ["out", "of"],
            ["of"],
            ["of", "the"],
            ["out", "of", "the"],
            ["from"],
        ):
            a.whole_of = b
            b.is_whole = True
            a.cls = b.cls
            a.weapon = b.weapon
            a.nationality = a.nationality or b.nationality


def _assign_trigger(
    tokens: list[Token],
    m: Mention,
    triggers: list[tuple[int, int, str]],
    clause_of: list[int],
    mentions: list[Mention],
) -> None:
    low = [t.low for t in tokens]
    # right: "63 were shot down", "390 people had returned"
    k = m.head_end
    if m.whole_of is not None:
        k = m.whole_of.head_end
    skipped = 0
    if low[k : k + 2] in (["held", "by"], ["held", "in"]) and k + 3 < len(tokens):
        k += 3  # "22 Ukrainian civilians held by Russia returned home"
    if low[k : k + 2] == [",", "including"] and "," in low[k + 2 : k + 10]:
        k = low.index(",", k + 2) + 1  # "Nine people, including two children, were killed"
    right = next((t for t in triggers if t[0] == k), None)
    while (
        right is None
        and k < len(tokens)
        and (low[k] in lx.RIGHT_FILLERS or low[k] in ("of", "which", "them"))
    ):
        if skipped == 4:
            break
        k += 1
        skipped += 1
        right = next((t for t in triggers if t[0] == k), None)
    # left: "neutralized 150", "downed at least 162", "killing two workers"
    k = m.num.q - 1
    skipped = 0
    left = next((t for t in triggers if t[1] == k + 1), None)
    while left is None and k >= 0 and (low[k] in lx.LEFT_FILLERS or low[k] in _LEFT_OBJECT) and skipped < 4:
        k -= 1
        skipped += 1
        left = next((t for t in triggers if t[1] == k + 1), None)
    if left is None and k >= 0 and low[k] == "with":
        clause = clause_of[m.num.i]
        if any(low[j] in _ATTACK_NOUNS for j in range(len(tokens)) if clause_of[j] == clause and j < k):
            left = (k, k + 1, lx.LAUNCH)
    if (
        left is None
        and k >= 1
        and low[k] in ("to", "at", "reached", "of")
        and m.cls in (None, lx.PERSON, lx.CIVILIAN)
    ):
        left = _toll(low, k, triggers)
    chosen = right if right is not None else left
    if m.whole_of is not None and left is not None:
        chosen = left  # "shot down 16 of 19 drones launched ...": "launched" is the whole's
    if chosen is None:
        return
    m.trigger = chosen[2]
    m.trigger_at = chosen[0]
    start = chosen[0]
    before = low[max(0, start - 3) : start]
    m.future = bool(
        before and (before[-1] in lx.FUTURE_MARKERS or ("to" in before[-2:] and "be" in before[-1:]))
    )
    if m.cls is None and m.trigger in (lx.KILL, lx.INJURE):
        m.cls = lx.PERSON


_RISE = frozenset(words("rose risen climbed increased reached jumped grew gone stands stood now is was"))


def _toll(low: list[str], k: int, triggers: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """ "the death toll rose to 14", "the number of people injured has risen to 38"."""
    window = low[max(0, k - 20) : k]
    if not any(w in _RISE for w in window[-4:]):
        return None
    if "toll" in window:
        return (k, k + 1, lx.KILL)
    for start, _end, kind in reversed(triggers):
        if max(0, k - 20) <= start < k and kind in (lx.KILL, lx.INJURE):
            return (k, k + 1, kind)
    return None


def _share_triggers_in_lists(tokens: list[Token], mentions: list[Mention]) -> None:
    """ "270 Russian soldiers and 120 civilians have returned": coordinated numbers share a verb,
    a nationality ("270 Russian servicemen and 120 civilians") and a direction."""
    low = [t.low for t in tokens]
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups:
            prev = groups[-1][-1]
            between = [w for w in low[prev.head_end : m.num.q] if w not in (",",)]
            if between in (
                [],
                ["and"],
                ["all"],
                ["and", "all"],
                ["as", "well", "as"],
                ["plus"],
                ["along", "with"],
                ["and", "also"],
            ) and (prev.whole_of is not m):
                own_verb = m.head_end < len(low) and low[m.head_end] in ("were", "was", "had", "have", "has")
                if not (own_verb and m.trigger is None):
                    groups[-1].append(m)  # "shot down 30, and 15 were lost": the 15 has a verb of its own
                    continue
        groups.append([m])
    _inherit_across_apposition(low, groups)
    _parallel_parts(low, mentions)
    for group in groups:
        if len(group) < 2:
            continue
        for m in group:
            m.grouped = True
        with_trigger = [m for m in group if m.trigger]
        if with_trigger:
            # a verb before the list governs the list; a verb after it as well
            source = with_trigger[-1] if with_trigger[-1] is group[-1] else with_trigger[0]
            for m in group:
                if m.trigger is None:
                    m.trigger, m.trigger_at, m.future = source.trigger, source.trigger_at, source.future
        nationality = next((m.nationality for m in group if m.nationality), None)
        people = (lx.PERSON, lx.SOLDIER, lx.CIVILIAN)
        for m in group:
            if m.nationality is None and m.cls in people and nationality:
                m.nationality = nationality
        if any(m.cls == lx.CIVILIAN for m in group):
            for m in group:
                if m.cls == lx.PERSON and low[m.head_end - 1] in (
                    "prisoners",
                    "captives",
                    "pows",
                    "prisoner",
                ):
                    m.cls = lx.SOLDIER  # POWs set against civilians
        if any(m.each_way for m in group):
            for m in group:
                m.each_way = True


def _parallel_parts(low: list[str], mentions: list[Mention]) -> None:
    """ "shot down 47 of 63 missiles and five of 10 drones": the second part shares the first's verb."""
    parts = [m for m in mentions if m.whole_of is not None]
    for first, second in itertools.pairwise(parts):
        assert first.whole_of is not None
        between = [w for w in low[first.whole_of.head_end : second.num.q] if w != ","]
        if second.trigger is None and first.trigger is not None and between in ([], ["and"]):
            second.trigger, second.trigger_at = first.trigger, first.trigger_at


def _inherit_across_apposition(low: list[str], groups: list[list[Mention]]) -> None:
    """ "brought home 75 Ukrainians, 63 servicemen and 12 civilians": a breakdown after a comma
    shares the verb and nationality of the total before it."""
    people = (lx.PERSON, lx.SOLDIER, lx.CIVILIAN)
    for before, group in itertools.pairwise(groups):
        head = group[0]
        opener = low[head.num.q - 1] if head.num.q else ""
        if any(m.trigger or m.anaphoric for m in group) or opener not in (",", "—", "-", ":", "including"):
            continue
        source = before[-1]
        kinds = people if source.cls in people else (source.cls,)
        if source.trigger is None or source.cls is None or any(m.cls not in kinds for m in group):
            continue
        for m in group:
            m.trigger, m.trigger_at, m.future = source.trigger, source.trigger_at, source.future
            m.nationality = m.nationality or source.nationality


def is_cumulative(sentence: str) -> bool:
    """War-long or period totals: "freed over the course of the war", "since the invasion"."""
    for m in _CUMULATIVE.finditer(sentence):
        if not _SUPERLATIVE_BEFORE.search(sentence, max(0, m.start() - 80), m.start()):
            return True
    return False


def attack_context(tokens: list[Token]) -> bool:
    """Does the sentence speak of an attack? ("attack drones" names a kind of drone, not one.)"""
    for k, t in enumerate(tokens):
        if t.low in _ATTACK_NOUNS:
            nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
            if lx.head_class(nxt) not in (lx.DRONE, lx.MISSILE) and nxt not in _ALERT_WORDS:
                return True  # but "attack drones" is a kind of drone, "air raid alerts" no attack
    return False
