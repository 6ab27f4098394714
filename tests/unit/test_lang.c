/*
 * test_lang: language identification on short sentences written for the
 * test, unsure answers, long inputs and concurrent callers.
 */
#include "harness.h"

#include "lang.h"
#include "util.h"

#include <pthread.h>

static void expect(const char *text, const char *code)
{
    const char *got = sl_lang_detect(text, strlen(text));
    if (!code) {
        if (got)
            print_message("expected NULL, got %s for: %s\n", got, text);
        assert_null(got);
        return;
    }
    if (!got || strcmp(got, code) != 0)
        print_message("expected %s, got %s for: %s\n", code, got ? got : "NULL", text);
    assert_non_null(got);
    assert_string_equal(got, code);
}

static void english(void **state)
{
    (void)state;
    expect("The council said on Monday that the new bridge would open next spring.", "en");
    expect("Rescue teams worked through the night after heavy rain flooded the valley.", "en");
    expect("Shares fell sharply in early trading as investors worried about rising interest rates "
           "and slowing growth in China.",
           "en");
}

static void russian(void **state)
{
    (void)state;
    expect("Совет заявил в понедельник, что новый мост откроется следующей весной.", "ru");
    expect("Спасатели работали всю ночь после того, как сильный дождь затопил долину.", "ru");
}

static void ukrainian(void **state)
{
    (void)state;
    expect("Рада заявила в понеділок, що новий міст відкриють наступної весни.", "uk");
    expect("Рятувальники працювали всю ніч після того, як сильна злива затопила долину.", "uk");
}

static void german(void **state)
{
    (void)state;
    expect("Der Stadtrat teilte am Montag mit, dass die neue Brücke im nächsten Frühjahr "
           "eröffnet werden soll.",
           "de");
    expect("Die Rettungskräfte arbeiteten die ganze Nacht, nachdem heftiger Regen das Tal "
           "überflutet hatte.",
           "de");
}

/* Latin-script languages without the English shortcut go through the
 * n-gram profiles (the rank index in lang.c). */
static void latin_ngrams(void **state)
{
    (void)state;
    expect("El ayuntamiento anunci\xC3\xB3 el lunes que el nuevo puente se abrir\xC3\xA1 la "
           "pr\xC3\xB3xima primavera, despu\xC3\xA9s de tres a\xC3\xB1os de obras en la ciudad.",
           "es");
    expect("Le conseil municipal a annonc\xC3\xA9 lundi que le nouveau pont ouvrira au printemps "
           "prochain, apr\xC3\xA8s trois ann\xC3\xA9" "es de travaux dans la ville.",
           "fr");
    expect("A c\xC3\xA2mara municipal anunciou na segunda-feira que a nova ponte vai abrir na "
           "pr\xC3\xB3xima primavera, depois de tr\xC3\xAAs anos de obras na cidade.",
           "pt");
    expect("Il consiglio comunale ha annunciato luned\xC3\xAC che il nuovo ponte sar\xC3\xA0 "
           "aperto la prossima primavera, dopo tre anni di lavori nella citt\xC3\xA0.",
           "it");
    /* a longer paragraph is decided by its function words alone */
    expect("El alcalde de la ciudad dijo el lunes que las obras del nuevo puente sobre el "
           "r\xC3\xADo estar\xC3\xA1n terminadas en la primavera, y que los vecinos podr\xC3\xA1n "
           "cruzarlo a pie o en bicicleta, pero no en coche, porque el puente es para los "
           "peatones y para las bicicletas de la zona.",
           "es");
    /* the same answer however often it is asked (the index is shared) */
    for (int i = 0; i < 50; i++)
        expect("Het stadsbestuur maakte maandag bekend dat de nieuwe brug volgend voorjaar "
               "opengaat, na drie jaar werk in de stad.",
               "nl");
}

/* Function words decide Romance and Germanic texts without the n-grams,
 * including words that several of the languages share ("de", "en", "que",
 * a Dutch list word that is also the commonest Spanish one); a language
 * without a list is left to the n-grams. */
