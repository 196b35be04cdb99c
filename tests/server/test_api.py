"""Every endpoint of the JSON API through FastAPI's TestClient: answers, 404s, the token
(403 without it, or from another origin), refusals (409), body limits (413)."""
from __future__ import annotations

from fastapi.testclient import TestClient

from tests.server.conftest import TOKEN, auth

API = "/api/v1"


def transfers(client: TestClient) -> list[dict]:
    page = client.get(f"{API}/events", params={"type": "transfer", "factual": "true"}).json()
    return [e for e in page["items"] if e["date"]["start"]]


# --- reads ------------------------------------------------------------------------------

def test_status(reading: TestClient) -> None:
    status = reading.get(f"{API}/status").json()
    assert status["documents"] == 9 and status["pending"] == 0 and status["events"] > 0


def test_events_filters_pagination_and_facets(reading: TestClient) -> None:
    rows = transfers(reading)
    assert [(e["date"]["value"], e["count"]) for e in rows] == [("2025-02-27", 29), ("2025-08-12", 26), ("2026-01-20", 37)]
    page = reading.get(f"{API}/events", params={"limit": 2, "offset": 1}).json()
    assert len(page["items"]) == 2 and page["offset"] == 1 and page["total"] > 2
    assert {f["value"] for f in page["facets"]["types"]} >= {"transfer", "arrest"}
    month = reading.get(f"{API}/events", params={"period": "2025-08"}).json()
    assert month["total"] and all(e["date"]["start"] <= "2025-08-31" for e in month["items"])
    assert reading.get(f"{API}/events", params={"country": "MX", "text": "transfer"}).json()["total"] >= 3
    assert reading.get(f"{API}/events", params={"min_sources": 4}).json()["total"] >= 2
    assert reading.get(f"{API}/events", params={"period": "2025-13"}).status_code == 422
    assert reading.get(f"{API}/events", params={"limit": 0}).status_code == 422


def test_event_detail_and_404(reading: TestClient) -> None:
    first = transfers(reading)[0]
    detail = reading.get(f"{API}/events/{first['id']}").json()
    count = next(s for s in detail["statements"] if s["field"] == "count" and s["span"])
    sentence, span = count["sentence"], count["span"]
    assert sentence["start"] <= span["start"] < span["end"] <= sentence["end"] and "29" in span["text"]
    assert detail["conflicts"] and detail["series"] == ["transfer.MX-US"]
    missing = reading.get(f"{API}/events/ev-000000000000")
    assert missing.status_code == 404 and "no ledger event" in missing.json()["detail"]


def test_entities(reading: TestClient) -> None:
    page = reading.get(f"{API}/entities", params={"q": "caro quintero"}).json()
    assert page["items"][0]["id"] == "person-rafael-caro-quintero"
    detail = reading.get(f"{API}/entities/person-rafael-caro-quintero").json()
    assert detail["name"] == "Rafael Caro Quintero" and detail["event_list"] and detail["cooccurring"]
    assert reading.get(f"{API}/entities/person-nobody").status_code == 404


def test_series_and_claims(reading: TestClient) -> None:
    series = reading.get(f"{API}/series").json()
    assert [s["id"] for s in series] == ["transfer.MX-US"] and series[0]["total"] == 92
    detail = reading.get(f"{API}/series/transfer.MX-US").json()
    assert [r["cumulative"] for r in detail["rows"]] == [29, 55, 92]
    assert reading.get(f"{API}/series/nothing").status_code == 404
    claims = reading.get(f"{API}/claims").json()
    assert claims and {c["verdict"] for c in claims} <= {"consistent", "inconsistent", "unverifiable"}
    consistent = reading.get(f"{API}/claims", params={"verdict": "consistent"}).json()
    assert consistent and all(c["verdict"] == "consistent" for c in consistent)


