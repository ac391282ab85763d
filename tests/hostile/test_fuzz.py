"""Fuzzing the gazetteer loader and the corpus reader in the suite: a
bounded number of generated inputs each (``benchmarks/fuzz.py`` runs more)."""

from __future__ import annotations

from fuzz_targets import (
    corpora,
    corpus_target,
    gazetteer_bytes,
    gazetteer_target,
    gazetteer_text_target,
    gazetteer_texts,
)
from hypothesis import HealthCheck, given, settings

FAST = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@settings(FAST, max_examples=100)
@given(gazetteer_bytes)
def test_gazetteer_loader_on_any_bytes(data):
    gazetteer_target(data)


@FAST
@given(gazetteer_texts)
def test_gazetteer_validator_on_any_text(text):
    gazetteer_text_target(text)


@settings(FAST, max_examples=60)
@given(corpora)
def test_corpus_reader_and_linker_on_any_files(files):
    corpus_target(files)