static void function_words(void **state)
{
    (void)state;
    const char *es =
        "La presidenta de la comunidad dijo en la rueda de prensa que el plan de obras de la "
        "ciudad se va a retrasar, y que los vecinos de los barrios del norte tendr\xC3\xA1n que "
        "esperar a que llegue el dinero de la regi\xC3\xB3n, porque el presupuesto de este "
        "a\xC3\xB1o ya se ha gastado en la reparaci\xC3\xB3n de las carreteras.";
    const char *pt =
        "O presidente da c\xC3\xA2mara disse que o plano de obras da cidade vai atrasar e que "
        "os moradores dos bairros do norte ter\xC3\xA3o de esperar pelo dinheiro da regi\xC3\xA3o, "
        "porque o or\xC3\xA7" "amento deste ano j\xC3\xA1 foi gasto com uma grande "
        "repara\xC3\xA7\xC3\xA3o das estradas, o que n\xC3\xA3o agradou a muito gente.";
    const char *fr =
        "Le maire de la ville a dit que le plan des travaux sera retard\xC3\xA9 et que les "
        "habitants des quartiers du nord devront attendre l'argent de la r\xC3\xA9gion, car le "
        "budget de cette ann\xC3\xA9" "e est d\xC3\xA9j\xC3\xA0 d\xC3\xA9pens\xC3\xA9 pour la "
        "r\xC3\xA9paration des routes dans le d\xC3\xA9partement.";
    const char *ro =
        "Primarul ora\xC8\x99ului a spus c\xC4\x83 planul de lucr\xC4\x83ri va fi am\xC3\xA2nat "
        "\xC8\x99i c\xC4\x83 locuitorii din cartierele de nord vor trebui s\xC4\x83 a\xC8\x99tepte "
        "banii de la regiune, pentru c\xC4\x83 bugetul de anul acesta a fost deja cheltuit "
        "pe repararea drumurilor din jude\xC8\x9B.";
    assert_string_equal(sl_lang_by_function_words(es, strlen(es)), "es");
    assert_string_equal(sl_lang_by_function_words(pt, strlen(pt)), "pt");
    assert_string_equal(sl_lang_by_function_words(fr, strlen(fr)), "fr");
    assert_string_equal(sl_lang_by_function_words(ro, strlen(ro)), "ro");
    assert_null(sl_lang_by_function_words("de en que", 9)); /* too few words */
    assert_null(sl_lang_by_function_words(NULL, 3));
    expect(es, "es");
    expect(pt, "pt");
    expect(fr, "fr");
    expect(ro, "ro");
}

/* Languages with a function-word list of their own (lang.c fwords), each
 * decided by the shortcut alone and by the whole detector; Croatian and a
 * language without a list are left to the n-grams. Sentences written for the test. */
