"""Adding places from the command line, and geocoding (fake and offline)."""

import time
from types import SimpleNamespace

import pytest

from caucasusmap.cli import main
from caucasusmap.geocode import GeocodingError, geocode


def fake_geocoder(results):
    calls = []

    def lookup(query, **kwargs):
        calls.append((query, kwargs))
        return [SimpleNamespace(address=a, latitude=lat, longitude=lon, raw={"class": "place", "type": t})
                for a, lat, lon, t in results]

    lookup.calls = calls
    return lookup


def test_geocode_with_an_injected_geocoder():
    fake = fake_geocoder([("Goris, Syunik, Armenia", 39.511, 46.341, "town")])
    (c,) = geocode("Goris", geocoder=fake)
    assert (c.name, c.lat, c.lon, c.kind) == ("Goris, Syunik, Armenia", 39.511, 46.341, "place/town")
    assert fake.calls[0][1]["exactly_one"] is False and fake.calls[0][1]["viewbox"]


def test_geocode_service_errors_become_clear_messages():
    from geopy.exc import GeocoderUnavailable

    def broken(query, **kwargs):
        raise GeocoderUnavailable("Service not available")

    with pytest.raises(GeocodingError, match="Geocoding needs the network.*--lat/--lon"):
        geocode("Goris", geocoder=broken)


def test_real_client_without_network_fails_cleanly(capsys):
    # This machine has no network: the real Nominatim client must fail with a
    # located, actionable message — quickly, not a traceback or a hang.
    t = time.monotonic()
    code = main(["geocode", "Goris", "--timeout", "3"])
    err = capsys.readouterr().err
    assert code == 2 and "could not look up 'Goris' online" in err and "Traceback" not in err
    assert time.monotonic() - t < 20
    # in words, not urllib3's chain of exceptions
    assert "HTTPSConnectionPool" not in err and "Caused by" not in err and len(err) < 300
    assert "no network" in err or "no connection" in err


def test_lookup_failures_in_words():
    from geopy.exc import GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable

    raw = ("HTTPSConnectionPool(host='nominatim.openstreetmap.org', port=443): Max retries exceeded with url: "
           "/search?q=Goris (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at "
           "0x7f00>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution'))")
    for exc, words in ((GeocoderUnavailable(raw), "no network"), (GeocoderTimedOut("read timed out"), "within 3 s"),
                       (GeocoderRateLimited("429"), "too many requests"), (OSError("Network is unreachable"),
                                                                           "no connection")):
        def broken(query, _exc=exc, **kwargs):
            raise _exc

        with pytest.raises(GeocodingError) as info:
            geocode("Goris", geocoder=broken, timeout=3)
        assert words in info.value.summary and "--lat/--lon" in info.value.summary
        assert "HTTPSConnectionPool" not in info.value.summary
        assert type(exc).__name__ in str(info.value)  # the library's words stay in the message


def test_add_place_command(capsys, write, tmp_path, mini_gazetteer):
    write("c/d.md", "We drove to Goris and on to Gorus.\n")
    before = mini_gazetteer.read_text(encoding="utf-8")
    code = main(["add-place", "Goris", "--lat", "39.511", "--lon", "46.341", "--kind", "town", "--alias", "Gorus",
                 "--gazetteer", str(mini_gazetteer), "--corpus", str(tmp_path / "c")])
    out = capsys.readouterr().out
    assert code == 0 and f"{mini_gazetteer}:" in out and "added 'goris'" in out
    assert "mentioned 2 time(s) in 1 document(s)" in out
    after = mini_gazetteer.read_text(encoding="utf-8")
    assert after.startswith(before) and "- id: goris" in after
    assert (tmp_path / "places.yaml.bak").read_text(encoding="utf-8") == before
    code = main(["add-place", "Goris", "--lat", "99", "--lon", "46", "--gazetteer", str(mini_gazetteer),
                 "--corpus", str(tmp_path / "c")])
    assert code == 2 and "invalid" in capsys.readouterr().err
