"""Where linking runs: this process, a process pool, a Dask cluster — same results."""

import pytest

from caucasusmap import runners
from caucasusmap.errors import CaucasusmapError, MissingLibraryError
from caucasusmap.index import open_index

TEXT = "# Notes\n\nNurduz and Tabriz; Baku.\n\nShusha, then Baku again.\n"


@pytest.fixture
def corpus(write, tmp_path):
    for i in range(6):
        write(f"k/doc{i}.md", TEXT * (i + 1))
    return tmp_path / "k"


def _facts(idx):
    return ([(m.document, m.start, m.end, m.place) for m in idx.mentions], [p.id for p in idx.passage_list])


def test_dask_local_cluster_gives_the_same_index(mini_gazetteer, corpus, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "serial"))
    serial = open_index(mini_gazetteer, corpus, runner=runners.LocalRunner(1))
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "dask"))
    monkeypatch.setattr("caucasusmap.index._batches", lambda items, size_of, workers, **k: [[i] for i in items])
    runner = runners.DaskRunner(None, workers=2)
    clustered = open_index(mini_gazetteer, corpus, runner=runner)
    assert clustered.source == "built" and clustered.stats.linked == 6
    assert _facts(clustered) == _facts(serial)
    assert clustered.mention_count("baku") == serial.mention_count("baku") == 2 * sum(range(1, 7))


def test_pool_gives_the_same_index(mini_gazetteer, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "serial"))
    serial = open_index(mini_gazetteer, corpus, runner=runners.LocalRunner(1))
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "pool"))
    monkeypatch.setattr("caucasusmap.index._batches", lambda items, size_of, workers, **k: [items[:2], items[2:]])
    pooled = open_index(mini_gazetteer, corpus, runner=runners.LocalRunner(2))
    assert _facts(pooled) == _facts(serial)


def test_missing_dask_and_unreachable_scheduler_say_so(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_dask(name, *a, **k):
        if name.split(".")[0] in ("distributed", "dask"):
            raise ImportError(name)
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(MissingLibraryError, match=r"caucasusmap\[cluster\]"):
        list(runners.DaskRunner(None).map(len, None, [[1]]))
    monkeypatch.setattr(builtins, "__import__", real)
    pytest.importorskip("distributed")
    with pytest.raises(CaucasusmapError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(runners.DaskRunner("tcp://127.0.0.1:9", timeout=2).map(len, None, [[1]]))


def test_link_command_on_a_running_scheduler(mini_gazetteer, corpus, tmp_path, monkeypatch, capsys):
    distributed = pytest.importorskip("distributed")
    from caucasusmap.cli import main

    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "serial"))
    serial = open_index(mini_gazetteer, corpus, runner=runners.LocalRunner(1))
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "cluster"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert main(["--gazetteer", str(mini_gazetteer), "--corpus", str(corpus), "link", "-q",
                     "--scheduler", cluster.scheduler_address]) == 0
    err = capsys.readouterr().err
    assert f"on the Dask cluster at {cluster.scheduler_address}" in err and "linked 6 document(s)" in err
    again = open_index(mini_gazetteer, corpus)
    assert again.source == "cache" and _facts(again) == _facts(serial)
