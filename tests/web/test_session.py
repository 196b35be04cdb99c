"""The web session: a cookie proving the token was shown, and the same-origin rule."""
from __future__ import annotations

from starlette.requests import Request

from newsledger.web.session import new_session, safe_next, same_origin, token_matches, valid_session


def _request(**headers: str) -> Request:
    raw = [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
    return Request({"type": "http", "method": "POST", "scheme": "http", "path": "/events/x/merge",
                    "server": ("127.0.0.1", 8000), "headers": [(b"host", b"127.0.0.1:8000"), *raw]})


def test_cookie_is_valid_only_under_the_token_it_was_issued_with() -> None:
    cookie = new_session("secret")
    assert "secret" not in cookie
    assert valid_session("secret", cookie)
    assert not valid_session("other", cookie)
    assert not valid_session(None, cookie)
    assert not valid_session("secret", cookie[:-1] + ("0" if cookie[-1] != "0" else "1"))
    assert not valid_session("secret", "garbage") and not valid_session("secret", "ñ.abc")


def test_token_check() -> None:
    assert token_matches("t", "t")
    assert not token_matches("t", "u") and not token_matches(None, "t") and not token_matches("t", "")


def test_same_origin_from_fetch_metadata_or_origin() -> None:
    assert same_origin(_request(sec_fetch_site="same-origin"))
    assert not same_origin(_request(sec_fetch_site="cross-site", origin="http://127.0.0.1:8000"))
    assert same_origin(_request(origin="http://127.0.0.1:8000"))
    assert not same_origin(_request(origin="http://evil.example"))
    assert not same_origin(_request(origin="null"))
    assert not same_origin(_request())


def test_redirect_after_sign_in_stays_on_the_server() -> None:
    assert safe_next("/events/ev-1") == "/events/ev-1"
    for bad in ("//evil.example/x", "https://evil.example", "javascript:alert(1)", "/\\evil", None, ""):
        assert safe_next(bad) == "/"
