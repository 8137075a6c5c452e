"""The words of war reports: what is counted, what counting verbs mean, who the parties are.

Kept apart from the extraction logic so that a new phrasing is usually a new word here.
"""

from __future__ import annotations

from ingest.extract.text import words

# --- what a number counts (the head noun after it) ---------------------------------------
DRONE = "drone"
MISSILE = "missile"
SOLDIER = "soldier"
CIVILIAN = "civilian"
PERSON = "person"
OTHER = "other"

HEADS: dict[str, str] = {}
for _w in words(
    "drone drones uav uavs shahed shaheds geran gerans geran-2 geran-2s decoy decoys quadcopter quadcopters"
):
    HEADS[_w] = DRONE
for _w in [
    "missile",
    "missiles",
    "kalibrs",
    "iskanders",
    "kinzhals",
    "rocket",
    "rockets",
]:  # real gold: rockets count
    HEADS[_w] = MISSILE
for _w in words(
    "soldiers soldier servicemen serviceman servicemembers troops defenders marines guardsmen "
    "fighters personnel combatants paratroopers officers officer pilots pilot sailors sailor pows pow guards "
    "warriors"
):
    HEADS[_w] = SOLDIER
for _w in ["civilians", "civilian", "residents", "resident"]:
    HEADS[_w] = CIVILIAN
for _w in words(
    "people persons person prisoners prisoner captives captive ukrainians russians "
    "children child women woman men man workers worker others individuals citizens "
    "hostages detainees medics rescuers firefighters journalists volunteers policemen teenagers "
    "teenager boys boy girls girl minors babies baby infants pensioners passengers employees "
    "miners farmers villagers inhabitants victims adults elderly doctors nurses relatives "
    "family families members driver drivers farmer guard watchman employee teacher teachers "
    "student students pedestrian pedestrians cyclist motorcyclist rescuer firefighter policeman nurse doctor "
    "volunteer journalist villager pensioner passenger"
):
    HEADS[_w] = PERSON
for _w in words(
    "region regions oblast oblasts strikes strike attacks attack bombers bomber aircraft planes "
    "plane jets jet ships ship vessels boats hospitals hospital patients buildings building "
    "homes home houses house apartments apartment settlements settlement towns town villages "
    "village cities city tanks tank vehicles vehicle shells rounds bombs bomb "
    "artillery km kilometres kilometers kilometre kilometer miles mile metres meters hours hour "
    "days day weeks week months month years year decades times percent dollars euros pounds "
    "hryvnias rubles roubles tons tonnes packages points bodies body talks rounds launchers "
    "systems system sorties waves wave targets facilities sites objects substations airfields "
    "bases positions assaults clashes battles times votes seats countries nations states "
    "minutes kg mph billion million trillion exchanges swaps debris fragments alerts warnings "
    "carrier carriers"
):
    HEADS[_w] = OTHER

# The subtype a weapon word names (FACTS.md `weapon`); the most specific one in a phrase wins.
WEAPONS: dict[str, str] = {
    "shahed": "Shahed",
    "shaheds": "Shahed",
    "shahed-136": "Shahed",
    "shahed-type": "Shahed",
    "geran": "Shahed",
    "geran-2": "Shahed",
    "gerans": "Shahed",
    "decoy": "decoy",
    "decoys": "decoy",
    "gerbera": "decoy",
    "lancet": "Lancet",
    "kh-101": "Kh-101",
    "kh-555": "Kh-555",
    "kh-22": "Kh-22",
    "kh-32": "Kh-32",
    "kh-59": "Kh-59",
    "kh-69": "Kh-69",
    "kh-59/69": "Kh-59/69",
    "shahed-136/131": "Shahed",
    "shahed-131/136": "Shahed",
    "shahed-131": "Shahed",
    "kh-31": "Kh-31",
    "kh-31p": "Kh-31P",
    "kh-47": "Kinzhal",
    "kalibr": "Kalibr",
    "kalibrs": "Kalibr",
    "iskander": "Iskander",
    "iskander-m": "Iskander-M",
    "iskanders": "Iskander",
    "iskander-m/kn-23": "Iskander-M/KN-23",
    "iranian-made": "Shahed",  # "16 Iranian-made drones": a modifier, never the head
    "iskander-k": "Iskander-K",
    "kinzhal": "Kinzhal",
    "kinzhals": "Kinzhal",
    "s-300": "S-300",
    "s-400": "S-400",
    "zircon": "Zircon",
    "tsirkon": "Zircon",
    "oniks": "Oniks",
    "onyx": "Oniks",
    "kn-23": "KN-23",
    "oreshnik": "Oreshnik",
    "atacms": "ATACMS",
    "storm": "Storm Shadow",
    "himars": "HIMARS",
    "neptune": "Neptune",
    "tochka-u": "Tochka-U",
    "tochka": "Tochka-U",
}
DRONE_MODELS = frozenset(["Shahed", "decoy", "Lancet"])


