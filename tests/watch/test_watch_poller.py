"""Polling a changing feed served from 127.0.0.1 into the ledger (SQLite, and PostgreSQL
when NEWSLEDGER_TEST_PG is set): new items arrive, unchanged feeds answer 304, errors back
off and recover, and a restart takes nothing in twice."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from feed_server import ARTICLES, FeedServer, rss, serve_feed
from sqlalchemy import func, select

from newsledger.ledger import service
from newsledger.store import Store
from newsledger.store.schema import DocumentRow
from newsledger.watch import ReadOptions, Watcher, open_source, open_watcher
from newsledger.watch.sources import new_client


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    with serve_feed() as served:
        yield served


class Clock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def documents(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(DocumentRow)) or 0


OPENED: list[Watcher] = []


@pytest.fixture(autouse=True)
def _close_watchers() -> Iterator[None]:
    yield
    while OPENED:
        OPENED.pop().close()


def watcher(store: Store, names: list[str], clock: Clock, interval: float = 10.0) -> Watcher:
    """A watcher on the test clock, closed after the test."""
    opened = open_watcher(store, names, interval, clock=clock)
    OPENED.append(opened)
    return opened


def test_items_added_between_polls_arrive_and_an_unchanged_feed_is_not_modified(
        db_url: str, feed: FeedServer) -> None:
    feed.items = ARTICLES[:2]
    clock = Clock()
    with Store(db_url) as store:
        watch = watcher(store, [feed.url], clock)
        [first] = watch.poll_due()
        assert (first.new, first.duplicate, first.failed, first.not_modified) == (2, 0, 0, False)
        assert first.events >= 2
        assert service.unmerged(store) == []  # in the ledger, not only stored

        clock.now += 10
        [unchanged] = watch.poll_due()
        assert unchanged.not_modified and unchanged.new == 0
        assert feed.statuses[-1] == 304
        assert feed.requests[-1]["if-none-match"] == feed.body()[1]
        assert feed.requests[-1]["if-modified-since"] == feed.last_modified

        feed.items = ARTICLES[:3]
        clock.now += 10
        [grown] = watch.poll_due()
        assert (grown.new, grown.duplicate, grown.failed) == (1, 0, 0)
        assert documents(store) == 3
        assert "new 1, duplicate 0, failed 0" in grown.line()
        assert "(not modified)" in unchanged.line()


def test_a_failing_feed_backs_off_then_recovers(db_url: str, feed: FeedServer) -> None:
    feed.items = ARTICLES[:1]
    feed.misbehave = ["500", "malformed"]
    clock = Clock()
    with Store(db_url) as store:
        watch = watcher(store, [feed.url], clock, interval=10)
        [error] = watch.poll_due()
        assert error.error == "HTTP 500 Internal Server Error" and error.retry_in == 20
        assert "error: HTTP 500 Internal Server Error; next try in 20 s" in error.line()
        clock.now += 10
        assert watch.poll_due() == []  # backing off: not polled at the usual interval
        clock.now += 10
        [malformed] = watch.poll_due()
        assert malformed.error is not None and malformed.error.startswith("malformed feed")
        assert malformed.retry_in == 40  # doubled
        clock.now += 39
        assert watch.poll_due() == []
        clock.now += 1
        [recovered] = watch.poll_due()
        assert recovered.error is None and recovered.new == 1
        assert len(feed.requests) == 3
        clock.now += 10  # back to the usual interval
        [after] = watch.poll_due()
        assert after.not_modified
        assert documents(store) == 1


def test_retry_after_is_respected(db_url: str, feed: FeedServer) -> None:
    clock = Clock()
    with Store(db_url) as store:
        watch = watcher(store, [feed.url], clock, interval=1)
        feed.misbehave = ["503"]
        [error] = watch.poll_due()
        assert error.retry_in == 2
        # a 429 with Retry-After: 120 waits as asked, not the shorter backoff
        from newsledger.watch.sources import retry_after
        assert retry_after("120") == 120 and retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
        assert retry_after("soon") is None


def test_a_restart_sends_the_saved_validators_and_takes_nothing_in_twice(db_url: str, feed: FeedServer) -> None:
    feed.items = ARTICLES[:2]
    with Store(db_url) as store:
        [first] = watcher(store, [feed.url], Clock()).poll_due()
        assert first.new == 2
    with Store(db_url) as store:  # a new process: nothing in memory
        [again] = watcher(store, [feed.url], Clock()).poll_due()
        assert again.not_modified and feed.requests[-1]["if-none-match"] == feed.body()[1]
        feed.items = ARTICLES[:3]
        feed.last_modified = "Fri, 06 Nov 2026 12:00:00 GMT"
        [grown] = watcher(store, [feed.url], Clock()).poll_due()
        # only the new entry went to ingestion: the two known ones are not even duplicates
        assert (grown.new, grown.duplicate, grown.failed) == (1, 0, 0)
        assert documents(store) == 3


def test_an_entry_without_text_fails_once(db_url: str, feed: FeedServer) -> None:
    feed.items = [dict(ARTICLES[0], text="")] + ARTICLES[1:2]
    clock = Clock()
    with Store(db_url) as store:
        watch = watcher(store, [feed.url], clock)
        [first] = watch.poll_due()
        assert (first.new, first.failed) == (1, 1)
        feed.items = feed.items + ARTICLES[2:3]
        clock.now += 10
        [second] = watch.poll_due()
        assert (second.new, second.failed) == (1, 0)
        assert [f.reason for f in store.failures()] == [
            "entry 2 ('Navy arrests alleged cartel accountant in Veracruz'): no article text"]


def test_a_stop_request_leaves_the_rest_for_the_next_start(db_url: str, feed: FeedServer,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.watch import poller

    monkeypatch.setattr(poller, "BATCH", 1)
    feed.items = ARTICLES[:3]
    with Store(db_url) as store:
        watch = watcher(store, [feed.url], Clock())
        real = poller.ingest

        def ingest_then_stop(*args, **kwargs):  # type: ignore[no-untyped-def]
            watch.stop.set()  # as SIGTERM does while a batch is being extracted
            return real(*args, **kwargs)

        monkeypatch.setattr(poller, "ingest", ingest_then_stop)
        poll = watch.poll(watch.sources[0])
        assert poll.new == 1 and poll.interrupted
        assert "taken in on the next start" in poll.line()
        monkeypatch.setattr(poller, "ingest", real)
        [rest] = watcher(store, [feed.url], Clock()).poll_due()
        # no validators were saved: the feed is fetched in full and the rest taken in
        assert "if-none-match" not in feed.requests[-1]
        assert (rest.new, rest.duplicate) == (2, 0)


def test_a_folder_takes_in_new_and_changed_files(db_url: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLES[0]["text"], encoding="utf-8")
    past = time.time() - 60
    os.utime(inbox / "a.txt", (past, past))
    clock = Clock()
    with Store(db_url) as store:
        watch = watcher(store, [str(inbox)], clock)
        [first] = watch.poll_due()
        assert first.new == 1
        (inbox / "b.txt").write_text(ARTICLES[2]["text"], encoding="utf-8")  # still being written: waits
        clock.now += 10
        [second] = watch.poll_due()
        assert second.new == 0
        os.utime(inbox / "b.txt", (past, past))
        (inbox / "a.txt").write_text(ARTICLES[0]["text"] + " He was held in Mexico City.", encoding="utf-8")
        os.utime(inbox / "a.txt", (past + 1, past + 1))
        clock.now += 10
        [third] = watch.poll_due()
        assert (third.new, third.duplicate, third.failed) == (2, 0, 0)
        clock.now += 10
        [fourth] = watch.poll_due()
        assert (fourth.new, fourth.duplicate) == (0, 0)


def test_a_feed_file_is_read_again_when_it_changes(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_bytes(rss(ARTICLES[:1]))
    clock = Clock()
    with Store(db_url) as store:
        watch = watcher(store, [str(path)], clock)
        assert watch.poll_due()[0].new == 1
        clock.now += 10
        assert watch.poll_due()[0].not_modified
        path.write_bytes(rss(ARTICLES[:2]))
        os.utime(path, (time.time() + 5, time.time() + 5))
        clock.now += 10
        assert watch.poll_due()[0].new == 1


def test_an_unknown_source_is_refused_before_polling(tmp_path: Path) -> None:
    from newsledger.errors import InputError

    with new_client() as client, pytest.raises(InputError, match="no such file or folder, and not an http"):
        open_source(str(tmp_path / "nope"), client, ReadOptions())


def test_a_network_error_is_an_error_of_that_source_only(db_url: str, feed: FeedServer) -> None:
    feed.items = ARTICLES[:1]
    with Store(db_url) as store:
        watch = watcher(store, ["http://127.0.0.1:9/feed.xml", feed.url], Clock())
        down, up = watch.poll_due()
        assert down.error is not None and down.error.startswith("network error")
        assert up.new == 1


def test_a_database_error_is_a_poll_error_not_the_end_of_the_watch(db_url: str, feed: FeedServer,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    from newsledger.watch import poller

    feed.items = ARTICLES[:1]
    clock = Clock()
    with Store(db_url) as store:
        watch = watcher(store, [feed.url], clock)
        real = poller.remembered.remember_items

        def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
            raise OperationalError("INSERT …", {}, Exception("database is locked\nmore"))

        monkeypatch.setattr(poller.remembered, "remember_items", locked)
        [error] = watch.poll_due()
        assert error.error == "database error: database is locked" and error.retry_in == 20
        assert error.line().endswith("error: database is locked (before it: new 1, duplicate 0, failed 0); "
                                     "next try in 20 s")
        monkeypatch.setattr(poller.remembered, "remember_items", real)
        clock.now += 20
        [recovered] = watch.poll_due()
        # the document went in before the error: now a duplicate, and remembered
        assert (recovered.new, recovered.duplicate, recovered.error) == (0, 1, None)
        assert watch.totals.summary() == ("watch stopped after 2 poll(s) of 1 source(s): new 1, duplicate 1, "
                                          "failed 0, errors 1")
