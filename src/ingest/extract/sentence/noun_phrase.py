"""The counted noun after a number, its nationality and weapon subtype; numbers that are not
counts (ages, durations, distances, money, years, times) are dropped here."""

from __future__ import annotations

from ingest.extract import lexicon as lx
from ingest.extract.numbers import DEFINITE_ONE, NUMBER_WORDS, POSSESSIVE_ONE, Num
from ingest.extract.sentence.model import Mention
from ingest.extract.sentence.weapons import included_model, plain_article_count, weapon_of
from ingest.extract.text import Token, words

_NP_STOPS = frozenset(
    words(
        "were was is are have has had been be will would could of in on at over by from to for with "
        "into across during near since after before while who which that and or but as than per "
        "among including when where if out while"
    )
)


_RECOVERED = frozenset(words("recovered found retrieved pulled removed"))
_HANDED_BACK = frozenset(words("received receive returned repatriated handed transferred exchanged swapped"))


def _recovered(before: list[str]) -> bool:
    """Bodies found at the scene, not handed back: "recovered six people from the rubble, as well as
    the bodies of five" is a toll, "received the bodies of 501 soldiers" a repatriation."""
    return bool(_RECOVERED.intersection(before)) and _HANDED_BACK.isdisjoint(before)


_CONDITION_WORDS = frozenset(words("wounded injured ill sick seriously severely badly gravely"))


_KILL_VERBS = frozenset(
    words("killed killing kills injured injuring injures wounded wounding wounds hurt hurting")
)


_ANAPHORS = frozenset(["them", "those", "these", "which", "whom"])

_QUOTES = frozenset(['"', "“", "”", "‘", "’", "'", "«", "»"])


_AGE_LIST = frozenset([",", "and", "or", "to", "-", "–", "between", "from"])


def _later_age(low: list[str], q: int) -> bool:
    """ "two women aged 64 and 70", "three men aged 34, 41 and 58": the later ages of a list."""
    k = q - 1
    while k >= 0 and (low[k] in _AGE_LIST or low[k].isdigit()) and q - k < 12:
        k -= 1
    return k >= 0 and k < q - 1 and low[k] in ("aged", "ages") and low[k + 1].isdigit()