static const struct {
    const char *code, *text;
} fw_cases[] = {
    {"tr",
        "Belediye ba\xC5\x9Fkan\xC4\xB1, yeni k\xC3\xB6pr\xC3\xBCn\xC3\xBCn gelecek bahar "
        "a\xC3\xA7\xC4\xB1laca\xC4\x9F\xC4\xB1n\xC4\xB1 s\xC3\xB6yledi ve bu proje "
        "i\xC3\xA7in daha fazla b\xC3\xBCt\xC3\xA7" "e gerekti\xC4\x9Fini ekledi. Ancak "
        "muhalefet partisi, plan\xC4\xB1n bir y\xC4\xB1l sonra bile bitmeyece\xC4\x9Fini ve "
        "maliyetin \xC3\xA7ok y\xC3\xBCksek oldu\xC4\x9Funu ileri s\xC3\xBCrd\xC3\xBC. "
        "Yetkililer ise \xC3\xA7" "al\xC4\xB1\xC5\x9Fmalar\xC4\xB1n takvime g\xC3\xB6re devam "
        "etti\xC4\x9Fini, sorunlar\xC4\xB1n san\xC4\xB1ld\xC4\xB1\xC4\x9F\xC4\xB1 kadar "
        "b\xC3\xBCy\xC3\xBCk olmad\xC4\xB1\xC4\x9F\xC4\xB1n\xC4\xB1 ve "
        "i\xC5\x9F\xC3\xA7ilerin gece g\xC3\xBCnd\xC3\xBCz "
        "\xC3\xA7" "al\xC4\xB1\xC5\x9Ft\xC4\xB1\xC4\x9F\xC4\xB1n\xC4\xB1 "
        "a\xC3\xA7\xC4\xB1klad\xC4\xB1."},
    {"hu",
        "A polg\xC3\xA1rmester h\xC3\xA9tf\xC5\x91n azt mondta, hogy az \xC3\xBAj h\xC3\xAD" "d "
        "csak j\xC3\xB6v\xC5\x91 tavasszal ny\xC3\xADlik meg, mert a munk\xC3\xA1k m\xC3\xA1r "
        "most is k\xC3\xA9s\xC3\xA9sben vannak. A szak\xC3\xA9rt\xC5\x91k szerint a "
        "v\xC3\xA1rosnak m\xC3\xA9g egy hitelt kell felvennie, amely ut\xC3\xA1n a "
        "k\xC3\xB6lts\xC3\xA9gek is n\xC5\x91nek. Az ellenz\xC3\xA9k pedig azt "
        "\xC3\xA1ll\xC3\xADtja, hogy a terv nem volt re\xC3\xA1lis, \xC3\xA9s a lak\xC3\xB3k, "
        "mint mindig, most is v\xC3\xA1rhatnak."},
    {"id",
        "Pemerintah kota mengatakan bahwa jembatan baru itu akan dibuka pada musim hujan "
        "tahun depan, karena pekerjaan di lokasi tersebut masih belum selesai. Menurut wali "
        "kota, biaya proyek ini sudah naik dua kali lipat dan warga bisa menggunakan jalan "
        "lain untuk sementara. Setelah banjir bulan lalu, banyak rumah yang rusak dan belum "
        "diperbaiki oleh pemerintah."},
    {"ms",
        "Kerajaan negeri berkata bahawa jambatan baharu itu akan dibuka pada tahun hadapan "
        "kerana kerja pembinaan di kawasan itu masih belum siap. Menurut menteri, kos projek "
        "ini telah meningkat dua kali ganda dan penduduk boleh menggunakan jalan lain untuk "
        "sementara waktu. Selepas banjir bulan lalu, banyak rumah yang rosak dan belum "
        "dibaiki oleh pihak berkuasa apabila hujan lebat turun semasa musim tengkujuh."},
    {"vi",
        "Ch\xC3\xADnh quy\xE1\xBB\x81n th\xC3\xA0nh ph\xE1\xBB\x91 cho bi\xE1\xBA\xBFt "
        "c\xC3\xA2y c\xE1\xBA\xA7u m\xE1\xBB\x9Bi s\xE1\xBA\xBD \xC4\x91\xC6\xB0\xE1\xBB\xA3" "c "
        "m\xE1\xBB\x9F v\xC3\xA0o m\xC3\xB9" "a xu\xC3\xA2n n\xC4\x83m sau, khi c\xC3\xA1" "c "
        "c\xC3\xB4ng tr\xC3\xACnh trong khu v\xE1\xBB\xB1" "c \xC4\x91\xC3\xA3 ho\xC3\xA0n "
        "th\xC3\xA0nh. Theo \xC3\xB4ng ch\xE1\xBB\xA7 t\xE1\xBB\x8B" "ch, chi ph\xC3\xAD "
        "c\xE1\xBB\xA7" "a d\xE1\xBB\xB1 \xC3\xA1n n\xC3\xA0y \xC4\x91\xC3\xA3 t\xC4\x83ng "
        "g\xE1\xBA\xA5p \xC4\x91\xC3\xB4i v\xC3\xA0 ng\xC6\xB0\xE1\xBB\x9Di d\xC3\xA2n "
        "c\xC3\xB3 th\xE1\xBB\x83 \xC4\x91i \xC4\x91\xC6\xB0\xE1\xBB\x9Dng kh\xC3\xA1" "c trong "
        "th\xE1\xBB\x9Di gian ch\xE1\xBB\x9D \xC4\x91\xE1\xBB\xA3i. Nh\xE1\xBB\xAFng "
        "h\xE1\xBB\x99 gia \xC4\x91\xC3\xACnh b\xE1\xBB\x8B \xE1\xBA\xA3nh "
        "h\xC6\xB0\xE1\xBB\x9Fng s\xE1\xBA\xBD \xC4\x91\xC6\xB0\xE1\xBB\xA3" "c h\xE1\xBB\x97 "
        "tr\xE1\xBB\xA3 \xC4\x91\xE1\xBB\x83 \xE1\xBB\x95n \xC4\x91\xE1\xBB\x8Bnh "
        "cu\xE1\xBB\x99" "c s\xE1\xBB\x91ng."},
    {"sv",
        "Kommunen meddelade p\xC3\xA5 m\xC3\xA5ndagen att den nya bron ska \xC3\xB6ppnas "
        "f\xC3\xB6rst i v\xC3\xA5r, eftersom arbetet har blivit f\xC3\xB6rsenat. Enligt "
        "kommunalr\xC3\xA5" "det var kostnaderna ocks\xC3\xA5 h\xC3\xB6gre \xC3\xA4n "
        "v\xC3\xA4ntat och det finns inte pengar till alla projekt. Inv\xC3\xA5narna som bor "
        "n\xC3\xA4ra bron f\xC3\xA5r anv\xC3\xA4nda en annan v\xC3\xA4g under tiden, och "
        "bussarna har f\xC3\xA5tt nya h\xC3\xA5llplatser f\xC3\xB6r att trafiken ska flyta."},
    {"da",
        "Kommunen oplyste mandag, at den nye bro f\xC3\xB8rst \xC3\xA5" "bner til "
        "for\xC3\xA5ret, fordi nogle af arbejderne har v\xC3\xA6ret syge. Borgmesteren siger, "
        "at udgifterne nu er h\xC3\xB8jere end ventet, og at der ikke er penge til alle "
        "projekter af den slags. Beboerne, som havde h\xC3\xA5" "bet p\xC3\xA5 en hurtig "
        "l\xC3\xB8sning, m\xC3\xA5 bruge en anden vej, og mange sp\xC3\xB8rger, hvad kommunen "
        "vil g\xC3\xB8re ved det."},
    {"nb",
        "Kommunen opplyste mandag at den nye brua f\xC3\xB8rst \xC3\xA5pner til v\xC3\xA5ren, "
        "fordi noen av arbeiderne har v\xC3\xA6rt syke. Ordf\xC3\xB8reren sier at utgiftene "
        "n\xC3\xA5 er h\xC3\xB8yere enn ventet, og at det ikke er penger til alle prosjekter "
        "av den typen. Beboerne, som hadde h\xC3\xA5pet p\xC3\xA5 en rask l\xC3\xB8sning, "
        "m\xC3\xA5 bruke en annen vei, og mange sp\xC3\xB8r hva kommunen vil gj\xC3\xB8re med "
        "det."},
    {"cs",
        "Starosta v pondělí řekl, že nový most bude otevřen až na jaře, protože stavební práce "
        "jsou opožděné. Podle radních jsou také náklady vyšší, než se čekalo, a město nemá "
        "peníze na všechny projekty, které chtělo. Obyvatelé, kteří bydlí u řeky, musí jezdit "
        "jinou cestou a autobusy mají nové zastávky, jak uvedl úřad."},
    {"sk",
        "Starosta v pondelok povedal, že nový most bude otvorený až na jar, pretože stavebné "
        "práce sú oneskorené. Podľa poslancov sú tiež náklady vyššie, ako sa čakalo, a mesto "
        "nemá peniaze na všetky projekty, ktoré chcelo. Obyvatelia, ktorí bývajú pri rieke, "
        "musia jazdiť inou cestou a autobusy majú nové zastávky, ako uviedol úrad."},
    {"pl",
        "Burmistrz powiedział w poniedziałek, że nowy most nie zostanie otwarty przed wiosną, "
        "ponieważ prace są opóźnione przez złą pogodę. To jest już drugi raz w tym roku, kiedy "
        "miasto musi zmienić plan. Radni pytają, czy koszty nie będą wyższe, a mieszkańcy, "
        "którzy mieszkają przy rzece, mogą jeździć tylko jedną drogą do centrum."},
    {"sl",
        "Župan je v ponedeljek povedal, da bo novi most odprt šele spomladi, ker so gradbena "
        "dela v zamudi. Po besedah svetnikov so tudi stroški višji, kot so pričakovali, in "
        "občina nima denarja za vse projekte. Prebivalci, ki živijo ob reki, morajo "
        "uporabljati drugo cesto, avtobusi pa imajo nova postajališča."},
};

