"""`batch --scheduler`: a real Dask scheduler and worker processes on loopback give the same
tables as the local run; an unreachable scheduler is a fast, one-line failure."""

from __future__ import annotations

import json

import pytest

from tests.test_batch import assert_same_tables, batch, run_cli, small_corpus


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as local_cluster:
        yield local_cluster


@pytest.mark.slow
def test_cluster_run_equals_local_run(cluster, tmp_path):
    corpus = small_corpus(tmp_path / "corpus", n=8)
    local, remote = tmp_path / "local", tmp_path / "remote"
    batch(corpus, local, "--workers", "1")
    result = batch(corpus, remote, "--scheduler", cluster.scheduler_address, "--part-size", "2")
    assert "9 ok, 1 failed" in result.stdout
    assert_same_tables(local, remote)
    manifest = json.loads((remote / "manifest.json").read_text())
    assert manifest["options"]["scheduler"] == cluster.scheduler_address
    # Both worker processes took parts, and each loaded the models once.
    assert len(manifest["workers"]) == 2
    assert all(w["model_load_s"] is not None for w in manifest["workers"])


def test_unreachable_scheduler_is_one_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Газпром открыл офис в Казани.", encoding="utf-8")
    # Port 9 (discard) on loopback: nothing listens there, so the connection is refused.
    result = run_cli("batch", corpus, "--out", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler" in lines[0], result.stderr
