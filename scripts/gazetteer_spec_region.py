# ruff: noqa: E501  (a data table: one place per line reads best)
"""Second part of the hand-written table behind ``draft_gazetteer.py``:
Georgia, the rest of north-west Iran, Nakhchivan's missing pieces, lakes,
rivers, mountains and passes, border crossings, corridors and pipelines.

Keys as in ``gazetteer_spec``: ``gn`` GeoNames id (point), ``ne`` Natural
Earth admin-1 codes (outline), ``lake`` a Natural Earth 10m lake name
(outline), ``river`` a guide line [(lon, lat), ...] along the known course:
the GSHHG/WDB II river segments within ``RIVER_TOLERANCE`` of it become the
geometry (see ``river_lines.py``), ``point`` (lat, lon) where no source has
the place (the note then says so). ``patch`` entries are not new places:
their geometry (and names) go into the existing entry of that id by hand.

Names by language are deliberately left out where the word is also an
ordinary word of that language (Persian سراب "mirage", گرمی "warmth", خوی
"temper", میانه "middle", سقز "mastic", تاکستان "vineyard"; Russian Гори
"burn!"; Turkish "arpa" "barley"): the linker matches every name a place has.
"""

from __future__ import annotations

from gazetteer_spec import _prov, _town

APPROX = "Approximate point from general knowledge (no packaged source has it); to be checked."


def _towns(rows, kind="town"):
    out = []
    for row in rows:
        slug, en, gn, names, aliases, note = row[:6]
        extra = row[6] if len(row) > 6 else {}
        d = _town(slug, en, gn, kind=extra.get("kind", kind), names=names, aliases=aliases, note=note,
                  exclude=extra.get("exclude", ()))
        out.append(d)
    return out


# --------------------------------------------------------------------------- Georgia

GE_REGIONS = [
    _prov("GE-AB", "abkhazia", "Abkhazia", {"ka": "აფხაზეთი", "ru": "Абхазия", "hy": "Աբխազիա", "tr": "Abhazya", "az": "Abxaziya"},
          ["Autonomous Republic of Abkhazia", "Republic of Abkhazia", "Apsny", "Аҧсны"],
          "Autonomous Republic of Georgia under Georgian law; a breakaway state recognised by Russia and a few others "
          "since 2008, held by Russian forces. Contested status: Georgian and international usage call it occupied "
          "territory of Georgia, its own authorities the Republic of Abkhazia (Abkhaz Apsny). Both names link here.",
          kind="region"),
    _prov("GE-GU", "guria", "Guria", {"ka": "გურია", "ru": "Гурия"}, [], "Region (mkhare) of Georgia on the Black Sea, centre Ozurgeti.", kind="region"),
    _prov("GE-IM", "imereti", "Imereti", {"ka": "იმერეთი", "ru": "Имеретия"}, ["Imeretia"], "Region (mkhare) of Georgia, centre Kutaisi.", kind="region"),
    _prov("GE-KA", "kakheti", "Kakheti", {"ka": "კახეთი", "ru": "Кахетия", "az": "Kaxetiya"}, ["Kakhetia"], "Region (mkhare) of eastern Georgia bordering Azerbaijan and Russia, centre Telavi.", kind="region"),
    _prov("GE-KK", "kvemo-kartli", "Kvemo Kartli", {"ka": "ქვემო ქართლი", "ru": "Квемо-Картли"}, ["Lower Kartli"],
          "Region (mkhare) of Georgia bordering Armenia and Azerbaijan, centre Rustavi; most of Georgia's Azerbaijani "
          "minority lives here (historically part of Borchali, Azerbaijani Borçalı, which is not an alias).", kind="region"),
    _prov("GE-MM", "mtskheta-mtianeti", "Mtskheta-Mtianeti", {"ka": "მცხეთა-მთიანეთი", "ru": "Мцхета-Мтианети"}, [], "Region (mkhare) of Georgia on the Georgian Military Road to Russia, centre Mtskheta.", kind="region"),
    _prov("GE-RL", "racha-lechkhumi", "Racha-Lechkhumi and Kvemo Svaneti", {"ka": "რაჭა-ლეჩხუმი და ქვემო სვანეთი", "ru": "Рача-Лечхуми и Квемо-Сванети"}, ["Racha-Lechkhumi-Kvemo Svaneti", "Racha-Lechkhumi"], "Region (mkhare) of Georgia, centre Ambrolauri.", kind="region"),
    _prov("GE-SZ", "samegrelo-zemo-svaneti", "Samegrelo-Zemo Svaneti", {"ka": "სამეგრელო-ზემო სვანეთი", "ru": "Самегрело-Земо Сванети"}, ["Samegrelo-Upper Svaneti"], "Region (mkhare) of Georgia on the Black Sea and the Abkhazia line, centre Zugdidi.", kind="region"),
    _prov("GE-SJ", "samtskhe-javakheti", "Samtskhe-Javakheti", {"ka": "სამცხე-ჯავახეთი", "ru": "Самцхе-Джавахети", "hy": "Սամցխե-Ջավախք"}, [], "Region (mkhare) of southern Georgia bordering Turkey and Armenia, centre Akhaltsikhe; the Baku-Tbilisi-Kars railway and the BTC pipeline cross it.", kind="region"),
    _prov("GE-SK", "shida-kartli", "Shida Kartli", {"ka": "შიდა ქართლი", "ru": "Шида-Картли"}, ["Inner Kartli"], "Region (mkhare) of Georgia, centre Gori; its northern part is held by the breakaway South Ossetia (south-ossetia).", kind="region"),
]

GE_OTHER = [
    dict(id="south-ossetia", name="South Ossetia", kind="region", point=(42.23, 43.97), area=[[[43.65, 42.4], [43.85, 42.65], [44.15, 42.7], [44.45, 42.55], [44.6, 42.25], [44.45, 42.05], [44.15, 42.2], [43.95, 42.2], [43.75, 42.25], [43.65, 42.4]]],
         names={"ka": "ცხინვალის რეგიონი", "ru": "Южная Осетия", "tr": "Güney Osetya", "az": "Cənubi Osetiya"},
         aliases=["Tskhinvali Region", "Samachablo", "South Ossetia-Alania"],
         note="Breakaway region of Georgia, recognised as a state by Russia and a few others since 2008 and held by "
              "Russian forces. Contested names: Georgian official usage says Tskhinvali Region (also Samachablo), its "
              "own authorities South Ossetia (Republic of South Ossetia-Alania); all link here. Natural Earth has no "
              "admin-1 unit for it: the outline is hand-drawn, approximate, general knowledge (a rough area for the map, not the line of control). Point: Tskhinvali (GeoNames 611403)."),
    dict(id="javakheti", name="Javakheti", kind="region", point=(41.40, 43.49), area=[[[43.2, 41.55], [43.55, 41.6], [43.95, 41.45], [43.95, 41.15], [43.6, 41.1], [43.25, 41.25], [43.2, 41.55]]],
         names={"ka": "ჯავახეთი", "hy": "Ջավախք", "hy-Latn": "Javakhk", "ru": "Джавахети"}, aliases=["Javakhk"],
         note="Historical region of southern Georgia (Akhalkalaki and Ninotsminda), with an Armenian majority; "
              "Armenian Javakhk. Part of Samtskhe-Javakheti (samtskhe-javakheti). Point: Akhalkalaki (GeoNames 615893). Outline: hand-drawn rough area of the two municipalities, general knowledge."),
]