static void function_word_lists(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fw_cases / sizeof *fw_cases; i++) {
        const char *t = fw_cases[i].text, *got = sl_lang_by_function_words(t, strlen(t));
        if (!got || strcmp(got, fw_cases[i].code))
            print_message("%s: function words say %s\n", fw_cases[i].code, got ? got : "NULL");
        assert_non_null(got);
        assert_string_equal(got, fw_cases[i].code);
        expect(t, fw_cases[i].code);
    }
    /* Croatian, Serbian and Bosnian: their list only keeps them from being
     * taken for Slovenian, Czech or Slovak; the n-grams name them */
    const char *hr =
        "Gradonačelnik je u ponedjeljak rekao da će novi most biti otvoren tek na proljeće, "
        "jer su radovi kasnili zbog kiše. Prema riječima vijećnika, troškovi su također veći "
        "nego što se očekivalo, a grad nema novca za sve projekte koje je planirao. Stanovnici "
        "koji žive uz rijeku moraju koristiti drugu cestu, a autobusi imaju nova stajališta.";
    assert_null(sl_lang_by_function_words(hr, strlen(hr)));
    const char *got = sl_lang_detect(hr, strlen(hr));
    assert_non_null(got);
    assert_non_null(strstr("hr sr bs", got));
    /* a language without a list */
    const char *fi =
        "Kaupunginjohtaja kertoi maanantaina, että uusi silta avataan vasta keväällä, koska "
        "rakennustyöt ovat myöhässä. Valtuutettujen mukaan kustannukset ovat myös odotettua "
        "suuremmat, eikä kaupungilla ole rahaa kaikkiin hankkeisiin. Joen lähellä asuvat "
        "ihmiset joutuvat käyttämään toista tietä, ja bussit pysähtyvät uusille pysäkeille.";
    assert_null(sl_lang_by_function_words(fi, strlen(fi)));
    expect(fi, "fi");
}

