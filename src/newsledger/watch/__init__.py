"""Watch mode: polling feeds and folders into the ledger (``newsledger watch``).

* ``sources``: what a source is (feed URL, feed file, folder) and one fetch of it, with
  conditional GET;
* ``state``: what is remembered between polls and restarts (validators, items taken in);
* ``poller``: the schedule, backoff on errors, ingestion of new items, graceful stop;
* ``tables`` and ``migrations/``: the two tables behind ``state``.

Usage from Python::

    with Store(url) as store, open_watcher(store, ["https://example.org/feed.xml", "inbox/"], 60) as watcher:
        totals = watcher.run(report=lambda poll: print(poll.line()))
"""
from __future__ import annotations

from newsledger.watch.poller import Poll, Totals, Watcher, open_watcher, warm
from newsledger.watch.sources import ReadOptions, open_source

__all__ = ["Poll", "ReadOptions", "Totals", "Watcher", "open_source", "open_watcher", "warm"]
