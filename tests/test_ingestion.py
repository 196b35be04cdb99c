"""Ingestion as a library: progress events, failure records, uploads."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsledger import ingestion
from newsledger.ingestion import Options, Progress
from newsledger.read import Reader
from newsledger.store import Store

ARTICLE = ("---\ntitle: A transfer\npublished: 2025-02-28\n---\n"
           "Mexico sent 12 prisoners to the United States on Thursday, officials said.\n")


def test_ingest_paths_reports_progress_and_failures(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    events: list[Progress] = []
    with Store(db_url) as store:
        result = ingestion.ingest_paths(store, [folder], progress=events.append)
        assert result.summary() == "stored 1, duplicates 0, failed 1, events 1"
        assert result.merged and [f.source.endswith("empty.txt") for f in result.failures] == [True]
        assert [f.reason for f in store.failures()] == ["empty file"]
        stages = [e.stage for e in events]
        assert stages.count("stored") == 1 and "failed" in stages and stages[-1] == "merged"
        again = ingestion.ingest_paths(store, [folder / "a.txt"])
        assert again.summary() == "stored 0, duplicates 1, failed 0, events 0" and not again.merged
        assert Reader(store).status().documents == 1


def test_upload_is_read_like_a_file_and_named_safely(tmp_path: Path) -> None:
    items = ingestion.read_upload("../../etc/a.txt", ARTICLE.encode(), Options(language="en"))
    [document] = items
    assert document.source == "upload:a.txt" and document.language == "en" and document.title == "A transfer"
    [error] = ingestion.read_upload("b.txt", b"", Options())
    assert error.source == "upload:b.txt" and "empty" in str(error) and str(error).startswith("upload:b.txt")
    [large] = ingestion.read_upload("c.txt", b"x" * 50, Options(max_bytes=10))
    assert "limit" in str(large)


def test_ctrl_c_during_a_batch_write_interrupts_after_it() -> None:
    """The SIGINT that arrives mid-write is held until the block ends, then raised."""
    import os
    import signal

    from newsledger.ingestion import _interrupt_deferred

    finished = []
    with pytest.raises(KeyboardInterrupt):
        with _interrupt_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            finished.append("written")
    assert finished == ["written"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