/* sl_lang_has_c_acute_or_d_stroke answers as a search for each of the four
 * two-byte letters would: at either end, after stray C4 bytes, and not for
 * a C4 cut off at the end or followed by other continuation bytes. */
static void c_acute_or_d_stroke(void **state)
{
    (void)state;
    static const char tails[] = {'\x80', '\x85', '\x86', '\x87', '\x88', '\x8F',
                                 '\x90', '\x91', '\x92', '\xBF', 'a',    '\xC4'};
    char buf[16];
    for (size_t at = 0; at < 6; at++)
        for (size_t t = 0; t < sizeof tails; t++)
            for (size_t len = at + 1; len <= 8; len++) {
                memset(buf, 'x', sizeof buf);
                buf[0] = '\xC4'; /* a stray lead byte before */
                buf[at] = '\xC4';
                buf[at + 1] = tails[t];
                bool want = false;
                for (size_t i = 0; i + 1 < len; i++)
                    want |= (unsigned char)buf[i] == 0xC4 &&
                            (buf[i + 1] == '\x86' || buf[i + 1] == '\x87' ||
                             buf[i + 1] == '\x90' || buf[i + 1] == '\x91');
                if (sl_lang_has_c_acute_or_d_stroke(buf, len) != want)
                    fail_msg("at %zu tail %02x len %zu: wanted %d", at,
                             (unsigned char)tails[t], len, want);
            }
    const char *hr = "Gradona\xC4\x8D" "elnik je rekao da \xC4\x87" "e most";
    assert_true(sl_lang_has_c_acute_or_d_stroke(hr, strlen(hr)));
    assert_false(sl_lang_has_c_acute_or_d_stroke(hr, 20)); /* before the ć */
    assert_false(sl_lang_has_c_acute_or_d_stroke("", 0));
}

/* A long text whose first 1.5 KB leave no doubt is decided there; one
 * whose start is unclear is read further. */