GE_TOWNS = [
    ("batumi", "Batumi", 615532, {"ka": "ბათუმი", "ru": "Батуми", "tr": "Batum", "hy": "Բաթում"}, ["Batum"], "Capital of Adjara, Georgia; Black Sea port and oil terminal (Baku-Batumi rail oil route).", {"kind": "city"}),
    ("kutaisi", "Kutaisi", 613607, {"ka": "ქუთაისი", "ru": "Кутаиси"}, [], "Capital of Imereti, Georgia's third city.", {"kind": "city"}),
    ("rustavi", "Rustavi", 612287, {"ka": "რუსთავი", "ru": "Рустави"}, [], "Capital of Kvemo Kartli, industrial city south-east of Tbilisi. The TV channel 'Rustavi 2' is excluded.", {"kind": "city", "exclude": ["Rustavi 2", "Rustavi-2"]}),
    ("sukhumi", "Sukhumi", 611847, {"ka": "სოხუმი", "ru": ["Сухум", "Сухуми"], "tr": "Sohum"}, ["Sokhumi", "Sukhum", "Aqwa", "Аҟәа"],
     "Capital of Abkhazia (abkhazia) on the Black Sea. Contested names: Georgian Sokhumi, Russian and Abkhaz-side Sukhum (Abkhaz Aqwa); all link here.", {"kind": "city"}),
    ("zugdidi", "Zugdidi", 610824, {"ka": "ზუგდიდი", "ru": "Зугдиди"}, [], "Capital of Samegrelo-Zemo Svaneti, Georgia, near the Abkhazia line."),
    ("gori", "Gori", 614455, {"ka": "გორი"}, [], "Capital of Shida Kartli, Georgia, on the Kura; bombed in the 2008 war. (Russian Гори is also the imperative 'burn', so it is not a name here.)"),
    ("poti", "Poti", 612366, {"ka": "ფოთი", "ru": "Поти"}, [], "Black Sea port of Georgia at the mouth of the Rioni; terminal of Middle Corridor shipping."),
    ("telavi", "Telavi", 611694, {"ka": "თელავი", "ru": "Телави"}, [], "Capital of Kakheti, Georgia."),
    ("tskhinvali", "Tskhinvali", 611403, {"ka": "ცხინვალი", "ru": ["Цхинвал", "Цхинвали"]}, ["Tskhinval"],
     "Main town of South Ossetia (south-ossetia); Georgian Tskhinvali, Ossetian and Russian Tskhinval (contested); both link here."),
    ("akhaltsikhe", "Akhaltsikhe", 615860, {"ka": "ახალციხე", "ru": "Ахалцихе", "tr": "Ahıska"}, [], "Capital of Samtskhe-Javakheti, Georgia; Turkish Ahıska (home of the Meskhetian Turks)."),
    ("akhalkalaki", "Akhalkalaki", 615893, {"ka": "ახალქალაქი", "ru": "Ахалкалаки", "hy": "Ախալքալաք"}, [], "Town in Javakheti, Georgia, with an Armenian majority; station of the Baku-Tbilisi-Kars railway."),
    ("ninotsminda", "Ninotsminda", 612691, {"ka": "ნინოწმინდა", "ru": "Ниноцминда", "hy": "Նինոծմինդա"}, [], "Town in Javakheti, Georgia, near the Armenian border (Bavra crossing); Bogdanovka until 1991 (a common village name, not an alias)."),
    ("marneuli", "Marneuli", 613074, {"ka": "მარნეული", "ru": "Марнеули", "az": "Marneuli"}, [], "Town in Kvemo Kartli, Georgia; centre of the Azerbaijani community."),
    ("bolnisi", "Bolnisi", 615419, {"ka": "ბოლნისი", "ru": "Болниси"}, [], "Town in Kvemo Kartli, Georgia."),
    ("gardabani", "Gardabani", 614575, {"ka": "გარდაბანი", "ru": "Гардабани"}, [], "Town in Kvemo Kartli, Georgia, near the Red Bridge crossing to Azerbaijan."),
    ("sagarejo", "Sagarejo", 612230, {"ka": "საგარეჯო", "ru": "Сагареджо"}, [], "Town in Kakheti, Georgia."),
    ("lagodekhi", "Lagodekhi", 613342, {"ka": "ლაგოდეხი", "ru": "Лагодехи"}, [], "Town in Kakheti, Georgia, at the Lagodekhi-Balakan border crossing with Azerbaijan."),
    ("borjomi", "Borjomi", 615403, {"ka": "ბორჯომი", "ru": "Боржоми"}, [], "Spa town on the Kura in Samtskhe-Javakheti, Georgia."),
    ("ozurgeti", "Ozurgeti", 612536, {"ka": "ოზურგეთი", "ru": "Озургети"}, [], "Capital of Guria, Georgia."),
    ("senaki", "Senaki", 612053, {"ka": "სენაკი", "ru": "Сенаки"}, [], "Town in Samegrelo, Georgia; military base bombed in 2008."),
    ("samtredia", "Samtredia", 612126, {"ka": "სამტრედია", "ru": "Самтредиа"}, [], "Railway junction in Imereti, Georgia."),
    ("zestaponi", "Zestaponi", 610864, {"ka": "ზესტაფონი", "ru": "Зестафони"}, ["Zestafoni"], "Town in Imereti, Georgia."),
    ("khashuri", "Khashuri", 613988, {"ka": "ხაშური", "ru": "Хашури"}, [], "Railway town in Shida Kartli, Georgia."),
    ("kobuleti", "Kobuleti", 613762, {"ka": "ქობულეთი", "ru": "Кобулети"}, [], "Black Sea resort town in Adjara, Georgia."),
    ("mtskheta", "Mtskheta", 612890, {"ka": "მცხეთა", "ru": "Мцхета"}, [], "Capital of Mtskheta-Mtianeti and old capital of Georgia, at the Kura-Aragvi confluence."),
    ("stepantsminda", "Stepantsminda", 614087, {"ka": "სტეფანწმინდა", "ru": "Степанцминда"}, ["Kazbegi"], "Town on the Georgian Military Road below Mount Kazbek, Georgia, near the Upper Lars crossing; Kazbegi until 2006."),
    ("mestia", "Mestia", 612987, {"ka": "მესტია", "ru": "Местиа"}, [], "Main town of Svaneti, Georgia."),
    ("dmanisi", "Dmanisi", 614891, {"ka": "დმანისი", "ru": "Дманиси"}, [], "Town in Kvemo Kartli, Georgia; palaeolithic site."),
    ("tsalka", "Tsalka", 611548, {"ka": "წალკა", "ru": "Цалка"}, [], "Town in Kvemo Kartli, Georgia; on the Baku-Tbilisi-Kars railway."),
    ("sighnaghi", "Sighnaghi", 611902, {"ka": "სიღნაღი", "ru": "Сигнахи"}, ["Signagi"], "Town in Kakheti, Georgia."),
    ("kvareli", "Kvareli", 612338, {"ka": "ყვარელი", "ru": "Кварели"}, [], "Town in Kakheti, Georgia."),
    ("akhmeta", "Akhmeta", 615844, {"ka": "ახმეტა", "ru": "Ахмета"}, [], "Town in Kakheti, Georgia, at the mouth of the Pankisi Gorge."),
    ("chiatura", "Chiatura", 615211, {"ka": "ჭიათურა", "ru": "Чиатура"}, [], "Manganese-mining town in Imereti, Georgia."),
    ("gagra", "Gagra", 614622, {"ka": "გაგრა", "ru": "Гагра"}, [], "Black Sea resort in Abkhazia."),
    ("ochamchire", "Ochamchire", 612652, {"ka": "ოჩამჩირე", "ru": "Очамчира"}, ["Ochamchira"], "Port town in Abkhazia; Georgian Ochamchire, Russian and Abkhaz-side Ochamchira."),
    ("akhalgori", "Akhalgori", 615914, {"ka": "ახალგორი", "ru": "Ленингор"}, ["Leningor"], "Town held by South Ossetia since 2008; Georgian Akhalgori, Ossetian-side Leningor (contested); both link here."),
    ("sadakhlo", "Sadakhlo", 612251, {"ka": "სადახლო", "ru": "Садахло", "az": "Sadaxlı"}, [], "Village in Kvemo Kartli, Georgia, at the Sadakhlo-Bagratashen border crossing with Armenia.", {"kind": "village"}),
]

ADJARA_PATCH = dict(id="adjara", name="Adjara", kind="province", ne=["GE-AJ"],
                    names={"ka": "აჭარა", "ru": "Аджария", "tr": "Acara"}, note="patch: outline and names")

# --------------------------------------------------------------------------- Iran

IR_PATCHES = [
    dict(id="east-azerbaijan", name="East Azerbaijan", kind="province", ne=["IR-01"], names={"fa": "استان آذربایجان شرقی", "az": "Şərqi Azərbaycan ostanı", "ru": "Восточный Азербайджан"}, note="patch"),
    dict(id="west-azerbaijan", name="West Azerbaijan", kind="province", ne=["IR-02"], names={"fa": "استان آذربایجان غربی", "az": "Qərbi Azərbaycan ostanı", "ru": "Западный Азербайджан"}, note="patch"),
    dict(id="ardabil-province", name="Ardabil Province", kind="province", ne=["IR-03"], names={"fa": "استان اردبیل", "ru": "остан Ардебиль"}, note="patch"),
    dict(id="zanjan-province", name="Zanjan Province", kind="province", ne=["IR-11"], names={"fa": "استان زنجان"}, note="patch"),
    dict(id="mazandaran", name="Mazandaran", kind="province", ne=["IR-21"], note="patch"),
    dict(id="nakhchivan", name="Nakhchivan", kind="province", ne=["AZ-SAR", "AZ-SAD", "AZ-KAN", "AZ-BAB", "AZ-SAH", "AZ-CUL", "AZ-ORD", "AZ-NX"], note="patch"),
]

