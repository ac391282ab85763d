"""Where linking runs: this process, a process pool, a Dask cluster — same results."""

import os
import time
from pathlib import Path

import pytest

from caucasusmap import runners
from caucasusmap.errors import Cancelled, CaucasusmapError, MissingLibraryError
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
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "pool-cancellable"))
    asked = []
    pooled = open_index(mini_gazetteer, corpus, runner=runners.LocalRunner(2),
                        cancelled=lambda: asked.append(1) is not None)  # asked, never says yes
    assert _facts(pooled) == _facts(serial) and asked


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



def _link(mini_gazetteer, corpus, capsys, *extra):
    from caucasusmap.cli import main

    assert main(["--gazetteer", str(mini_gazetteer), "--corpus", str(corpus), "link", "-q", *extra]) == 0
    return capsys.readouterr().err


def test_link_no_cache_links_every_document_again(mini_gazetteer, corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "cache"))
    assert "linked 6 document(s)" in _link(mini_gazetteer, corpus, capsys)
    assert "linked 0 document(s)" in _link(mini_gazetteer, corpus, capsys)
    err = _link(mini_gazetteer, corpus, capsys, "--no-cache")
    assert "linked 6 document(s)" in err and "0 already linked" in err
    again = open_index(mini_gazetteer, corpus)
    assert again.source == "cache" and again.mention_count("baku") == 2 * sum(range(1, 7))
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "fresh"))
    assert _facts(again) == _facts(open_index(mini_gazetteer, corpus))


def test_link_no_reference_builds_the_index_the_other_commands_open(mini_gazetteer, corpus, tmp_path, monkeypatch,
                                                                    capsys):
    monkeypatch.delenv("CAUCASUSMAP_REFERENCE", raising=False)  # the packaged reference, as for a user
    monkeypatch.setenv("CAUCASUSMAP_CACHE_DIR", str(tmp_path / "cache"))
    assert "linked 6 document(s)" in _link(mini_gazetteer, corpus, capsys, "--no-reference")
    assert open_index(mini_gazetteer, corpus, reference=None).source == "cache"


WAIT_FOR_CANCEL = 30.0
"""How long a worker of the tests below waits for the cancel to reach it
(it comes within a poll, 0.1 s; the limit only keeps a broken run finite)."""


def _link_in_small_windows(spec, items, *, cancelled):
    """In a worker: link ``items`` a 4,000-character window at a time,
    writing a line per window to ``<corpus>/../windows/<file>``; the third
    window waits until ``cancelled()`` says yes (or WAIT_FOR_CANCEL)."""
    from caucasusmap import index as index_mod

    log = Path(items[0][1]).parent.parent / "windows" / Path(items[0][0]).name
    real, sizes = index_mod.Linker.find_links, (index_mod.WINDOW_CHARS, index_mod.WINDOW_MARGIN)

    def counting(self, text, check=None):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{len(text)}\n")
        if len(log.read_text(encoding="utf-8").splitlines()) == 3:
            deadline = time.monotonic() + WAIT_FOR_CANCEL
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)
        return real(self, text, check)

    index_mod.Linker.find_links = counting
    index_mod.WINDOW_CHARS, index_mod.WINDOW_MARGIN = 4000, 500
    try:
        return index_mod.link_files(spec, items, cancelled=cancelled)
    finally:
        index_mod.Linker.find_links = real
        index_mod.WINDOW_CHARS, index_mod.WINDOW_MARGIN = sizes


def _cancel_inside_long_documents(mini_gazetteer, write, tmp_path, runner):
    """Two one-line documents of 60+ windows each, one batch per worker;
    Cancel is pressed (``cancelled()`` says yes) once a worker has begun its
    third window. Returns the windows each worker linked."""
    from caucasusmap.gazetteer import load_gazetteer
    from caucasusmap.index import _spec

    line = " ".join(f"Convoy {i} went from Baku to Tabriz and back, via Nurduz." for i in range(5000))
    items = []
    for i in range(2):
        path = write(f"long/doc{i}.txt", line + "\n")
        st = path.stat()
        items.append((path.name, str(path), st.st_size, st.st_mtime_ns))
    assert len(line) > 60 * 4000
    logs = tmp_path / "windows"
    logs.mkdir()
    pid = os.getpid()

    def cancelled():
        assert os.getpid() == pid  # asked here only: the workers read the runner's flag
        return any(len(f.read_text(encoding="utf-8").splitlines()) >= 3 for f in logs.iterdir())

    with pytest.raises(Cancelled):
        for _ in runner.map(_link_in_small_windows, _spec(load_gazetteer(mini_gazetteer)), [[items[0]], [items[1]]],
                            cancelled=cancelled):
            pass
    return [len(f.read_text(encoding="utf-8").splitlines()) for f in sorted(logs.iterdir())]


def test_cancel_stops_pool_workers_inside_a_document(mini_gazetteer, write, tmp_path):
    windows = _cancel_inside_long_documents(mini_gazetteer, write, tmp_path, runners.LocalRunner(2))
    assert windows and max(windows) == 3  # of 60: each worker stopped in the window it was linking


def test_cancel_stops_dask_workers_inside_a_document(mini_gazetteer, write, tmp_path):
    pytest.importorskip("distributed")
    windows = _cancel_inside_long_documents(mini_gazetteer, write, tmp_path, runners.DaskRunner(None, workers=2))
    assert windows and max(windows) == 3
