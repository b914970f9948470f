"""tradeshock.dask on a LocalCluster of two worker processes: partitioned BACI-shaped files (one per year, made
by bench/gen_baci.py) read on the workers, reduced to cell totals, combined — equal to the single-process
answer exactly."""
import subprocess
import sys

import pandas as pd
import pytest

import tradeshock
import tradeshock.dask
from conftest import SOURCE_DIR

distributed = pytest.importorskip("distributed")

YEARS = (2020, 2021, 2022)


@pytest.fixture(scope="module")
def partitions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("baci")
    for year in YEARS:
        subprocess.run([sys.executable, str(SOURCE_DIR / "bench" / "gen_baci.py"),
                        str(folder / f"BACI_HS17_Y{year}_V202401.csv"), "--rows", "20000", "--year", str(year),
                        "--seed", str(year)], check=True)
    return folder


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        yield client


def single_process_cells(paths, product_digits=None):
    """The single-machine answer: every file in one table, grouped in one pass."""
    frame = tradeshock.read(paths).to_pandas()
    if product_digits:
        frame["product"] = frame["product"].astype(str).str.slice(0, product_digits)
    keys = ["reporter", "partner", "product", "period", "flow", "currency"]
    for key in keys:
        frame[key] = frame[key].astype(str)
    cells = frame.groupby(keys, sort=True)[["value", "quantity"]].sum(min_count=1).reset_index()
    return cells


def test_two_workers_give_the_single_process_cells_exactly(partitions, client):
    assert len(client.scheduler_info()["workers"]) == 2
    pattern = str(partitions / "BACI_HS17_Y*_V202401.csv")
    paths = tradeshock.dask.partitions(pattern)
    assert len(paths) == 3
    for digits in (None, 2):
        cells = tradeshock.dask.aggregate(pattern, client=client, product_digits=digits)
        expected = single_process_cells(paths, digits)
        assert len(cells) == len(expected) and len(cells) > 0
        pd.testing.assert_frame_equal(cells, expected, check_exact=True)
    # Chapters really sum rows: fewer cells than rows.
    assert len(tradeshock.dask.aggregate(pattern, client=client, product_digits=2)) < 3 * 20000


def test_both_workers_did_work(partitions, client):
    futures = client.map(tradeshock.dask.aggregate_file, tradeshock.dask.partitions(str(partitions / "*_V*.csv")),
                         pure=False)
    distributed.wait(futures)
    who = client.who_has(futures)
    assert len({worker for workers in who.values() for worker in workers}) == 2


def test_indicators_on_the_cluster_equal_the_library_on_one_table(partitions, client):
    pattern = str(partitions / "BACI_HS17_Y*_V202401.csv")
    distributed_result = tradeshock.dask.indicators(pattern, client=client, reporter="CHN", flow="exports",
                                                    period="2022", by="partner")
    local = tradeshock.indicators(tradeshock.dask.partitions(pattern), reporter="CHN", flow="exports",
                                  period="2022", by="partner")
    assert distributed_result["total"]["value"] == local["total"]["value"]
    ours = distributed_result.frame()[["partner", "value", "share"]]
    theirs = local.frame()[["partner", "value", "share"]]
    pd.testing.assert_frame_equal(ours, theirs, check_exact=True)
    assert distributed_result["hhi"] == local["hhi"]


def test_a_glob_that_matches_nothing_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no file matches"):
        tradeshock.dask.aggregate(str(tmp_path / "*.csv"))