IR_CITIES = [
    ("shabestar", "Shabestar", 116126, {"fa": "شبستر", "az": "Şəbüstər"}, [], "City in East Azerbaijan, Iran, north of Lake Urmia."),
    ("azarshahr", "Azarshahr", 6686970, {"fa": "آذرشهر"}, [], "City in East Azerbaijan, Iran."),
    ("hashtrud", "Hashtrud", 142554, {"fa": "هشترود"}, [], "City in East Azerbaijan, Iran."),
    ("malekan", "Malekan", 125112, {}, [], "City in East Azerbaijan, Iran. (Persian ملکان is also the plural 'angels', so it is not a name here.)"),
    ("ajab-shir", "Ajab Shir", 144443, {"fa": "عجب‌شیر"}, ["Ajabshir"], "City in East Azerbaijan, Iran, on Lake Urmia."),
    ("bostanabad", "Bostanabad", 23290, {"fa": "بستان‌آباد"}, [], "City in East Azerbaijan, Iran."),
    ("hadishahr", "Hadishahr", 35017, {"fa": "هادیشهر"}, [], "City on the Aras in East Azerbaijan, Iran, beside Jolfa, facing Nakhchivan."),
    ("bukan", "Bukan", 139889, {"fa": "بوکان"}, [], "City in West Azerbaijan, Iran."),
    ("naqadeh", "Naqadeh", 122698, {"fa": "نقده"}, [], "City in West Azerbaijan, Iran."),
    ("piranshahr", "Piranshahr", 121110, {"fa": "پیرانشهر"}, [], "City in West Azerbaijan, Iran, near the Iraqi border."),
    ("sardasht", "Sardasht", 117111, {"fa": "سردشت"}, [], "City in West Azerbaijan, Iran; chemical attack of 1987. (Other villages called Sardasht exist in Iran.)"),
    ("takab", "Takab", 113508, {"fa": "تکاب"}, [], "City in West Azerbaijan, Iran, near Takht-e Soleyman."),
    ("shahin-dezh", "Shahin Dezh", 117793, {"fa": "شاهین‌دژ"}, ["Shahindezh"], "City in West Azerbaijan, Iran."),
    ("showt", "Showt", 401118, {"fa": "شوط"}, [], "City in West Azerbaijan, Iran, near the Nakhchivan border."),
    ("meshgin-shahr", "Meshgin Shahr", 124210, {"fa": "مشگین‌شهر", "az": "Xiyav"}, ["Meshginshahr", "Meshkin Shahr"], "City in Ardabil province, Iran (Azerbaijani Xiyav)."),
    ("bileh-savar", "Bileh Savar", 140494, {"fa": "بیله‌سوار"}, ["Bilesavar", "Bileh Savar Moghan"], "Border city in Ardabil province, Iran, facing Bilasuvar (bilasuvar) in Azerbaijan; bare 'Bilasuvar' and Azerbaijani 'Biləsuvar' are the Azerbaijani town."),
    ("namin", "Namin", 122721, {"fa": "نمین"}, [], "City in Ardabil province, Iran, near the Astara border."),
    ("khorramdarreh", "Khorramdarreh", 41210, {"fa": "خرم‌دره"}, [], "City in Zanjan province, Iran."),
    ("qeydar", "Qeydar", 119369, {"fa": "قیدار"}, ["Qidar"], "City in Zanjan province, Iran."),
    ("bandar-anzali", "Bandar Anzali", 141679, {"fa": "بندر انزلی", "ru": "Энзели"}, ["Bandar-e Anzali", "Anzali", "Enzeli"], "Caspian port of Gilan, Iran; ships of the North-South Transport Corridor call here.", {"kind": "city"}),
    ("langarud", "Langarud", 125897, {"fa": "لنگرود"}, ["Langrud"], "City in Gilan, Iran."),
    ("hashtpar", "Hashtpar", 113343, {"fa": "هشتپر"}, [], "City in Gilan, Iran, centre of Talesh County (bare 'Talesh' is the Talysh region, talysh)."),
    ("fuman", "Fuman", 134441, {"fa": "فومن"}, [], "City in Gilan, Iran."),
    ("rudsar", "Rudsar", 118191, {"fa": "رودسر"}, [], "City in Gilan, Iran."),
    ("astaneh-ashrafiyeh", "Astaneh-ye Ashrafiyeh", 142679, {"fa": "آستانه اشرفیه"}, ["Astaneh Ashrafiyeh"], "City in Gilan, Iran."),
    ("manjil", "Manjil", 124967, {"fa": "منجیل"}, [], "Town on the Sefidrud in Gilan, Iran, on the Qazvin-Rasht road and railway."),
    ("takestan", "Takestan", 113491, {}, [], "City in Qazvin province, Iran. (Persian تاکستان is also 'vineyard', so it is not a name here.)"),
    ("saqqez", "Saqqez", 117392, {}, ["Saqez", "Saqqiz"], "City in Kurdistan province, Iran (Kurdish Seqiz); home town of Jina Mahsa Amini. (Persian سقز is also 'mastic', so it is not a name here.)"),
    ("marivan", "Marivan", 124778, {"fa": "مریوان"}, [], "City in Kurdistan province, Iran, near the Iraqi border."),
    ("baneh", "Baneh", 141584, {"fa": "بانه"}, [], "City in Kurdistan province, Iran, near the Iraqi border."),
    ("bijar", "Bijar", 140521, {"fa": "بیجار"}, [], "City in Kurdistan province, Iran."),
    ("qorveh", "Qorveh", 119161, {"fa": "قروه"}, [], "City in Kurdistan province, Iran."),
    ("kamyaran", "Kamyaran", 128905, {"fa": "کامیاران"}, [], "City in Kurdistan province, Iran."),
    ("divandarreh", "Divandarreh", 136156, {"fa": "دیواندره"}, [], "City in Kurdistan province, Iran."),
    ("bazargan", "Bazargan", 141011, {}, [], "Town in West Azerbaijan, Iran, at the Bazargan-Gürbulak border crossing with Turkey. (Persian بازرگان is also 'merchant', so it is not a name here.)"),
]

# --------------------------------------------------------------------------- Armenia, Azerbaijan, Turkey, Russia

AM_MORE = [
    ("martuni-gegharkunik", "Martuni (Gegharkunik)", 616438, {}, ["Martuni, Gegharkunik", "Martuni in Gegharkunik"],
     "Town on Lake Sevan in Gegharkunik, Armenia. Same name as Martuni in Karabakh (khojavend, the Armenian name of "
     "Khojavend), which is the Martuni regional texts mostly mean: this town takes only the qualified forms until "
     "mentions are told apart from their context."),
    ("chambarak", "Chambarak", 616786, {"hy": "Ճամբարակ", "ru": "Чамбарак"}, [], "Town in Gegharkunik, Armenia, near the Azerbaijani border."),
    ("tashir", "Tashir", 616178, {"hy": "Տաշիր", "ru": "Ташир"}, [], "Town in Lori, Armenia."),
    ("charentsavan", "Charentsavan", 616785, {"hy": "Չարենցավան", "ru": "Чаренцаван"}, [], "Town in Kotayk, Armenia."),
    ("yeghvard", "Yeghvard", 616065, {"hy": "Եղվարդ", "ru": "Егвард"}, [], "Town in Kotayk, Armenia."),
    ("metsamor", "Metsamor", 823807, {"hy": "Մեծամոր", "ru": "Мецамор"}, [], "Town in Armavir province, Armenia, by the Armenian nuclear power plant."),
    ("artik", "Artik", 616887, {"hy": "Արթիկ", "ru": "Артик"}, [], "Town in Shirak, Armenia."),
    ("aparan", "Aparan", 616953, {"hy": "Ապարան", "ru": "Апаран"}, [], "Town in Aragatsotn, Armenia."),
    ("ararat-town", "Ararat (town)", 174991, {"hy": "Արարատ քաղաք", "ru": "город Арарат"}, ["Ararat town"], "Town in Ararat province, Armenia. Bare 'Ararat' is not a name of any entry: it may be the mountain, the province, the plain or this town."),
    ("vedi", "Vedi", 174725, {"hy": "Վեդի", "ru": "Веди"}, [], "Town in Ararat province, Armenia."),
    ("yeraskh", "Yeraskh", 391241, {"hy": "Երասխ", "ru": "Ерасх"}, [], "Village in Ararat province, Armenia, on the Nakhchivan border and the closed Yerevan-Nakhchivan railway.", {"kind": "village"}),
    ("margara", "Margara", 613075, {"hy": "Մարգարա", "ru": "Маргара"}, [], "Village in Armavir province, Armenia, at the (closed) Margara-Alican border crossing with Turkey.", {"kind": "village"}),
    ("bagratashen", "Bagratashen", 616828, {"hy": "Բագրատաշեն", "ru": "Баграташен"}, [], "Village in Tavush, Armenia, at the Bagratashen-Sadakhlo border crossing with Georgia.", {"kind": "village"}),
    ("bavra", "Bavra", 616813, {"hy": "Բավրա", "ru": "Бавра"}, [], "Village in Shirak, Armenia, at the Bavra-Ninotsminda border crossing with Georgia.", {"kind": "village"}),
    ("kornidzor", "Kornidzor", 174840, {"hy": "Կոռնիձոր", "ru": "Корнидзор"}, [], "Village in Syunik, Armenia, at the start of the Lachin corridor road (the Lachin checkpoint, lachin-checkpoint); refugees from Karabakh crossed here in September 2023.", {"kind": "village"}),
    ("akhtala", "Akhtala", 616995, {"hy": "Ախթալա", "ru": "Ахтала"}, [], "Town in Lori, Armenia."),
]

