"""A feed served from 127.0.0.1 that a test changes between polls, and short invented
articles to put in it.

``FeedServer`` is a threaded ``http.server`` on a random port. It answers conditional GETs
as a real server would (304 when ``If-None-Match`` matches the current ETag), and plays
queued misbehaviours first (an error status, a malformed body), so that a test can follow
a feed through an outage. It records the headers of every request.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import format_datetime
from datetime import datetime, timezone
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Invented reports (people, places and figures made up for these tests).
ARTICLES: list[dict[str, str]] = [
    {"id": "tag:example.test,2026:arrest-veracruz", "title": "Navy arrests alleged cartel accountant in Veracruz",
     "date": "Tue, 03 Nov 2026 09:00:00 GMT", "link": "https://example.test/news/arrest-veracruz",
     "text": "Mexican marines arrested Rodrigo Alvarado Peña, an alleged accountant of the Gulf Cartel, "
             "in the port of Veracruz on Monday, the Secretaría de Marina said. Prosecutors said "
             "Alvarado Peña moved cartel money through shell companies in Tamaulipas."},
    {"id": "tag:example.test,2026:traslado-tres", "title": "México envía a tres presos a Estados Unidos",
     "date": "Wed, 04 Nov 2026 10:00:00 GMT", "link": "https://example.test/noticias/traslado-tres",
     "text": "El gobierno de México envió el miércoles a tres presos vinculados con el Cártel de Sinaloa "
             "a Estados Unidos, informó la Fiscalía General de la República. Los tres reos fueron "
             "trasladados en un avión de la Fiscalía a Texas, donde enfrentarán cargos por tráfico de drogas."},
    {"id": "tag:example.test,2026:arrest-sonora", "title": "Police detain two suspects in Sonora",
     "date": "Thu, 05 Nov 2026 08:30:00 GMT", "link": "https://example.test/news/arrest-sonora",
     "text": "State police detained two men in Hermosillo, Sonora, on Wednesday after finding 40 kilograms "
             "of methamphetamine in their truck, the Sonora attorney general's office said. Officials did "
             "not name the suspects."},
    {"id": "tag:example.test,2026:detenido-jalisco", "title": "Detienen en Jalisco a presunto jefe de plaza",
     "date": "Fri, 06 Nov 2026 12:00:00 GMT", "link": "https://example.test/noticias/detenido-jalisco",
     "text": "Elementos de la Guardia Nacional detuvieron el jueves en Zapopan, Jalisco, a Mauricio Ledesma "
             "Ortiz, presunto jefe de plaza del Cártel Jalisco Nueva Generación, informó el gabinete de "
             "seguridad. Ledesma Ortiz fue trasladado a la Ciudad de México."},
]


def rss(items: list[dict[str, str]], title: str = "Invented Wire") -> bytes:
    """An RSS 2.0 document with ``items`` (newest first, as feeds list them)."""
    entries = "".join(
        f"<item><guid isPermaLink=\"false\">{escape(item['id'])}</guid><title>{escape(item['title'])}</title>"
        f"<link>{escape(item['link'])}</link><pubDate>{item['date']}</pubDate>"
        f"<description>{escape(item['text'])}</description></item>"
        for item in reversed(items))
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{title}</title>"
            f"<link>https://example.test/</link><description>test feed</description>{entries}</channel></rss>"
            ).encode("utf-8")


class FeedServer:
    """The served feed: ``items`` (change it between polls), ``misbehave`` (a queue of
    ``"500"``, ``"malformed"``… played before the feed is served again), ``delay`` (a slow
    server) and ``requests`` (the headers of each request, in order)."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []
        self.misbehave: list[str] = []
        self.requests: list[dict[str, str]] = []
        self.statuses: list[int] = []
        self.last_modified = format_datetime(datetime(2026, 11, 3, tzinfo=timezone.utc), usegmt=True)
        self.lock = threading.Lock()
        self.url = ""
        self.delay = 0.0  # seconds before answering (cut short when the server stops)
        self.closing = threading.Event()

    def body(self) -> tuple[bytes, str]:
        data = rss(self.items)
        return data, '"' + hashlib.sha256(data).hexdigest()[:16] + '"'

    def answer(self, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self.requests.append(headers)
            delay = self.delay
        if delay:
            self.closing.wait(delay)
        with self.lock:
            if self.misbehave:
                kind = self.misbehave.pop(0)
                if kind == "malformed":
                    return 200, {"Content-Type": "application/rss+xml"}, b"<html><body>Oops, not a feed"
                return int(kind), {"Content-Type": "text/plain"}, b"server trouble"
            data, etag = self.body()
            if headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b""
            return 200, {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag,
                         "Last-Modified": self.last_modified}, data


@contextmanager
def serve_feed() -> Iterator[FeedServer]:
    """A ``FeedServer`` on 127.0.0.1 (random port) for the duration of the block."""
    feed = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            status, headers, data = feed.answer({k.lower(): v for k, v in self.headers.items()})
            feed.statuses.append(status)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    feed.url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    try:
        yield feed
    finally:
        feed.closing.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