def noun_phrase(tokens: list[Token], n: Num) -> Mention | None:
    """The counted noun after a number, its nationality and weapon subtype; None for numbers that
    are not counts (ages, durations, distances, money, years, times)."""
    low = [t.low for t in tokens]
    prev = low[n.q - 1] if n.q > 0 else ""
    if prev in ("$", "€", "£", "no", "#", "number", "aged", "age", "article", "resolution", "page", "flight"):
        return None
    if _later_age(low, n.q):
        return None
    if n.i + 1 < len(tokens) and tokens[n.i + 1].text == ":" and tokens[n.i].end == tokens[n.i + 1].start:
        return None  # 11:34
    if (
        n.q >= 2
        and tokens[n.q - 1].text == ":"
        and tokens[n.q - 1].start == tokens[n.q - 2].end
        and low[n.q - 2][:1].isdigit()
    ):
        return None  # the minutes of "As of 09:00, 61 drones", "08:40 - Two people were killed"
    if n.value_max is None and not n.article and 1900 <= n.value <= 2100 and "," not in tokens[n.i].text:
        after = low[n.j] if n.j < len(low) else ""
        if lx.head_class(after) not in (lx.DRONE, lx.MISSILE, lx.PERSON, lx.SOLDIER, lx.CIVILIAN):
            return None  # a year
    # "Svitlana Kuskova, 49, held ...": an age
    if (
        prev == ","
        and n.j < len(low)
        and low[n.j] == ","
        and n.q >= 2
        and (tokens[n.q - 2].text[:1].isupper() or lx.head_class(low[n.q - 2]) in lx.PEOPLE)
    ):
        return None  # "a woman, 52, was wounded" too
    if (
        prev == "-"
        and n.q >= 2
        and low[n.q - 2] in ("under", "over")
        and tokens[n.q - 1].end == tokens[n.i].start
    ):
        return None  # "an under-25 exchange": an age band
    if prev == "of" and n.q >= 2 and low[n.q - 2] == "bodies" and not _recovered(low[: n.q]):
        return None  # "received the bodies of 501 soldiers": repatriated bodies, not a toll
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
    lead = 1 if low and low[0] in _QUOTES else 0  # '"Of the 80 drones, ...' in a quote
    if n.q == lead + 2 and low[lead] == "of" and low[lead + 1] == "the":
        m.is_whole = True  # "Of the 80 drones, 52 were shot down": the 80 were launched
    k = n.j
    if low[k : k + 3] in (["more", "of", "our"], ["more", "of", "their"], ["more", "of", "its"]):
        k += 1  # "95 more of our people are home"
    if low[k : k + 2] in (["of", "our"], ["of", "their"], ["of", "its"]) and lx.head_class(
        low[k + 2] if k + 2 < len(low) else ""
    ) in (
        lx.PERSON,
        lx.SOLDIER,
        lx.CIVILIAN,
    ):
        k += 2  # "205 of our defenders are home": the count of the defenders, not a part of a whole
    modifiers = 0
    weapon_words: list[str] = []
    behind: str | None = None  # a nationality behind modifiers: "95 Ukrainian army prisoners of war"
    while k < len(tokens) and modifiers < 5:
        w = low[k]
        if (
            w == "military"
            and modifiers == 0
            and low[k + 1 : k + 2] in (["and"], [","], ["were"], ["have"], ["are"])
        ):
            m.cls = lx.SOLDIER  # "270 military and 120 civilians": the military as a noun
            k += 1
            break
        if w in ("civilian", "military") and (head := _people_head(low, k + 1)) is not None:
            m.cls = (
                lx.CIVILIAN if w == "civilian" else lx.SOLDIER
            )  # "civilian sailors", "military police officer"
            k = head + 1
            break
        if w[0] in "0123456789" and low[k + 1 : k + 3] == ["-", "year-old"]:
            k += 3  # "a 67-year-old man": an age inside the noun phrase
            if (
                n.article
                and k + 1 < len(low)
                and lx.head_class(low[k]) is None
                and lx.head_class(low[k + 1]) in _PEOPLE
            ):
                k += 1  # "a 52-year-old security guard": the noun after its modifier
            if n.article and k < len(low) and low[k].isalpha() and lx.head_class(low[k]) is None:
                m.cls = lx.PERSON  # "a 70-year-old watchman": whoever has an age is a person
                k += 1
                break
            continue
        if (
            w == "and"
            and modifiers
            and low[k - 1] in _CONDITION_WORDS
            and low[k + 1 : k + 2]
            and (low[k + 1] in _CONDITION_WORDS)
        ):
            k += 1  # "wounded and sick": one condition of two words
            continue
        if w in _CONDITION_WORDS and any(
            lx.head_class(x) in (lx.PERSON, lx.SOLDIER, lx.CIVILIAN)
            # "52 seriously wounded and sick Ukrainian prisoners of war"
            for x in low[k + 1 : k + (6 if "and" in low[k + 1 : k + 3] else 4)]
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
        if w in _QUOTES and k + 1 < len(tokens) and low[k + 1][:1].isalpha():
            k += 1  # '14 "Shaheds"', "two ‘Geran’ drones": a name in quotes
            continue
        if w in ("unmanned", "aerial") and k + 1 < len(tokens):
            k += 1
            continue
        if (
            w == "("
            and low[k + 2 : k + 3] == [")"]
            and low[k + 1].isalpha()
            and lx.head_class(low[k + 3] if k + 3 < len(low) else "") in (lx.DRONE, lx.MISSILE)
        ):
            k += 3  # "a first-person-view (FPV) drone": an abbreviation in brackets
            modifiers += 1
            continue
        if w in ("vehicles", "vehicle") and k > 0 and low[k - 1] == "aerial":
            m.cls = lx.DRONE
            k += 1
            break
        if w in ("prisoners", "prisoner") and low[k + 1 : k + 3] == ["of", "war"]:
            m.cls = lx.SOLDIER  # FACTS.md: POWs are combatants, stated alone or not
            k += 3
            break
        if w == "national" and low[k + 1 : k + 2] == ["guard"]:
            m.cls = lx.SOLDIER  # "12 National Guard members": servicemen of the National Guard
            k += 2
            if low[k : k + 1] and low[k] in ("members", "servicemen", "soldiers", "troops", "fighters"):
                k += 1
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
        elif w in lx.NATIONALITY and lx.NATIONALITY[w] and modifiers == 0:
            behind = lx.NATIONALITY[w]
        if w in lx.WEAPONS or w in lx.MISSILE_CLASSES or (w.endswith("s") and w[:-1] in lx.WEAPONS):
            weapon_words.append(w)
        nxt = lx.head_class(low[k + 1]) if k + 1 < len(tokens) else None
        if cls is not None and nxt is not None and w not in ("ukrainian", "russian"):
            if nxt != lx.OTHER and (cls == lx.OTHER or cls == nxt or (cls in _PEOPLE and nxt in _PEOPLE)):
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
        if (
            cls in (lx.DRONE, lx.MISSILE)
            and w in lx.WEAPONS
            and low[k + 1 : k + 2]
            and (low[k + 1] in lx.MISSILE_CLASSES or low[k + 1] in _WEAPON_WORDS)
            and lx.head_class(low[k + 2] if k + 2 < len(low) else "") == cls
        ):
            # "two Kh-47 Kinzhal ballistic missiles": the noun after the class
            k += 1
            modifiers += 1
            continue
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
            or (w.endswith("ing") and not w.endswith("-wing"))
        ):
            break  # "one warship carrying four Kalibr missiles": the count of missiles is the four
        if (w,) in lx.TRIGGERS or (
            w in lx.TRIGGER_FIRST and any(tuple(low[k : k + len(p)]) == p for p in lx.TRIGGER_FIRST[w])
        ):
            break
        k += 1
        modifiers += 1
    if (
        m.cls in (lx.DRONE, lx.MISSILE)
        and low[k : k + 1] == ["/"]
        and low[k + 1 : k + 2]
        and low[k + 1] in lx.WEAPONS
    ):
        weapon_words.append(low[k + 1])  # "two Iskander-M/KN-23 missiles": one model of two names
        k += 2
        if k < len(tokens) and (lx.head_class(low[k]) == m.cls or low[k] in lx.MISSILE_CLASSES):
            k += 1
            if k < len(tokens) and lx.head_class(low[k]) == m.cls:  # "... ballistic missiles"
                k += 1
    if m.cls in (lx.DRONE, lx.MISSILE) and low[k : k + 1] == ["of"]:
        # "17 UAVs of the Shahed-136/131 type", "nine missiles of the Kh-101 type": the subtype
        j = k + 2 if low[k + 1 : k + 2] == ["the"] else k + 1
        model = low[j] if j < len(low) else ""
        if low[j + 1 : j + 2] in (["type"], ["types"], ["family"]) and (
            model in lx.WEAPONS or model.split("/", 1)[0] in lx.WEAPONS
        ):
            weapon_words.append(model if model in lx.WEAPONS else model.split("/", 1)[0])
            k = j + 2
    if m.cls in (lx.DRONE, lx.MISSILE) and k < len(tokens) and low[k] in _QUOTES:
        k += 1  # the closing quote of '14 "Shaheds"'; of '“Shahed” drones' with its noun
        if k < len(tokens) and lx.head_class(low[k]) == m.cls:
            k += 1
    if m.cls in (lx.DRONE, lx.MISSILE) and k < len(tokens) and low[k] in ("and", "or"):
        # "175 Shahed and decoy drones": one count of two kinds
        for j in range(k + 1, min(k + 4, len(tokens))):
            if lx.head_class(low[j]) == m.cls:
                weapon_words.extend(w for w in low[k + 1 : j + 1] if w in lx.WEAPONS)
                k = j + 1
                while k < len(tokens) and lx.head_class(low[k]) == m.cls:  # "decoy drones"
                    k += 1
                break
            if (
                low[j] in _NP_STOPS
                or low[j] in NUMBER_WORDS
                or not low[j][0].isalpha()
                or lx.head_class(low[j]) is not None
            ):
                break  # "three Iskanders and two Kh-59s": a list, not one count
    if m.cls in (lx.DRONE, lx.MISSILE) and _combined(low, k, m.cls):
        return None  # FACTS: "over 300 drones, ballistic and cruise missiles" fits no metric
    if m.cls is None and modifiers:
        k = n.j  # no counted noun: the words after the number belong to the clause, not to it
    elif m.cls in (lx.PERSON, lx.SOLDIER, lx.CIVILIAN, lx.DRONE, lx.MISSILE) and m.nationality is None:
        m.nationality = behind
    m.head_end = k
    if m.cls is not None and low[k : k + 1] == ["("] and ")" in low[k + 1 : k + 8]:
        close = low.index(")", k + 1)
        if low[close + 1 : close + 2] and low[close + 1] in lx.EACH_WAY_WORDS:
            k = close + 1  # "100 prisoners of war (POWs) each"
    # a weapon word standing for the noun: "61 Shaheds", "two Kalibrs"
    if m.cls in (lx.DRONE, lx.MISSILE):
        m.weapon = weapon_of(weapon_words, m.cls)
    if m.cls == lx.DRONE and m.weapon is None:
        m.weapon = included_model(low, k)
    if m.cls is not None and k < len(tokens) and low[k] in lx.EACH_WAY_WORDS:
        m.each_way = True
        m.head_end = k + 1
    if m.cls is not None and low[k : k + 3] in (["from", "each", "side"], ["from", "both", "sides"]):
        m.each_way = True
        m.head_end = k + 3
    definite = n.article and low[n.i] in DEFINITE_ONE
    killed_one = (
        n.article
        and m.cls in (lx.PERSON, lx.CIVILIAN, lx.SOLDIER)
        # "injuring the driver" is one; "killing the children", "injuring the driver and two passengers" not
        and not (
            definite
            and (low[k - 1].endswith("s") or low[k - 1] in _PLURAL_PEOPLE or low[k : k + 1] == ["and"])
        )
        # "a man and a woman died": two, which no word states; no count of one either
        and not (
            low[k : k + 1] == ["and"] and low[k + 1 : k + 2] in (["a"], ["an"], ["his"], ["her"], ["their"])
        )
        and not (n.q >= 2 and low[n.q - 1] == "and" and lx.head_class(low[n.q - 2]) in lx.PEOPLE)
        and (
            (n.q > 0 and low[n.q - 1] in _KILL_VERBS)  # "killed a woman"
            or _suffered(low, k)  # "a man was killed", "an 81-year-old woman died"
        )
    )
    if (
        n.article
        and not killed_one
        and (m.cls not in (lx.MISSILE, lx.DRONE) or not plain_article_count(low, n.j, k))
    ):
        return None  # "killed a woman" is one; "a drone hit a tractor" is no count
    if (
        n.article
        and low[n.i] in POSSESSIVE_ONE
        and (
            m.cls not in (lx.MISSILE, lx.DRONE)
            or low[k - 1].endswith("s")
            or not _PLURAL_HEADS.isdisjoint(low[k : k + 3])
        )
    ):
        return None  # "Russia's Kh-59 missile" is one; "Russia's missiles" or "Russia's drone war" no count
    if m.cls == lx.OTHER:
        return None
    return m