AZ_MORE = [
    dict(id="babek-town", name="Babek (town)", kind="town", gn=148413, names={"az": "Babək qəsəbəsi", "ru": "посёлок Бабек"},
         aliases=["Babek town", "Babak town"],
         note="Town, centre of Babek District, Nakhchivan, Azerbaijan. Bare 'Babek'/'Babak' is the 9th-century rebel "
              "Babak Khorramdin in most texts, so it takes only the qualified forms."),
]

TR_RU = [
    ("kars", "Kars", 743952, {"tr": "Kars", "hy": "Կարս", "ru": "Карс", "az": "Qars"}, [], "City in north-eastern Turkey; end of the Baku-Tbilisi-Kars railway.", {"kind": "city"}),
    ("igdir", "Iğdır", 311665, {"tr": "Iğdır", "hy": "Իգդիր", "az": "İğdır"}, ["Igdir"], "City in eastern Turkey near Armenia and Nakhchivan (Dilucu crossing, planned railway to Nakhchivan).", {"kind": "city"}),
    ("ardahan", "Ardahan", 751952, {"tr": "Ardahan", "ka": "არტაანი"}, [], "Town in north-eastern Turkey near the Georgian border."),
    ("erzurum", "Erzurum", 315368, {"tr": "Erzurum", "hy": "Էրզրում", "ru": "Эрзурум"}, ["Erzrum"], "City in eastern Turkey; gas hub of the South Caucasus Pipeline (Baku-Tbilisi-Erzurum) and start of TANAP's Turkish section.", {"kind": "city"}),
    ("dogubayazit", "Doğubayazıt", 316411, {"tr": "Doğubayazıt"}, ["Dogubayazit"], "Town in eastern Turkey below Mount Ararat, near the Gürbulak-Bazargan crossing with Iran."),
    ("artvin", "Artvin", 751817, {"tr": "Artvin", "ka": "ართვინი"}, [], "Town in north-eastern Turkey on the Çoruh."),
    ("hopa", "Hopa", 745530, {"tr": "Hopa"}, [], "Black Sea town in Turkey near the Sarp crossing with Georgia."),
    ("vladikavkaz", "Vladikavkaz", 473249, {"ru": "Владикавказ", "ka": "ვლადიკავკასი"}, [], "Capital of North Ossetia-Alania, Russia, at the northern end of the Georgian Military Road (Upper Lars crossing); Ordzhonikidze in Soviet times (a person's name, not an alias).", {"kind": "city"}),
    ("derbent", "Derbent", 566532, {"ru": "Дербент", "az": "Dərbənd"}, [], "City in Dagestan, Russia, on the Caspian coast road to Azerbaijan. (Persian دربند and 'Darband' are not names here: also a common place name and word, 'gorge'.)", {"kind": "city"}),
    ("makhachkala", "Makhachkala", 532096, {"ru": "Махачкала"}, [], "Capital of Dagestan, Russia; Caspian port.", {"kind": "city"}),
    ("grozny", "Grozny", 558418, {"ru": "Грозный"}, ["Groznyy"], "Capital of Chechnya, Russia. Russian грозный is also the adjective 'formidable': Ivan the Terrible (Иван Грозный) is excluded.", {"kind": "city", "exclude": ["Иван Грозный", "Ivan Grozny"]}),
    ("novorossiysk", "Novorossiysk", 518255, {"ru": "Новороссийск"}, ["Novorossiisk"], "Russian Black Sea port; end of the Baku-Novorossiysk oil pipeline.", {"kind": "city"}),
    ("magaramkent", "Magaramkent", 532307, {"ru": "Магарамкент"}, [], "Village in Dagestan, Russia, at the Samur-Yalama border crossing with Azerbaijan.", {"kind": "village"}),
]

# --------------------------------------------------------------------------- lakes and reservoirs

LAKES = [
    dict(id="lake-urmia", name="Lake Urmia", kind="lake", lake="Lake Urmia",
         names={"fa": "دریاچه ارومیه", "az": "Urmiya gölü", "ru": "озеро Урмия", "tr": "Urmiye Gölü", "hy": "Ուրմիա լիճ"},
         aliases=["Urmia Lake", "Lake Orumiyeh", "Lake Orumieh", "Lake Oroumieh", "Urmu gölü"],
         note="Salt lake in north-west Iran between East and West Azerbaijan, shrunk by two thirds since the 1990s. "
              "Bare 'Urmia' is the city (urmia)."),
    dict(id="lake-sevan", name="Lake Sevan", kind="lake", lake="Lake Sevan",
         names={"hy": ["Սևանա լիճ", "Սևան"], "ru": ["озеро Севан", "Севан"], "az": "Göyçə gölü"},
         aliases=["Sevan", "Lake Gokcha", "Gökçe gölü"],
         note="Largest lake of the Caucasus, in Gegharkunik, Armenia. Bare 'Sevan' links here (the town is sevan-town). "
              "Azerbaijani and historical Russian name Göyçə / Gokcha; both forms link here."),
    dict(id="mingachevir-reservoir", name="Mingachevir Reservoir", kind="lake", lake="Mingevir Reservoir",
         names={"az": "Mingəçevir su anbarı", "ru": "Мингечаурское водохранилище"},
         aliases=["Mingachevir reservoir", "Mingechevir Reservoir", "Mingechaur Reservoir", "Mingəçevir dəryaçası"],
         note="Largest reservoir of the Caucasus, on the Kura above Mingachevir, Azerbaijan."),
    dict(id="lake-van", name="Lake Van", kind="lake", lake="Lake Van",
         names={"tr": "Van Gölü", "hy": "Վանա լիճ", "ru": "озеро Ван", "fa": "دریاچه وان"}, aliases=["Van Lake"],
         note="Largest lake of Turkey, in the east. Bare 'Van' (the city; also an English word) is not a name here."),
    dict(id="sarsang-reservoir", name="Sarsang Reservoir", kind="lake", point=(40.15, 46.55),
         names={"az": "Sərsəng su anbarı", "hy": "Սարսանգի ջրամբար", "ru": "Сарсангское водохранилище"},
         aliases=["Sarsang reservoir", "Sarsang dam"],
         note="Reservoir on the Tartar river in Karabakh (Tartar District). " + APPROX + " Natural Earth 10m has no outline for it."),
    dict(id="lake-arpi", name="Lake Arpi", kind="lake", point=(41.06, 43.62),
         names={"hy": "Արփի լիճ", "ru": "озеро Арпи"}, aliases=["Arpi Lake"],
         note="Reservoir lake at the source of the Akhurian in Shirak, Armenia. " + APPROX),
    dict(id="lake-paravani", name="Lake Paravani", kind="lake", point=(41.45, 43.80),
         names={"ka": "ფარავნის ტბა", "ru": "озеро Параван"}, aliases=["Paravani Lake"],
         note="Largest lake of Georgia, in Javakheti. " + APPROX),
    dict(id="khudafarin-dam", name="Khudafarin Reservoir", kind="dam", point=(39.16, 46.87),
         names={"az": "Xudafərin su anbarı", "fa": "سد خداآفرین"},
         aliases=["Khudafarin Dam", "Khoda Afarin Dam", "Khudafarin reservoir", "Xudafərin su qovşağı"],
         note="Dam and reservoir on the Aras upstream of the Khudafarin bridges (khudafarin-bridges), built jointly by "
              "Iran and Azerbaijan. Bare 'Khudafarin' is the bridges. " + APPROX),
    dict(id="araz-reservoir", name="Araz Reservoir", kind="dam", point=(39.10, 45.40),
         names={"az": "Araz su anbarı"}, aliases=["Aras Reservoir", "Aras Dam", "Araz Dam"],
         note="Dam and reservoir on the Aras between Nakhchivan and Iran (Poldasht). " + APPROX),
]

# --------------------------------------------------------------------------- rivers

