"""Feed entries keep what identifies them across fetches (for ``newsledger watch``), and a
body that is no feed is told apart from a feed without entries."""
from __future__ import annotations

import pytest

from newsledger.errors import InputError
from newsledger.ingest.feeds import check_feed, feed_entries, read_feed

ITEM = "<item>{extra}<title>Arrest in Colima</title><description>Police arrested a man in Colima on Monday." \
       "</description></item>"


def rss(*items: str) -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Invented</title>{''.join(items)}"
            "</channel></rss>").encode()


def test_an_entry_is_known_by_its_guid_else_its_link_else_a_digest() -> None:
    data = rss(ITEM.format(extra="<guid>tag:x,2026:1</guid><link>https://x.test/a</link>"),
               ITEM.format(extra="<link>https://x.test/b</link>"),
               ITEM.format(extra=""))
    keys = [entry.key for entry in feed_entries(data, "wire.xml")]
    assert keys[:2] == ["id:tag:x,2026:1", "link:https://x.test/b"]
    assert keys[2].startswith("digest:") and len(keys[2]) == len("digest:") + 64
    assert keys[2] == feed_entries(data, "wire.xml")[2].key  # the same on every fetch


def test_an_empty_feed_is_no_entries_for_a_watch_and_an_error_for_ingest() -> None:
    assert feed_entries(rss(), "wire.xml") == []
    [error] = list(read_feed(rss(), "wire.xml"))
    assert isinstance(error, InputError) and error.reason == "feed has no entries"


@pytest.mark.parametrize(("body", "found"), [
    (b"<html><body>Oops</body></html>", "XML that is not an RSS or Atom feed (its root element is <html>)"),
    (b"Service unavailable", "not an RSS or Atom feed (it does not start with an XML element)"),
])
def test_a_body_that_is_no_feed_says_what_it_is(body: bytes, found: str) -> None:
    with pytest.raises(InputError) as caught:
        check_feed(body, "https://x.test/feed")
    assert caught.value.reason == found