static void early_look(void **state)
{
    (void)state;
    sl_buf b = {0};
    while (b.len < 2000)
        sl_buf_puts(&b, "\xD0\xAD\xD1\x82\xD0\xBE \xD0\xB1\xD1\x8B\xD0\xBB\xD0\xBE "
                        "\xD0\xB2\xD1\x87\xD0\xB5\xD1\x80\xD0\xB0 \xD0\xB2 \xD0\xB3\xD0\xBE"
                        "\xD1\x80\xD0\xBE\xD0\xB4\xD0\xB5. "); /* Это было вчера в городе. */
    expect(b.data, "ru");
    b.len = 0;
    /* digits and signs first, then enough English to decide */
    while (b.len < 1600)
        sl_buf_puts(&b, "12:30 | 4.5% | 2019-11-01 | ");
    for (int i = 0; i < 40; i++)
        sl_buf_puts(&b, "The river rose and the town was flooded after the storm. ");
    expect(b.data, "en");
    /* the first 640 bytes decide when they leave no doubt: a clear English
     * start before a long Spanish text answers English, a start too short
     * to decide (under 200 letters) leaves it to the longer looks */
    static const char es[] = "El consejo dijo el lunes que el nuevo puente se abrira la proxima "
                             "primavera, pero los vecinos esperan mas obras en la zona. ";
    b.len = 0;
    for (int i = 0; i < 40; i++)
        sl_buf_puts(&b, es);
    expect(b.data, "es");
    b.len = 0;
    while (b.len < 700)
        sl_buf_puts(&b, "The river rose and the town was flooded after the storm. ");
    while (b.len < 4000)
        sl_buf_puts(&b, es);
    expect(b.data, "en");
    b.len = 0;
    sl_buf_puts(&b, "The river rose and the town was flooded. ");
    while (b.len < 4000)
        sl_buf_puts(&b, es);
    expect(b.data, "es");
    sl_buf_free(&b);
}

/* Capital letters carry the same marks as small ones (the script count
 * lowercases Cyrillic by the block's layout, not by a table). */
static void cyrillic_capitals(void **state)
{
    (void)state;
    expect("ЭТО БЫЛО ВЧЕРА В ГОРОДЕ, СКАЗАЛ МЭР НА ВСТРЕЧЕ С ЖИТЕЛЯМИ.", "ru");
    expect("ЦЕ БУЛО ВЧОРА В МІСТІ, ЗАЯВИВ ЇЇ ПРЕДСТАВНИК НА ЗУСТРІЧІ З МЕШКАНЦЯМИ.", "uk");
    expect("ЈУЧЕ ЈЕ ГРАДСКО ВЕЋЕ САОПШТИЛО ДА ЋЕ НОВИ МОСТ БИТИ ОТВОРЕН НА ПРОЛЕЋЕ.", "sr");
    expect("ГРАДСКИОТ СОВЕТ СООПШТИ ДЕКА НОВИОТ МОСТ ЌЕ БИДЕ ОТВОРЕН НАПРОЛЕТ, А ЃУМРУКОТ ЌЕ "
           "ОСТАНЕ ЗАТВОРЕН.",
           "mk");
}

static void other_scripts(void **state)
{
    (void)state;
    expect("Το συμβούλιο ανακοίνωσε ότι η νέα γέφυρα θα ανοίξει την άνοιξη.", "el");
    expect("Съветът съобщи в понеделник, че новият мост ще бъде открит през пролетта. "
           "Според кмета ремонтът ще продължи още една година.",
           "bg");
    expect("Градско веће је у понедељак саопштило да ће нови мост бити отворен следећег "
           "пролећа.",
           "sr");
    expect("اعلن المجلس يوم الاثنين ان الجسر الجديد سيفتتح في الربيع المقبل", "ar");
    expect("شورای شهر روز دوشنبه اعلام کرد که پل جدید بهار آینده افتتاح خواهد شد", "fa");
    expect("市议会周一表示，新桥将于明年春天开放。", "zh");
    expect("市議会は月曜日、新しい橋は来年の春に開通すると発表した。", "ja");
}

static void unsure_is_null(void **state)
{
    (void)state;
    expect("", NULL);
    expect("ok", NULL);
    expect("12345 67890 !!! ???", NULL);
    expect("Hi there", NULL); /* too short for the profiles */
    assert_null(sl_lang_detect(NULL, 10));
}

static void bounded_time_on_long_input(void **state)
{
    (void)state;
    size_t n = 4 * 1024 * 1024;
    char *s = malloc(n + 1);
    const char *w = "the river rose and the town was flooded after the storm ";
    size_t wl = strlen(w);
    for (size_t i = 0; i < n; i++)
        s[i] = w[i % wl];
    s[n] = 0;
    double t0 = sl_now();
    for (int i = 0; i < 20; i++)
        assert_string_equal(sl_lang_detect(s, n), "en");
    /* only the first few KB are read: 20 calls on 4 MB stay fast */
    assert_true(sl_now() - t0 < 1.0);
    free(s);
}