RIVERS = [
    dict(id="aras", name="Aras", kind="river", note="patch",
         river=[(41.2, 39.6), (42.15, 40.02), (43.1, 40.15), (43.65, 40.1), (44.0, 40.01), (44.4, 40.0), (44.55, 39.9), (44.85, 39.7),
                (45.0, 39.42), (45.3, 39.25), (45.44, 39.0), (45.63, 38.95), (46.0, 38.9), (46.19, 38.86), (46.55, 38.97), (46.66, 39.0),
                (46.94, 39.15), (47.4, 39.43), (47.95, 39.7), (48.2, 39.85), (48.45, 40.0)],
         at=(46.94, 39.15)),
    dict(id="kura", name="Kura", kind="river",
         names={"az": "Kür", "ka": "მტკვარი", "ru": "Кура", "tr": "Kura", "hy": "Կուր", "fa": "کورا"},
         aliases=["Kura River", "Kür çayı", "Mtkvari", "Mtkvari River"],
         exclude=["kura çekimi", "kura çekildi", "kura sonucu"],
         river=[(42.7, 41.0), (43.1, 41.55), (43.4, 41.85), (43.8, 42.0), (44.11, 41.98), (44.5, 41.9), (44.72, 41.84), (44.8, 41.7),
                (45.0, 41.55), (45.49, 41.23), (46.0, 40.98), (46.35, 40.9), (47.05, 40.77), (47.3, 40.45), (47.75, 40.2), (48.2, 40.0),
                (48.48, 40.0), (48.9, 39.95), (49.0, 39.6), (49.3, 39.35)],
         at=(47.05, 40.77),
         note="Main river of the South Caucasus: from north-eastern Turkey through Georgia (Mtkvari; Borjomi, Gori, Tbilisi) "
              "and Azerbaijan (Kür; Mingachevir, Sabirabad, where the Aras joins) to the Caspian. Turkish 'kura' (a draw, lottery) "
              "is excluded in its set phrases; the classical name Cyrus is not an alias (a given name)."),
    dict(id="terek", name="Terek", kind="river",
         names={"ru": "Терек", "ka": "თერგი"}, aliases=["Terek River", "Tergi"],
         river=[(44.35, 42.55), (44.64, 42.66), (44.64, 42.75), (44.66, 43.0), (44.5, 43.18), (44.18, 43.34), (44.05, 43.7),
                (44.46, 43.67), (44.65, 43.73), (45.19, 43.69), (45.53, 43.55), (45.97, 43.43), (46.33, 43.43), (46.44, 43.58),
                (46.71, 43.8), (47.05, 43.8), (47.38, 43.68)],
         at=(44.66, 43.0),
         note="River from the Greater Caucasus in Georgia (Tergi; Stepantsminda, the Darial gorge) through Vladikavkaz, "
              "Prokhladny, Mozdok and Kizlyar to the Caspian in Dagestan, Russia."),
    dict(id="sefidrud", name="Sefidrud", kind="river",
         names={"fa": ["سفیدرود", "قزل‌اوزن"], "az": "Qızılüzən"},
         aliases=["Sefid Rud", "Safidrud", "Qezel Owzan", "Qezel Ozan", "Ghezel Ozan", "Qizil Uzan", "Qizilozan"],
         river=[(46.55, 37.75), (47.0, 37.45), (47.8, 37.43), (48.0, 37.5), (48.4, 37.3), (48.8, 37.0), (49.2, 36.75), (49.4, 36.74),
                (49.58, 37.0), (49.95, 37.44)],
         at=(49.4, 36.74),
         note="River of north-west Iran: the Qezel Owzan (Azerbaijani Qızılüzən) flows from Kurdistan past Mianeh into "
              "Zanjan and at Manjil becomes the Sefidrud, which reaches the Caspian in Gilan. One entry for both names."),
    dict(id="akhurian", name="Akhurian", kind="river",
         names={"hy": "Ախուրյան", "ru": "Ахурян"}, aliases=["Akhurian River", "Akhuryan"],
         river=[(43.62, 41.05), (43.62, 40.95), (43.75, 40.8), (43.72, 40.6), (43.65, 40.4), (43.68, 40.13)],
         at=(43.72, 40.6),
         note="River forming the Armenia-Turkey border from Lake Arpi past Gyumri to the Aras. Its Turkish name Arpaçay is "
              "not a name here: Azerbaijani texts use it for the Arpa river of Vayots Dzor and Nakhchivan."),
    dict(id="chorokhi", name="Chorokhi", kind="river",
         names={"ka": "ჭოროხი", "tr": "Çoruh", "ru": "Чорох"}, aliases=["Çoruh River", "Chorokhi River", "Coruh"],
         river=[(40.18, 40.33), (40.73, 40.41), (41.16, 40.58), (41.5, 40.8), (41.8, 41.18), (41.72, 41.42), (41.65, 41.6)],
         at=(41.8, 41.18),
         note="River from north-eastern Turkey (Çoruh; Artvin) to the Black Sea at Batumi, Georgia (Chorokhi)."),
]

RIVER_POINTS = [
    dict(id="tartar-river", name="Tartar River", kind="river", point=(40.34, 46.93), line=[[45.85, 40.25], [46.04, 40.11], [46.3, 40.12], [46.55, 40.15], [46.75, 40.25], [46.93, 40.34], [47.15, 40.42], [47.35, 40.48]],
         names={"az": "Tərtər çayı", "hy": "Թարթառ", "ru": "река Тертер"}, aliases=["Terter River", "Tartar river"],
         note="River from the Kalbajar mountains through the Sarsang reservoir and Tartar to the Kura plain, Azerbaijan. "
              "Bare 'Tartar' is the town (tartar). Point: Tartar town on the river. Line: hand-drawn approximate course through Kalbajar, the Sarsang reservoir and Tartar, general knowledge (GSHHG WDB II has no segment for it)."),
    dict(id="hakari-river", name="Hakari River", kind="river", point=(39.64, 46.55), line=[[46.25, 39.95], [46.45, 39.78], [46.55, 39.64], [46.57, 39.45], [46.59, 39.34], [46.62, 39.15], [46.65, 39.0]],
         names={"az": "Həkəri çayı", "hy": "Հակարի", "ru": "Акера"}, aliases=["Hakari river", "Akera"],
         note="River through Lachin (Berdzor) and the Lachin-Qubadli-Zangilan area to the Aras. Point: Lachin town on the "
              "river. Line: hand-drawn approximate course through Lachin and Qubadli, general knowledge (no packaged source has it). 'Hakari valley' is not this entry."),
    dict(id="vorotan", name="Vorotan", kind="river", point=(39.52, 46.03), line=[[45.8, 39.7], [45.85, 39.6], [46.03, 39.52], [46.2, 39.42], [46.35, 39.37], [46.5, 39.3], [46.59, 39.26]],
         names={"hy": "Որոտան", "az": "Bərgüşad çayı", "ru": "Воротан"}, aliases=["Vorotan River", "Bargushad", "Bazarchay", "Bazarçay"],
         note="River from Syunik, Armenia (Vorotan; Sisian) into Azerbaijan's Qubadli District (Bərgüşad / Bazarçay) and the "
              "Hakari. Point: Sisian on the river. Line: hand-drawn approximate course, general knowledge (no packaged source has it)."),
    dict(id="voghji", name="Voghji", kind="river", point=(39.207, 46.407), line=[[46.08, 39.16], [46.15, 39.15], [46.3, 39.2], [46.407, 39.207], [46.55, 39.13], [46.654, 39.085], [46.72, 39.02]],
         names={"hy": "Ողջի", "az": "Oxçuçay", "ru": "Вохчи"}, aliases=["Voghji River", "Okhchuchay", "Okhchu River", "Oxçu çayı"],
         note="River from Kajaran and Kapan (Syunik, Armenia) into Zangilan District, Azerbaijan, and the Aras; its pollution "
              "by Armenian mines is an Azerbaijani grievance. Point: Kapan on the river. Line: hand-drawn approximate course through Kajaran, Kapan and Zangilan, general knowledge (no packaged source has it)."),
    dict(id="hrazdan-river", name="Hrazdan River", kind="river", point=(40.18, 44.5), line=[[44.97, 40.55], [44.76, 40.5], [44.64, 40.4], [44.52, 40.25], [44.5, 40.18], [44.45, 40.05], [44.4, 40.0]],
         names={"hy": "Հրազդան գետ", "ru": "река Раздан"}, aliases=["Hrazdan river", "Zangu"],
         note="River from Lake Sevan through Yerevan to the Aras. Bare 'Hrazdan' is the town (hrazdan). Point: Yerevan on "
              "the river. Line: hand-drawn approximate course through Hrazdan, Charentsavan and Yerevan, general knowledge (no packaged source has it)."),
    dict(id="debed", name="Debed", kind="river", point=(41.1, 44.66), line=[[44.49, 40.81], [44.62, 40.95], [44.66, 40.99], [44.66, 41.1], [44.78, 41.15], [44.81, 41.24], [44.86, 41.33]],
         names={"hy": "Դեբեդ", "ru": "Дебед", "ka": "დებედა"}, aliases=["Debed River", "Debeda"],
         note="River from Lori, Armenia (Alaverdi) into Georgia to the Khrami and Kura. Point: Alaverdi on the river. Line: hand-drawn approximate course, general knowledge (no packaged source has it)."),
    dict(id="alazani", name="Alazani", kind="river", point=(41.75, 46.2), line=[[45.25, 42.25], [45.22, 42.03], [45.5, 41.9], [45.8, 41.85], [46.2, 41.75], [46.45, 41.5], [46.6, 41.2], [46.65, 41.05]],
         names={"ka": "ალაზანი", "az": "Qanıx", "ru": "Алазани"}, aliases=["Alazani River", "Ganikh", "Qanikh"],
         note="River of Kakheti, Georgia, forming part of the Georgia-Azerbaijan border (Azerbaijani Qanıx), into the "
              "Mingachevir reservoir. " + APPROX + " Line: hand-drawn approximate course past Akhmeta, Telavi and Lagodekhi, general knowledge (no packaged source has it)."),
    dict(id="samur", name="Samur", kind="river", point=(41.6, 48.35), line=[[46.95, 41.75], [47.3, 41.5], [47.73, 41.46], [48.1, 41.55], [48.35, 41.6], [48.58, 41.87]],
         names={"ru": "Самур", "az": "Samur çayı"}, aliases=["Samur River"],
         note="River from Dagestan forming the Russia-Azerbaijan border to the Caspian. " + APPROX + " Line: hand-drawn approximate course past Akhty and Magaramkent, general knowledge (no packaged source has it)."),
    dict(id="rioni", name="Rioni", kind="river", point=(42.27, 42.70), line=[[43.65, 42.7], [43.44, 42.58], [43.15, 42.52], [42.85, 42.4], [42.7, 42.27], [42.34, 42.16], [42.0, 42.18], [41.67, 42.17]],
         names={"ka": "რიონი", "ru": "Риони"}, aliases=["Rioni River"],
         note="Main river of western Georgia, through Kutaisi to the Black Sea at Poti. Point: "
              "Kutaisi on the river. Line: hand-drawn approximate course past Oni, Ambrolauri, Kutaisi and Samtredia, general knowledge (GSHHG WDB II has no segment for it)."),
    dict(id="astarachay", name="Astarachay", kind="river", point=(38.44, 48.87), line=[[48.6, 38.43], [48.75, 38.44], [48.87, 38.44], [48.89, 38.44]],
         names={"az": "Astaraçay", "fa": "آستاراچای"}, aliases=["Astara River", "Astara Chay"],
         note="Border river between Astara (Azerbaijan) and Astara (Iran), into the Caspian. Point: the two towns. Line: hand-drawn, approximate (no packaged source has it)."),
]