PEOPLE: frozenset[str] = frozenset([PERSON, SOLDIER, CIVILIAN])


def head_class(word: str) -> str | None:
    """The class of a counted noun: "drones", "civilians", "Kh-101s" (a missile), or None."""
    cls = HEADS.get(word)
    if cls is not None:
        return cls
    if "/" in word:  # "Kh-59/69", "Shahed-131/136": one model name, not a number
        word = word.split("/", 1)[0]
    model = WEAPONS.get(word) or (WEAPONS.get(word[:-1]) if word.endswith("s") else None)
    if model is None or word in ("storm", "iranian-made"):
        return None
    return DRONE if model in DRONE_MODELS else MISSILE


MISSILE_CLASSES = {
    "ballistic": "ballistic missile",
    "cruise": "cruise missile",
    "guided": "guided missile",
    "anti-aircraft": "guided missile",
    "hypersonic": "hypersonic missile",
}

# --- verbs and nouns that say what happened to the counted things ------------------------
LAUNCH, INTERCEPT, KILL, INJURE, RELEASE, RECEIVE, RETURN = (
    "launch",
    "intercept",
    "kill",
    "injure",
    "release",
    "receive",
    "return",
)
TRIGGERS: dict[tuple[str, ...], str] = {}


def _add(kind: str, phrases: str) -> None:
    for phrase in phrases.split(","):
        TRIGGERS[tuple(phrase.split())] = kind


_add(
    LAUNCH,
    "launched,launch,launching,launches,fired,firing,fires,used,using,deployed,deploying,sent,sending,"
    "involving,involved,attacked with,attacking with,struck with,targeted with,consisting of,comprising,"
    "unleashed,hurled,flew in,attacked,attacking,targeted,attack by,attacked by,attack involving,attack of,barrage of,"
    "sends,uses,unleashes,hurls,deploys,"
    "wave of,salvo of,swarm of,raid by,assault by",
)
_add(
    INTERCEPT,
    "intercepted,intercepting,intercept,shot down,shooting down,shoot down,downed,downing,destroyed,"
    "destroying,destroy,neutralized,neutralised,neutralizing,neutralising,neutralize,suppressed,brought down,"
    "taken down,eliminated,repelled,repelling,knocked out,jammed,disabled,defeated,"
    "were stopped,hit by air defense,hit by air defence,engaged,"
    # a headline's present tense and a nominal: "Kyiv downs 12 drones", "confirmed the destruction of 30"
    "downs,intercepts,destroys,shoots down,brings down,destruction of,finished off,finishing off,finishes off",
)
_add(
    KILL,
    "killed,killing,kill,kills,dead,died,die,dies,lost their lives,perished,death toll,deaths,"
    "fatalities,were killed,claimed the lives of,lives",
)
_add(
    INJURE,
    "injured,injuring,injure,injures,wounded,wounding,wounds,hurt,hospitalized,hospitalised,"
    "injuries,were injured,suffered injuries,sought medical treatment,sought medical help,"
    "sought medical assistance,sought medical care,sustained injuries,sustained wounds,sustained a shrapnel wound,"
    "sustained shrapnel wounds,suffered shrapnel wounds,suffered a shrapnel wound,received shrapnel wounds,"
    "treated for cuts,treated for injuries,treated for wounds,treated for shrapnel wounds,treated for burns,"
    "treated for a concussion,treated for concussions,treated for fractures,suffered a concussion,"
    "suffered concussions,sustained minor injuries,suffered minor injuries,sustained serious injuries,"
    "suffered serious injuries,sustained severe injuries,suffered severe injuries,sustained light injuries",
)
_add(
    RELEASE,
    "released,releasing,release,releases,freed,freeing,free,frees,handed over,handing over,hand over,"
    "transferred,transferring,transfer,exchanged,exchanging,exchange,swapped,swapping,swap,traded,"
    "in exchange for,swapped for,exchanged for,in return for,traded for,handed back,handing back,hand back",
)
_add(
    RECEIVE,
    "received,receiving,receive,got back,took back,brought home,bringing home,bring home,brought back,"
    "bringing back,repatriated,welcomed home,gets back,get back,getting back,receives,welcomes home,"
    "welcomed back,welcomes back,brings home,brings back,takes back",
)
_add(
    RETURN,
    "returned,returning,return,returns,came home,come home,coming home,returned home,are home,"
    "were home,is home,back home,went home,back in ukraine,back in russia,home from captivity,"
    "were freed from,freed from",
)
TRIGGER_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(TRIGGERS, key=len, reverse=True):
    TRIGGER_FIRST.setdefault(_phrase[0], []).append(_phrase)