_PLURAL_PEOPLE = frozenset(words("men women children people police personnel"))
_PLURAL_HEADS = frozenset(words("missiles drones uavs rockets"))  # a plural head after the model
_JOINS = frozenset([",", "and", "or", "&", "/"])
_WEAPON_WORDS = frozenset(
    words("attack kamikaze unmanned aerial long-range air-launched sea-launched ground-launched anti-ship")
)


def _combined(low: list[str], k: int, cls: str) -> bool:
    """Does the noun phrase go on, with no number of its own, to the other weapon class
    ("40 missiles, drones", "300 drones, ballistic and cruise missiles"): one count of both?"""
    if k >= len(low) or low[k] not in _JOINS:
        return False
    other = lx.MISSILE if cls == lx.DRONE else lx.DRONE
    for w in low[k + 1 : k + 7]:
        if w in _JOINS or w in _WEAPON_WORDS:
            continue
        head = lx.head_class(w)
        if head == other:
            return True
        if head is not None or not (w in lx.MISSILE_CLASSES or w in lx.WEAPONS):
            return False  # "50 drones, and Kyiv said missiles ...": another clause
    return False


def _suffered(low: list[str], k: int) -> bool:
    """Does a killing or wounding verb follow the noun ("was killed", "has died", "died")?"""
    if low[k : k + 1] == [","] and (
        low[k + 1 : k + 2] in (["was"], ["has"], ["had"]) or _fate_at(low, k + 1)
    ):
        k += 1  # "The driver, a 38-year-old man, was injured", "…, a 46-year-old man, died"
    k = past_who(low, k)  # "a woman, 52, was wounded", "a man born in 1978 suffered shrapnel wounds"
    while k < len(low) and (
        low[k] in ("was", "has", "had", "been", "later", "reportedly") or low[k] in lx.HOW_BADLY
    ):
        k += 1
    if low[k : k + 1] in (["sustained"], ["suffered"]) and not _WOUNDS.isdisjoint(low[k + 1 : k + 4]):
        return True  # "a 64-year-old man sustained a shrapnel wound"
    if treated_for_wounds(low, k):
        return True  # "an elderly woman was treated on site for a concussion"
    if not _fate_at(low, k):
        return False
    # "after a woman died of her injuries", "died in hospital": one more death of a stated toll
    return low[k + 1 : k + 2] not in (["of"], ["from"]) and low[k + 1 : k + 3] != ["in", "hospital"]