# --------------------------------------------------------------------------- mountains and passes

MOUNTAINS = [
    dict(id="mount-ararat", name="Mount Ararat", kind="mountain", point=(39.7022, 44.2983),
         names={"tr": "Ağrı Dağı", "hy": "Արարատ լեռ", "ru": "гора Арарат", "fa": "کوه آرارات", "az": "Ağrı dağı"},
         aliases=["Mt. Ararat", "Mt Ararat", "Ararat mountain", "Great Ararat", "Agri Dagi"],
         note="Volcano in eastern Turkey near the Armenian, Iranian and Nakhchivan borders; national symbol of Armenia "
              "(Armenian Masis, not an alias: Masis is also a town, masis). Bare 'Ararat' is not a name here (mountain, "
              "province, plain or town). Point: summit, general knowledge."),
    dict(id="mount-aragats", name="Mount Aragats", kind="mountain", point=(40.5325, 44.2),
         names={"hy": "Արագած", "ru": "Арагац"}, aliases=["Aragats", "Mt. Aragats"],
         note="Highest mountain of Armenia, in Aragatsotn. Point: north summit, general knowledge."),
    dict(id="mount-kazbek", name="Mount Kazbek", kind="mountain", point=(42.6994, 44.5186),
         names={"ka": "მყინვარწვერი", "ru": "Казбек"}, aliases=["Kazbek", "Mkinvartsveri", "Kazbeg"],
         note="Volcano on the Georgia-Russia border above Stepantsminda and the Darial gorge. Point: summit, general knowledge."),
    dict(id="mount-elbrus", name="Mount Elbrus", kind="mountain", point=(43.3499, 42.4453),
         names={"ru": "Эльбрус"}, aliases=["Elbrus"], note="Highest mountain of the Caucasus, in Russia. Point: summit, general knowledge."),
    dict(id="bazarduzu", name="Bazarduzu", kind="mountain", point=(41.2208, 47.8583),
         names={"az": "Bazardüzü", "ru": "Базардюзю"}, aliases=["Mount Bazarduzu", "Bazardyuzyu"],
         note="Highest mountain of Azerbaijan, on the Russian border. Point: summit, general knowledge."),
    dict(id="shahdag", name="Shahdag", kind="mountain", point=(41.3, 48.1),
         names={"az": "Şahdağ", "ru": "Шахдаг"}, aliases=["Mount Shahdag", "Shahdagh"],
         note="Mountain (and ski resort) in the Greater Caucasus, Qusar District, Azerbaijan. " + APPROX),
    dict(id="kaputjugh", name="Kaputjugh", kind="mountain", point=(39.15, 46.0),
         names={"hy": "Կապուտջուղ", "az": "Qapıcıq", "ru": "Капыджик"}, aliases=["Mount Kaputjugh", "Qapijiq", "Kapydzhik"],
         note="Highest peak of the Zangezur range, on the Armenia-Nakhchivan border. Contested name: Armenian Kaputjugh, "
              "Azerbaijani Qapıcıq; both link here. " + APPROX),
    dict(id="murovdag", name="Murovdag", kind="mountain", point=(40.28, 46.3),
         names={"az": "Murovdağ", "hy": "Մռավ", "ru": "Муровдаг"}, aliases=["Murov Mountains", "Murovdagh", "Mrav", "Murov dağı"],
         note="Range between Kalbajar and Goranboy, Azerbaijan (Armenian Mrav); fought over in 1993 and 2020. " + APPROX),
    dict(id="greater-caucasus", name="Greater Caucasus", kind="mountain", point=(42.7, 44.5),
         names={"ru": "Большой Кавказ", "az": "Böyük Qafqaz", "ka": "დიდი კავკასიონი"}, aliases=["Greater Caucasus range", "Caucasus Mountains", "Main Caucasus Range"],
         note="The main range of the Caucasus from the Black Sea to the Caspian. Point: the Kazbek area; no outline."),
    dict(id="lesser-caucasus", name="Lesser Caucasus", kind="mountain", point=(40.5, 45.0),
         names={"ru": "Малый Кавказ", "az": "Kiçik Qafqaz"}, aliases=["Lesser Caucasus range", "Little Caucasus"],
         note="The southern range of the Caucasus through Georgia, Armenia and Azerbaijan. Point: central; no outline."),
    dict(id="zangezur-mountains", name="Zangezur Mountains", kind="mountain", point=(39.3, 45.9),
         names={"hy": "Զանգեզուրի լեռներ", "az": "Zəngəzur silsiləsi", "ru": "Зангезурский хребет"}, aliases=["Zangezur range", "Zangezur ridge"],
         note="Range on the Armenia-Nakhchivan border. Point: central, general knowledge; no outline."),
    dict(id="talysh-mountains", name="Talysh Mountains", kind="mountain", point=(38.7, 48.5),
         names={"az": "Talış dağları", "fa": "کوه‌های تالش"}, aliases=["Talysh range", "Talesh Mountains"],
         note="Range along the Azerbaijan-Iran border above Lankaran and Astara. Point: central, general knowledge; no outline."),
]

PASSES = [
    dict(id="jvari-pass", name="Jvari Pass", kind="pass", point=(42.51, 44.45),
         names={"ka": "ჯვრის უღელტეხილი", "ru": "Крестовый перевал"}, aliases=["Krestovy Pass", "Krestovyy Pass"],
         note="Highest point of the Georgian Military Road, Georgia (the Cross Pass; that English phrase is not an alias). " + APPROX),
    dict(id="darial-gorge", name="Darial Gorge", kind="pass", point=(42.74, 44.62),
         names={"ka": "დარიალის ხეობა", "ru": "Дарьяльское ущелье"}, aliases=["Dariali Gorge", "Darial", "Dariali"],
         note="Gorge of the Terek on the Georgia-Russia border, with the Dariali checkpoint of the Upper Lars crossing. " + APPROX),
    dict(id="rikoti-pass", name="Rikoti Pass", kind="pass", point=(42.0, 43.47),
         names={"ka": "რიკოთის უღელტეხილი", "ru": "Рикотский перевал"}, aliases=["Rikoti tunnel"],
         note="Pass (and tunnel) of Georgia's east-west highway between Khashuri and Zestaponi. " + APPROX),
    dict(id="selim-pass", name="Selim Pass", kind="pass", point=(39.93, 45.24),
         names={"hy": "Վարդենյաց լեռնանցք", "ru": "Селимский перевал"}, aliases=["Vardenyats Pass", "Sulema Pass"],
         note="Pass between Vayots Dzor and Gegharkunik, Armenia, with the Selim caravanserai. " + APPROX),
    dict(id="omar-pass", name="Omar Pass", kind="pass", point=(40.28, 46.2),
         names={"az": "Ömər aşırımı", "ru": "перевал Омар"}, aliases=["Omar pass", "Murovdag pass"],
         note="Pass of the Murovdag range between Kalbajar and Goranboy, Azerbaijan; battles of 1993. " + APPROX),
]