# Words that may stand between a trigger and its number ("downed at least 162", "shot down all 12").
LEFT_FILLERS = frozenset(
    words(
        "the a an another all of a total total further additional more only just also some nearly "
        "another as many reportedly successfully home back in over overnight were was are"
    )
)
# How badly someone was hurt: "slightly injured", "was seriously wounded".
HOW_BADLY = frozenset(words("slightly seriously severely critically badly lightly fatally moderately"))
# Dashes that open and close an aside: "139 servicemen - from the army and the navy - and 18 civilians".
DASHES = ("-", "–", "—")
# Words that may stand between a number's noun and a following trigger ("63 were shot down").
RIGHT_FILLERS = (
    frozenset(
        words(
            "were was have has had been being are is also reportedly all successfully later "
            "subsequently either overnight then eventually still each have been expected to be due set "
            "now already allegedly officially found more"
        )
    )
    | HOW_BADLY
)
AGREEMENT_WORDS = frozenset(
    words(
        "agreed agree agrees agreement agreements deal deals plan plans planned expected expect "
        "expects negotiated promised proposed arrangement accord pledged pledge pledges vowed"
    )
)
FUTURE_MARKERS = frozenset(["to", "will", "would", "could", "shall", "be", "expected"])
EACH_WAY_WORDS = frozenset(["each", "apiece"])

# --- who is who ------------------------------------------------------------------------------
PARTY_WORDS: dict[str, str] = {
    "russia": "Russia",
    "russian": "Russia",
    "russians": "Russia",
    "russia's": "Russia",
    "russia’s": "Russia",
    "moscow": "Russia",
    "moscow's": "Russia",
    "kremlin": "Russia",
    "russian-made": "Russia",
    "ukraine": "Ukraine",
    "ukrainian": "Ukraine",
    "ukrainians": "Ukraine",
    "ukraine's": "Ukraine",
    "ukraine’s": "Ukraine",
    "kyiv": "Ukraine",
    "kyiv's": "Ukraine",
    "kiev": "Ukraine",
    "kiev's": "Ukraine",
    "zelensky": "Ukraine",
    "zelenskyy": "Ukraine",
    "zelenskiy": "Ukraine",
    "afu": "Ukraine",  # the Armed Forces of Ukraine in Russian reports (also VSU, ZSU)
    "vsu": "Ukraine",
    "zsu": "Ukraine",
}
NATIONALITY: dict[str, str] = {
    "russian": "Russia",
    "russians": "Russia",
    "russian-made": "Russia",
    "ukrainian": "Ukraine",
    "ukrainians": "Ukraine",
    "enemy": "",
    "our": "",
}


def other_party(party: str | None) -> str | None:
    if party == "Russia":
        return "Ukraine"
    if party == "Ukraine":
        return "Russia"
    return None


# The most one attack, incident or exchange has come to in this war's reporting, with room to
# spare: a larger count is a war-long or period total ("12,000 civilians killed"), kept under the
# kind `cumulative`, never summed with events.
EVENT_BOUNDS = {
    "drones_launched": 2_000,
    "drones_intercepted": 2_000,
    "missiles_launched": 300,
    "missiles_intercepted": 300,
    "killed": 1_000,
    "injured": 2_000,
    "prisoners_released": 1_500,
    "soldiers_released": 1_500,
    "civilians_released": 1_500,
    "prisoners_agreed": 5_000,
}
