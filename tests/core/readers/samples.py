"""A document we control, written into every format by tests/docgen.py."""

from tests.docgen import SourceDoc

_FILL = ("The delegation travelled for several days through mountainous country, recording the condition of "
         "roads, bridges and border posts, and interviewing officials, traders and residents about the changes "
         "that the reopening of transport links would bring to their communities. ")

FIELD_REPORT = SourceDoc(
    title="Roads and Rivers of the Southern Caucasus",
    authors=("Leyla Mammadova", "Arman Petrosyan"),
    date="2021-06-15",
    url="https://example.org/reports/roads-and-rivers",
    running_head="Roads and Rivers — Field Report 2021",
    blocks=[
        ("heading", "Introduction", 1, ""),
        ("paragraph", "Our journey began in Baku and followed the old caravan route west towards Ganja. "
                      "Along the Aras river the Azerbaijani and Iranian banks face each other across a narrow "
                      "valley, and the crossing at Khudafarin[^1] is still remembered for its medieval bridges. "
                      + _FILL * 2, 0, ""),
        ("paragraph", "From Nakhchivan the road climbs to Julfa, where the railway once ran along the river "
                      "to Ordubad. Traders told us that goods from Tabriz still reach the markets of Nakhchivan "
                      "through the Nurduz crossing, and that the Meghri section of the line in Armenia "
                      "would shorten the route considerably.[^2] " + _FILL, 0, ""),
        ("heading", "The Lachin corridor", 2, ""),
        ("paragraph", "The Lachin corridor links Nagorno-Karabakh with Armenia; its road passes Shusha and "
                      "descends towards Goris and Kapan. " + _FILL * 6, 0, ""),
        ("item", "Stepanakert, visited on the second day.", 0, ""),
        ("item", "Agdam, largely ruined since the 1990s.", 0, ""),
        ("paragraph", "In Tabriz, officials of East Azerbaijan province described plans for a new bridge "
                      "over the Aras and a free trade zone near Jolfa. " + _FILL * 3, 0, ""),
        ("heading", "Conclusions", 2, ""),
        ("paragraph", "The routes between Yerevan, Tbilisi and Tehran are changing faster than the maps that "
                      "describe them. " + _FILL, 0, ""),
        ("footnote", "The two Khudafarin bridges span the Aras between Azerbaijan and Iran.", 0, "1"),
        ("footnote", "See the report on Meghri and Syunik published in 2020.", 0, "2"),
        ("heading", "References", 2, ""),
        ("paragraph", "Aliyev, R. (2019). Transport corridors of the Caucasus. Baku: Elm.", 0, ""),
        ("paragraph", "Hovhannisyan, T. (2020). The Syunik question. Yerevan University Press.", 0, ""),
    ],
)