# --------------------------------------------------------------------------- border crossings

CROSSINGS = [
    dict(id="upper-lars", name="Upper Lars", kind="border-crossing", point=(42.7447, 44.6277),
         names={"ru": "Верхний Ларс", "ka": "ზემო ლარსი"}, aliases=["Verkhny Lars", "Verkhniy Lars", "Lars checkpoint", "Zemo Larsi", "Kazbegi-Upper Lars"],
         note="Russia-Georgia road crossing on the Georgian Military Road (Georgian side: the Dariali/Kazbegi checkpoint), "
              "the only open land crossing between the two countries. " + APPROX),
    dict(id="red-bridge", name="Red Bridge", kind="border-crossing", point=(41.3194, 45.0856),
         names={"ka": "წითელი ხიდი", "az": "Qırmızı Körpü", "ru": "Красный мост"}, aliases=["Red Bridge crossing", "Tsiteli Khidi"],
         note="Georgia-Azerbaijan crossing on the Khrami with a medieval bridge, on the Tbilisi-Ganja road. " + APPROX),
    dict(id="lagodekhi-balakan", name="Lagodekhi-Balakan crossing", kind="border-crossing", point=(41.80, 46.30),
         names={"az": "Balakən-Laqodexi", "ka": "ლაგოდეხი-მაწიმი"}, aliases=["Lagodekhi crossing", "Mazimchay crossing", "Matsimi crossing"],
         note="Georgia-Azerbaijan road crossing between Lagodekhi and Balakan. " + APPROX),
    dict(id="sadakhlo-bagratashen", name="Sadakhlo-Bagratashen crossing", kind="border-crossing", point=(41.245, 44.81),
         aliases=["Bagratashen crossing", "Sadakhlo crossing", "Bagratashen-Sadakhlo"],
         note="Armenia-Georgia road crossing on the Debed between Bagratashen (bagratashen) and Sadakhlo (sadakhlo), the main "
              "road link of Armenia with Georgia. " + APPROX),
    dict(id="bavra-ninotsminda", name="Bavra-Ninotsminda crossing", kind="border-crossing", point=(41.13, 43.80),
         aliases=["Bavra crossing", "Bavra checkpoint", "Ninotsminda crossing"],
         note="Armenia-Georgia road crossing between Bavra (bavra) and Ninotsminda (ninotsminda). " + APPROX),
    dict(id="agarak-nurduz", name="Agarak-Nurduz crossing", kind="border-crossing", point=(38.85, 46.1999),
         aliases=["Agarak crossing", "Agarak checkpoint", "Agarak-Norduz", "Meghri crossing", "Meghri checkpoint"],
         note="Armenia-Iran crossing on the Aras, the only one between the two countries: Agarak (agarak) in Armenia, "
              "Nurduz (nurduz, the Iranian post) opposite. Bare 'Nurduz' is the Iranian post, bare 'Agarak' the town. " + APPROX),
    dict(id="lachin-checkpoint", name="Lachin checkpoint", kind="border-crossing", point=(39.56, 46.52),
         names={"az": "Laçın sərhəd-buraxılış məntəqəsi"}, aliases=["Lachin border checkpoint", "Hakari bridge checkpoint", "Hakari checkpoint"],
         note="Azerbaijani checkpoint set up in April 2023 at the Hakari bridge where the Lachin corridor road enters "
              "Azerbaijan from Kornidzor (kornidzor), Armenia. " + APPROX),
    dict(id="sadarak-crossing", name="Sadarak crossing", kind="border-crossing", point=(39.70, 44.89),
         aliases=["Sadarak checkpoint", "Sadarak border crossing", "Sədərək gömrük"],
         note="Nakhchivan-Armenia border at Sadarak (sadarak); closed since the war of the 1990s. " + APPROX),
    dict(id="dilucu", name="Dilucu", kind="border-crossing", point=(39.66, 44.62),
         names={"tr": "Dilucu Sınır Kapısı", "az": "Sədərək-Dilucu"}, aliases=["Dilucu crossing", "Dilucu border gate", "Hasret Bridge", "Umud Bridge"],
         note="Turkey-Nakhchivan crossing on the Aras (bridge 'Umud'/'Hasret'), Turkey's only border with Azerbaijan. " + APPROX),
    dict(id="julfa-jolfa-crossing", name="Julfa-Jolfa crossing", kind="border-crossing", point=(38.95, 45.63),
         aliases=["Julfa crossing", "Jolfa crossing", "Culfa crossing", "Julfa border crossing"],
         note="Nakhchivan-Iran road and rail crossing on the Aras between Julfa (julfa) and Jolfa (jolfa). " + APPROX),
    dict(id="shahtakhti-poldasht", name="Shahtakhti-Poldasht crossing", kind="border-crossing", point=(39.34, 45.09),
         names={"az": "Şahtaxtı"}, aliases=["Shahtakhti", "Shakhtakhty", "Poldasht crossing", "Poldasht-Shahtakhti bridge"],
         note="Nakhchivan-Iran crossing on the Aras between Shahtakhti and Poldasht (poldasht). " + APPROX),
    dict(id="astara-crossing", name="Astara crossing", kind="border-crossing", point=(38.43, 48.875),
         aliases=["Astara border crossing", "Astara checkpoint", "Astara-Astara"],
         note="Azerbaijan-Iran road (and, since 2018, rail) crossing on the Astarachay between Astara (astara) and Astara "
              "(astara-iran), on the North-South Transport Corridor. " + APPROX),
    dict(id="bilasuvar-crossing", name="Bilasuvar crossing", kind="border-crossing", point=(39.42, 48.33),
         aliases=["Bilasuvar border crossing", "Bilasuvar checkpoint", "Bileh Savar crossing"],
         note="Azerbaijan-Iran road crossing between Bilasuvar (bilasuvar) and Bileh Savar (bileh-savar). " + APPROX),
    dict(id="samur-crossing", name="Samur crossing", kind="border-crossing", point=(41.63, 48.38),
         aliases=["Samur-Yalama", "Yalama crossing", "Yarag-Kazmalyar", "Yarag-Kazmalyar crossing"],
         names={"ru": "Яраг-Казмаляр", "az": "Samur sərhəd-buraxılış məntəqəsi"},
         note="Azerbaijan-Russia road crossing on the Samur (Yalama / Yarag-Kazmalyar), on the North-South Transport "
              "Corridor. " + APPROX),
    dict(id="margara-crossing", name="Margara crossing", kind="border-crossing", point=(40.04, 44.18),
         aliases=["Margara-Alican", "Alican-Margara", "Margara checkpoint", "Alican crossing"],
         names={"tr": "Alican Sınır Kapısı"},
         note="Armenia-Turkey crossing on the Aras between Margara (margara) and Alican, closed since 1993 (opened briefly "
              "for aid in 2023). " + APPROX),
    dict(id="bazargan-gurbulak", name="Bazargan-Gürbulak crossing", kind="border-crossing", point=(39.37, 44.40),
         aliases=["Gürbulak", "Gurbulak", "Bazargan crossing", "Gürbulak-Bazargan"],
         note="Iran-Turkey road crossing between Bazargan (bazargan) and Doğubayazıt (dogubayazit). " + APPROX),
    dict(id="sarp-sarpi", name="Sarp-Sarpi crossing", kind="border-crossing", point=(41.52, 41.55),
         names={"ka": "სარფი", "tr": "Sarp Sınır Kapısı"}, aliases=["Sarp crossing", "Sarpi", "Sarp border gate", "Sarpi crossing"],
         note="Georgia-Turkey crossing on the Black Sea coast south of Batumi. Bare 'Sarp' (Turkish 'steep') is not a name here. " + APPROX),
    dict(id="vale-turkozu", name="Vale-Türközü crossing", kind="border-crossing", point=(41.58, 42.85),
         aliases=["Türközü", "Turkozu", "Vale crossing", "Posof-Vale"],
         note="Georgia-Turkey road crossing south of Akhaltsikhe, on the route of the Baku-Tbilisi-Kars corridor. " + APPROX),
]

# --------------------------------------------------------------------------- corridors and pipelines