/* A UTF-8 sequence cut at the length limit must not be misread. */
static void cut_sequences(void **state)
{
    (void)state;
    sl_buf b = {0};
    while (b.len < 8000)
        sl_buf_puts(&b, "Спасатели работали всю ночь после дождя. ");
    for (size_t cut = 4090; cut < 4100; cut++)
        assert_string_equal(sl_lang_detect(b.data, cut), "ru");
    sl_buf_free(&b);
}

typedef struct job {
    const char *text, *want;
    int ok;
} job;

static void *worker(void *ud)
{
    job *j = ud;
    j->ok = 1;
    for (int i = 0; i < 200; i++) {
        const char *got = sl_lang_detect(j->text, strlen(j->text));
        if (!got || strcmp(got, j->want) != 0)
            j->ok = 0;
    }
    return NULL;
}

static void concurrent_callers(void **state)
{
    (void)state;
    job jobs[4] = {
        {"Der Stadtrat teilte am Montag mit, dass die neue Brücke bald eröffnet wird.", "de", 0},
        {"Le conseil a annoncé lundi que le nouveau pont ouvrira au printemps prochain.", "fr", 0},
        {"Совет заявил в понедельник, что новый мост откроется весной.", "ru", 0},
        {"El consejo anunció el lunes que el nuevo puente abrirá la próxima primavera.", "es", 0},
    };
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, &jobs[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_true(jobs[i].ok);
    }
}

/* Long texts take the early look and the letter table of count_text
 * (lang.c's cyr_mark): lowercase and capitals count alike, and one
 * Ukrainian letter in a long Russian text does not make it Ukrainian. */
static void cyrillic_long(void **state)
{
    (void)state;
    const char *ru = "Совет заявил в понедельник, что новый мост откроется следующей весной. ";
    const char *ru_caps = "СОВЕТ ЗАЯВИЛ В ПОНЕДЕЛЬНИК, ЧТО НОВЫЙ МОСТ ОТКРОЕТСЯ СЛЕДУЮЩЕЙ ВЕСНОЙ. ";
    const char *uk = "Рада заявила в понеділок, що новий міст відкриють наступної весни. ";
    const char *uk_caps = "РАДА ЗАЯВИЛА В ПОНЕДІЛОК, ЩО НОВИЙ МІСТ ВІДКРИЮТЬ НАСТУПНОЇ ВЕСНИ. ";
    const char *texts[] = {ru, ru_caps, uk, uk_caps};
    const char *codes[] = {"ru", "ru", "uk", "uk"};
    for (int i = 0; i < 4; i++) {
        sl_buf b = {0};
        while (b.len < 5000)
            sl_buf_puts(&b, texts[i]);
        expect(b.data, codes[i]);
        sl_buf_free(&b);
    }
    sl_buf b = {0};
    sl_buf_puts(&b, "\xD1\x97 "); /* ї, in the early look */
    while (b.len < 5000)
        sl_buf_puts(&b, ru);
    expect(b.data, "ru");
    sl_buf_free(&b);
}

/* The English test finds words 64 bytes at a time (lang.c's letters64):
 * a text shifted by every offset, so that its words straddle the blocks,
 * stays English. */
static void english_at_block_edges(void **state)
{
    (void)state;
    const char *en = "The council said that the new bridge, which was built with funds from "
                     "the region, would open after the winter, and that the old one will "
                     "have been closed for about a year by then. ";
    for (int shift = 0; shift < 64; shift++) {
        sl_buf b = {0};
        for (int k = 0; k < shift; k++)
            sl_buf_putc(&b, k % 2 ? ' ' : '-');
        while (b.len < 1000)
            sl_buf_puts(&b, en);
        expect(b.data, "en");
        sl_buf_free(&b);
    }
}

/* The script count takes runs of Russian letters without marks 16 bytes
 * at a time (lang.c's cyr_plain_run8): texts whose marks (ъ ы э among
 * them, in the run's range) fall at every offset of a block keep their
 * answers. */