def test_documents(reading: TestClient) -> None:
    page = reading.get(f"{API}/documents", params={"limit": 3}).json()
    assert page["total"] == 9 and len(page["items"]) == 3
    doc = reading.get(f"{API}/documents/{page['items'][0]['id']}").json()
    assert doc["spans"] and all(doc["text"][s["start"]:s["end"]] == s["text"] for s in doc["spans"])
    assert reading.get(f"{API}/documents/sha256:0").status_code == 404


def test_failures_links_search(reading: TestClient) -> None:
    assert reading.get(f"{API}/failures").json() == {"items": [], "total": 0, "offset": 0, "limit": 50}
    links = reading.get(f"{API}/links").json()
    assert all(0 < link["score"] < 1 or link["score"] >= 0 for link in links)
    found = reading.get(f"{API}/search", params={"q": "Caro Quintero"}).json()
    assert found["events"] and found["entities"] and found["documents"]
    assert reading.get(f"{API}/search").status_code == 422


def test_export_respects_filters(reading: TestClient) -> None:
    data = reading.get(f"{API}/export", params={"type": "transfer"}).json()
    assert {e["type"] for e in data["events"]} == {"transfer"} and data["tallies"]
    csv = reading.get(f"{API}/export", params={"format": "csv", "type": "transfer"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert len(csv.text.splitlines()) == len(data["events"]) + 1


def test_docs_are_served_offline(reading: TestClient) -> None:
    page = reading.get("/docs").text
    assert "/_docs/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert reading.get("/_docs/swagger-ui-bundle.js").status_code == 200
    assert reading.get("/openapi.json").json()["info"]["title"] == "newsledger"


# --- writes -----------------------------------------------------------------------------

def test_read_only_server_refuses_writes(reading: TestClient) -> None:
    answer = reading.post(f"{API}/events/merge", json={"a": "x", "b": "y"}, headers=auth())
    assert answer.status_code == 403 and "read-only" in answer.json()["detail"]


def test_merge_needs_the_token_and_same_origin(client: TestClient) -> None:
    a, b = (e["id"] for e in transfers(client)[:2])
    assert client.post(f"{API}/events/merge", json={"a": a, "b": b}).status_code == 403
    wrong = {"Authorization": "Bearer nope"}
    assert client.post(f"{API}/events/merge", json={"a": a, "b": b}, headers=wrong).status_code == 403
    cross = {**auth(), "Origin": "http://evil.example"}
    assert client.post(f"{API}/events/merge", json={"a": a, "b": b}, headers=cross).status_code == 403
    fetched = {**auth(), "Sec-Fetch-Site": "cross-site"}
    assert client.post(f"{API}/events/merge", json={"a": a, "b": b}, headers=fetched).status_code == 403
    same = {**auth(), "Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    refused = client.post(f"{API}/events/merge", json={"a": a, "b": b}, headers=same)
    assert refused.status_code == 409 and "would conflict on count, date" in refused.json()["detail"]
    merged = client.post(f"{API}/events/merge", json={"a": a, "b": b, "force": True}, headers=same)
    assert merged.status_code == 200, merged.text
    event = merged.json()["events"][0]
    assert merged.json()["action"] == "merge" and event["sources"] >= 6
    assert len(transfers(client)) == 2  # the read API sees the change at once
    split = client.post(f"{API}/events/{event['id']}/split", headers=auth())
    assert split.status_code == 200 and len(split.json()["events"]) > 2


def test_forget_takes_back_a_forced_merge(client: TestClient) -> None:
    a, b = (e["id"] for e in transfers(client)[:2])
    assert client.post(f"{API}/events/merge", json={"a": a, "b": b, "force": True}, headers=auth()).status_code == 200
    assert len(transfers(client)) == 2
    [decision] = client.get(f"{API}/decisions").json()
    assert decision["kind"] == "merge" and len(decision["events"]) == 1
    assert client.post(f"{API}/decisions/{decision['id']}/forget").status_code == 403
    forgot = client.post(f"{API}/decisions/{decision['id']}/forget", headers=auth())
    assert forgot.status_code == 200 and forgot.json()["action"] == "forget"
    assert len(transfers(client)) == 3 and client.get(f"{API}/decisions").json() == []
    assert client.post(f"{API}/decisions/{decision['id']}/forget", headers=auth()).status_code == 404


def test_unknown_ids_are_404_and_refusals_409(client: TestClient) -> None:
    assert client.post(f"{API}/events/merge", json={"a": "ev-x", "b": "ev-y"}, headers=auth()).status_code == 404
    assert client.post(f"{API}/events/ev-x/split", headers=auth()).status_code == 404
    single = next(e for e in client.get(f"{API}/events", params={"limit": 500}).json()["items"]
                  if e["sources"] == 1 and len(client.get(f"{API}/events/{e['id']}").json()["reports"]) == 1)
    refused = client.post(f"{API}/events/{single['id']}/split", headers=auth())
    assert refused.status_code == 409 and "single report" in refused.json()["detail"]
    rows = client.get(f"{API}/events", params={"type": "transfer", "limit": 500}).json()["items"]
    real = next(e for e in rows if not e["hypothetical"])
    planned = next(e for e in rows if e["hypothetical"])
    mixed = client.post(f"{API}/events/merge", json={"a": real["id"], "b": planned["id"]}, headers=auth())
    assert mixed.status_code == 409


def test_link_decides_a_candidate(client: TestClient) -> None:
    links = client.get(f"{API}/links").json()
    assert links, "the samples leave candidate links"
    link = links[0]
    apart = client.post(f"{API}/events/link", json={"a": link["event"], "b": link["other"], "same": False},
                        headers=auth())
    assert apart.status_code == 200 and apart.json()["action"] == "apart"
    remaining = {(x["event"], x["other"]) for x in client.get(f"{API}/links").json()}
    assert (link["event"], link["other"]) not in remaining


def test_upload_ingests_an_article_and_shows_it_escaped(client: TestClient) -> None:
    article = ("---\ntitle: <script>alert(1)</script> handover\npublished: 2025-03-03\n---\n"
               "Mexico sent 11 prisoners to the United States on Monday. <b>bold</b>\n")
    files = {"file": ("note.txt", article.encode(), "text/plain")}
    assert client.post(f"{API}/documents", files=files).status_code == 403
    answer = client.post(f"{API}/documents", files=files, data={"language": "en"}, headers=auth())
    assert answer.status_code == 200, answer.text
    [doc_id] = answer.json()["stored"]
    doc = client.get(f"{API}/documents/{doc_id}").json()
    assert doc["document"]["source"] == "upload:note.txt" and "<b>bold</b>" in doc["text"]
    again = client.post(f"{API}/documents", files=files, headers=auth()).json()
    assert again["duplicates"] == [doc_id]
    empty = client.post(f"{API}/documents", files={"file": ("e.txt", b"", "text/plain")}, headers=auth()).json()
    assert empty["failures"][0]["reason"] == "empty file"
    assert client.get(f"{API}/failures").json()["total"] == 1


def test_bodies_are_limited(db_copy: str) -> None:
    from newsledger.server import create_app

    with TestClient(create_app(db_copy, token=TOKEN, max_body=100, max_upload=1000)) as small:
        big = small.post(f"{API}/events/merge", json={"a": "x" * 200, "b": "y"}, headers=auth())
        assert big.status_code == 413
        files = {"file": ("a.txt", b"x" * 100_000, "text/plain")}
        assert small.post(f"{API}/documents", files=files, headers=auth()).status_code == 413
        # past the article limit but within the multipart allowance: read, and refused as a failure
        files = {"file": ("b.txt", b"x" * 2000, "text/plain")}
        answer = small.post(f"{API}/documents", files=files, headers=auth()).json()
        assert "limit" in answer["failures"][0]["reason"]