CORRIDORS = [
    dict(id="lachin-corridor", name="Lachin corridor", kind="corridor", point=(39.60, 46.60),
         names={"az": "Laçın dəhlizi", "hy": "Լաչինի միջանցք", "ru": "Лачинский коридор"},
         aliases=["Lachin Corridor road", "Berdzor corridor"],
         line=[[46.515, 39.555], [46.55, 39.64], [46.62, 39.68], [46.70, 39.73], [46.75, 39.76]],
         note="Road from Goris and Kornidzor (Armenia) through Lachin (Berdzor) to Khankendi/Stepanakert and Shusha; under "
              "Russian peacekeepers from 2020, blockaded from December 2022 and closed in 2023. Azerbaijani and Armenian "
              "texts name it alike. Line: approximate route, general knowledge (no packaged source has roads)."),
    dict(id="north-south-corridor", name="North-South Transport Corridor", kind="corridor", point=(38.43, 48.87),
         names={"ru": "Международный транспортный коридор «Север — Юг»", "az": "Şimal-Cənub nəqliyyat dəhlizi", "fa": "کریدور شمال-جنوب"},
         aliases=["International North-South Transport Corridor", "INSTC", "North-South Corridor",
                  "Şimal-Cənub dəhlizi", "коридор Север-Юг"],
         line=[[47.5, 42.98], [48.29, 42.07], [48.38, 41.63], [49.1, 41.0], [49.89, 40.38], [49.4, 39.5], [48.87, 38.43],
               [48.9, 38.0], [49.58, 37.28], [50.0, 36.27], [51.42, 35.69]],
         note="Rail, road and sea route Russia-Azerbaijan-Iran-India. Line: its western (Azerbaijan) branch Makhachkala - Derbent "
              "- Samur - Baku - Astara - Rasht - Qazvin - Tehran, approximate; the Caspian and Armenian branches are not drawn."),
    dict(id="middle-corridor", name="Middle Corridor", kind="corridor", point=(40.38, 49.89),
         names={"az": "Orta Dəhliz", "tr": "Orta Koridor", "ru": "Средний коридор"},
         aliases=["Trans-Caspian International Transport Route", "TITR", "Trans-Caspian corridor", "Trans-Caspian Route"],
         line=[[51.2, 43.65], [49.89, 40.38], [48.0, 40.6], [46.36, 40.68], [45.0, 41.55], [44.8, 41.7], [43.5, 41.4], [43.08, 40.6],
               [41.27, 39.91], [32.85, 39.92]],
         note="Trade route China - Kazakhstan - the Caspian - Azerbaijan - Georgia - Turkey avoiding Russia. Line: Aktau - "
              "Baku - Ganja - Tbilisi - Akhalkalaki - Kars (Baku-Tbilisi-Kars railway) - Erzurum - Ankara, approximate."),
    dict(id="baku-tbilisi-kars-railway", name="Baku-Tbilisi-Kars railway", kind="corridor", point=(41.40, 43.49),
         names={"az": "Bakı-Tbilisi-Qars dəmir yolu", "tr": "Bakü-Tiflis-Kars Demiryolu"},
         aliases=["BTK railway", "Baku-Tbilisi-Kars", "BTK railroad"],
         line=[[49.89, 40.38], [48.0, 40.6], [46.36, 40.68], [45.0, 41.55], [44.8, 41.7], [44.1, 41.6], [43.49, 41.4], [43.2, 41.1],
               [43.08, 40.6]],
         note="Railway opened in 2017, the rail core of the Middle Corridor (bare 'BTK' is also Turkey's telecoms authority, not an alias). Line: approximate route via Tbilisi, Tsalka and "
              "Akhalkalaki, general knowledge."),
]

PIPELINES = [
    dict(id="btc-pipeline", name="Baku-Tbilisi-Ceyhan pipeline", kind="pipeline", point=(41.55, 44.99),
         names={"az": "Bakı-Tbilisi-Ceyhan", "tr": "Bakü-Tiflis-Ceyhan", "ru": "Баку — Тбилиси — Джейхан"},
         aliases=["BTC pipeline", "Baku-Tbilisi-Ceyhan oil pipeline", "Baku-Tbilisi-Ceyhan", "BTC oil pipeline"],
         line=[[49.55, 40.3], [48.0, 40.55], [46.36, 40.68], [45.35, 41.2], [44.99, 41.55], [44.1, 41.8], [43.4, 41.85],
               [43.0, 41.6], [42.7, 41.1], [41.27, 39.91], [39.5, 39.0], [37.5, 37.8], [35.8175, 37.02472]],
         note="Oil pipeline from the Sangachal terminal near Baku via Tbilisi and Erzurum to Ceyhan on the Mediterranean "
              "(2006). The place names inside the name ('Baku', 'Tbilisi', 'Ceyhan') are the cities only when written "
              "alone. Line: approximate route, general knowledge."),
    dict(id="south-caucasus-pipeline", name="South Caucasus Pipeline", kind="pipeline", point=(41.6, 43.4),
         names={"az": "Cənubi Qafqaz boru kəməri", "ru": "Южнокавказский газопровод"},
         aliases=["Baku-Tbilisi-Erzurum pipeline", "Baku-Tbilisi-Erzurum", "BTE pipeline", "SCP", "South Caucasus Gas Pipeline"],
         line=[[49.55, 40.3], [48.0, 40.55], [46.36, 40.68], [45.35, 41.2], [44.99, 41.55], [44.1, 41.8], [43.4, 41.85],
               [43.0, 41.6], [42.7, 41.1], [41.27, 39.91]],
         note="Gas pipeline from Shah Deniz (Sangachal) beside the BTC line to Erzurum, Turkey (2006; also called "
              "Baku-Tbilisi-Erzurum). Line: approximate route, general knowledge."),
    dict(id="tanap", name="TANAP", kind="pipeline", point=(39.91, 41.27),
         names={"tr": "Trans Anadolu Doğalgaz Boru Hattı", "az": "Trans-Anadolu qaz boru kəməri"},
         aliases=["Trans-Anatolian Pipeline", "Trans-Anatolian Natural Gas Pipeline", "Trans Anatolian Pipeline"],
         line=[[42.7, 41.1], [41.27, 39.91], [39.5, 39.75], [36.0, 39.75], [32.85, 39.5], [30.0, 40.0], [27.5, 40.8], [26.35, 40.95]],
         note="Gas pipeline across Turkey from the Georgian border to the Greek border (2018), the middle link of the Southern "
              "Gas Corridor. Line: approximate route, general knowledge."),
    dict(id="tap", name="Trans Adriatic Pipeline", kind="pipeline", point=(40.7, 20.0),
         aliases=["TAP", "Trans-Adriatic Pipeline", "TAP pipeline"],
         line=[[26.35, 40.95], [24.5, 40.95], [22.9, 40.7], [20.8, 40.6], [19.5, 40.6], [18.5, 40.4]],
         note="Gas pipeline from the Greek-Turkish border through Greece and Albania under the Adriatic to southern Italy "
              "(2020), the last link of the Southern Gas Corridor. 'TAP' is written in capitals only (an acronym). Line: "
              "approximate route, general knowledge."),
    dict(id="southern-gas-corridor", name="Southern Gas Corridor", kind="pipeline", point=(39.91, 41.27),
         names={"az": "Cənub Qaz Dəhlizi", "tr": "Güney Gaz Koridoru"}, aliases=["Southern Gas Corridor pipeline"],
         line=[[49.55, 40.3], [46.36, 40.68], [44.99, 41.55], [42.7, 41.1], [41.27, 39.91], [36.0, 39.75], [26.35, 40.95],
               [22.9, 40.7], [19.5, 40.6], [18.5, 40.4]],
         note="The chain South Caucasus Pipeline - TANAP - TAP carrying Shah Deniz gas to Europe. Line: approximate, general knowledge."),
    dict(id="baku-supsa-pipeline", name="Baku-Supsa pipeline", kind="pipeline", point=(42.0, 41.8),
         aliases=["Baku-Supsa", "Western Route Export Pipeline", "Baku-Supsa oil pipeline", "Western Early Oil pipeline"],
         line=[[49.55, 40.3], [48.0, 40.55], [46.36, 40.68], [45.35, 41.2], [44.99, 41.55], [43.6, 42.0], [42.7, 42.1], [41.80, 42.02]],
         note="Oil pipeline from Sangachal to the Supsa terminal on Georgia's Black Sea coast (1999). Line: approximate route, "
              "general knowledge."),
    dict(id="baku-novorossiysk-pipeline", name="Baku-Novorossiysk pipeline", kind="pipeline", point=(42.07, 48.29),
         aliases=["Baku-Novorossiysk", "Northern Route Export Pipeline", "Baku-Novorossiysk oil pipeline"],
         line=[[49.55, 40.3], [49.1, 41.0], [48.38, 41.63], [48.29, 42.07], [47.5, 42.98], [45.69, 43.31], [44.0, 44.3], [41.0, 45.0],
               [38.5, 44.9], [37.77, 44.72]],
         note="Oil pipeline from Baku through Dagestan and Chechnya (later bypassing it) to Novorossiysk on the Black Sea "
              "(1997). Line: approximate route, general knowledge."),
]