static void cyrillic_at_block_edges(void **state)
{
    (void)state;
    const char *texts[] = {
        "Совет заявил в понедельник, что новый мост откроется следующей весной. ",
        "ЭТО БЫЛО ВЧЕРА В ГОРОДЕ, СКАЗАЛ МЭР НА ВСТРЕЧЕ С ЖИТЕЛЯМИ. ",
        "Рада заявила в понеділок, що новий міст відкриють наступної весни. ",
        "Съветът съобщи в понеделник, че новият мост ще бъде открит през пролетта. ",
    };
    const char *codes[] = {"ru", "ru", "uk", "bg"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        for (int shift = 0; shift < 18; shift++) {
            sl_buf b = {0};
            for (int k = 0; k < shift; k++)
                sl_buf_putc(&b, ' ');
            while (b.len < 1000)
                sl_buf_puts(&b, texts[i]);
            expect(b.data, codes[i]);
            sl_buf_free(&b);
        }
    /* one stray Ukrainian letter in a text whose only Russian marks are
     * ы or э (or Ы, Э): Russian when they are counted, else Ukrainian */
    const char *marked[] = {"Мы были в городе вчера. ", "Это поэт. ", "МЫ БЫЛИ В ГОРОДЕ. ",
                            "ЭТО ПОЭТ. "};
    for (size_t i = 0; i < sizeof marked / sizeof *marked; i++)
        for (int shift = 0; shift < 18; shift++) {
            sl_buf b = {0};
            for (int k = 0; k < shift; k++)
                sl_buf_putc(&b, ' ');
            sl_buf_puts(&b, "\xD1\x97 "); /* ї */
            /* under the first look's 640 bytes (counted in one piece),
             * the 16 last bytes without a mark: every mark is in a block */
            while (b.len < 560)
                sl_buf_puts(&b, marked[i]);
            sl_buf_puts(&b, "                ");
            expect(b.data, "ru");
            sl_buf_free(&b);
        }
}

/* Function words are counted from separator masks in a sample (up to 4 KB)
 * and word by word beyond: a text gives the same answer both ways (the
 * spaces that make it longer add no word), at every offset of a block. */
static void function_words_both_ways(void **state)
{
    (void)state;
    const char *texts[] = {
        "El gobierno dijo que la nueva ley, que fue aprobada por el congreso, entrara en vigor "
        "el mes que viene, pero los partidos de la oposicion pidieron mas tiempo para el debate. ",
        "Le gouvernement a dit que la nouvelle loi, qui est entr\xC3\xA9" "e en vigueur au "
        "printemps, ne change pas les r\xC3\xA8gles pour les entreprises et les syndicats. ",
        "Die Regierung sagte, dass das neue Gesetz, das im Fr\xC3\xBChjahr in Kraft tritt, "
        "nicht mit den Regeln der L\xC3\xA4nder und der Gemeinden vereinbar ist. ",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
        for (int shift = 0; shift < 64; shift += 7) {
            sl_buf b = {0};
            for (int k = 0; k < shift; k++)
                sl_buf_putc(&b, k % 3 ? '.' : ' ');
            while (b.len < 1500)
                sl_buf_puts(&b, texts[t]);
            size_t n = b.len;
            const char *sample = sl_lang_by_function_words(b.data, n);
            while (b.len < 5000)
                sl_buf_putc(&b, ' ');
            const char *whole = sl_lang_by_function_words(b.data, b.len);
            assert_non_null(sample);
            assert_non_null(whole);
            assert_string_equal(sample, whole);
            sl_buf_free(&b);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(english),
        cmocka_unit_test(english_at_block_edges),
        cmocka_unit_test(russian),
        cmocka_unit_test(ukrainian),
        cmocka_unit_test(german),
        cmocka_unit_test(latin_ngrams),
        cmocka_unit_test(function_words),
        cmocka_unit_test(function_words_both_ways),
        cmocka_unit_test(function_word_lists),
        cmocka_unit_test(early_look),
        cmocka_unit_test(c_acute_or_d_stroke),
        cmocka_unit_test(cyrillic_capitals),
        cmocka_unit_test(cyrillic_long),
        cmocka_unit_test(cyrillic_at_block_edges),
        cmocka_unit_test(other_scripts),
        cmocka_unit_test(unsure_is_null),
        cmocka_unit_test(bounded_time_on_long_input),
        cmocka_unit_test(cut_sequences),
        cmocka_unit_test(concurrent_callers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
