"""Gold ids that name a reference place ``gn-N`` match the curated place that hides it."""

from types import SimpleNamespace

from caucasusmap.evaluate import PlaceMatcher
from caucasusmap.model import Place


def _matcher(gold_geonames=None):
    province = Place("igdir-province", "Iğdır Province", "province", 39.9, 44.0, links=(("geonames", "443184"),))
    town = Place("igdir", "Iğdır", "city", 39.9, 44.0, links=(("geonames", "311665"),))
    other = Place("gn-311665", "Iğdır", "city", 39.9, 44.0, origin="reference", geonames=311665)
    index = SimpleNamespace(place_pool=[province, town, other], gazetteer=SimpleNamespace(places=[province, town]))
    return PlaceMatcher(index, gold_geonames or {}, {311665, 443184}, {"gn-311665", "gn-443184"})


def test_a_reference_id_matches_the_curated_place_with_its_geonames_id():
    matcher = _matcher()
    assert matcher.same("igdir-province", "gn-443184")
    assert matcher.known("gn-443184")
    assert not matcher.same("igdir", "gn-443184")  # the town is another place
    assert not matcher.same("igdir-province", "gn-311665")


def test_ids_md_still_decides_own_ids_and_a_slug_never_reads_as_a_number():
    matcher = _matcher({"igdir-il": 443184})
    assert matcher.same("igdir-province", "igdir-il")
    assert not matcher.same("igdir-province", "gn-443184x")
    assert not matcher.same("igdir-province", "igdir")