_PEOPLE = (lx.PERSON, lx.SOLDIER, lx.CIVILIAN)
_WOUNDS = frozenset(words("wound wounds injury injuries burns"))
_TREATED_FOR = _WOUNDS | frozenset(words("cuts concussion concussions fractures"))


def _fate_at(low: list[str], k: int) -> bool:
    return k < len(low) and (low[k] in _KILL_VERBS or low[k] == "died")


def treated_for_wounds(low: list[str], k: int) -> bool:
    """ "was treated for cuts", "was treated on site for a concussion": hurt, though no verb says so."""
    if low[k : k + 1] != ["treated"]:
        return False
    rest = low[k + 1 : k + 7]
    return "for" in rest and not _TREATED_FOR.isdisjoint(rest[rest.index("for") + 1 : rest.index("for") + 4])


def past_who(low: list[str], k: int) -> int:
    """Past what is said of the counted people between their noun (ending at k) and their verb:
    ages ("aged 64 and 70", "a woman, 52,") and a birth year ("born in 1978")."""
    if (
        low[k : k + 1] == [","]
        and low[k + 1 : k + 2]
        and low[k + 1].isdigit()
        and low[k + 2 : k + 3] == [","]
    ):
        return k + 3
    if (
        low[k : k + 2] == ["born", "in"]
        and low[k + 2 : k + 3]
        and low[k + 2].isdigit()
        and len(low[k + 2]) == 4
    ):
        return k + 3 + (low[k + 3 : k + 4] == [","])
    if low[k : k + 1] == ["aged"] and low[k + 1 : k + 2] and low[k + 1].isdigit():
        j = k + 1
        while j < len(low) and (low[j].isdigit() or low[j] in (",", "and", "to")) and j - k < 12:
            j += 1
        last = j if low[j - 1] != "," else j - 1  # "three men aged 34, 41 and 58, were injured"
        return j if low[last - 1].isdigit() else k
    return k


def _people_head(low: list[str], k: int) -> int | None:
    """The index of a people noun within the next two words ("sailors", "police officer")."""
    for j in range(k, min(k + 2, len(low))):
        if lx.head_class(low[j]) in _PEOPLE:
            return j
        if low[j] in _NP_STOPS or not low[j][:1].isalpha():
            return None
    return None
