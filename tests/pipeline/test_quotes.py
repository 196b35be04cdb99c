import pytest

from newsledger.pipeline.quotes import _any_channel, _channels, channel_in, quoted_spans


def spans(text: str) -> list[str]:
    return [text[q.start:q.end] for q in quoted_spans(text)]


def test_curly_straight_and_guillemets() -> None:
    text = 'He said “high impact criminals” and "not necessary". «No es necesaria», dijo.'
    assert spans(text) == ["high impact criminals", "not necessary", "No es necesaria"]


def test_quotes_do_not_cross_paragraphs() -> None:
    text = 'An unmatched " mark.\n\nThen "a quote" here.'
    assert spans(text) == ["a quote"]


def test_apostrophe_is_not_an_opening_mark() -> None:
    assert spans("Mexico’s minister said ‘enough’ twice.") == ["enough"]


def test_spanish_dialogue_dash() -> None:
    text = "—Vamos a seguir cooperando —dijo la presidenta."
    assert spans(text) == ["Vamos a seguir cooperando"]


def test_dialogue_only_where_a_line_opens_with_a_dash() -> None:
    """A dash inside a line quotes nothing; one opening a later line does."""
    assert spans("La presidenta —dijo ayer— vamos a seguir cooperando.") == []
    assert spans("Ayer habló.\n–Vamos a seguir cooperando –dijo.") == ["Vamos a seguir cooperando"]
    assert spans("Ayer habló.\n\n—Vamos a seguir cooperando") == ["Vamos a seguir cooperando"]


def test_channels() -> None:
    assert channel_in("wrote in a social media post on X that", "en") == "X"
    assert channel_in("said in an interview with Fox News:", "en") == "Fox News"
    assert channel_in("told a press conference on Wednesday", "en") == "press conference"
    assert channel_in("escribió en X el secretario", "es") == "X"
    assert channel_in("said on Tuesday", "en") is None


def _channel_one_by_one(text: str, language: str) -> str | None:
    """``channel_in`` without the joined search: each pattern in turn."""
    for pattern, channel in _channels(language):
        match = pattern.search(text)
        if match:
            return channel.format(**{k: v.strip().rstrip(".,;:") for k, v in match.groupdict().items() if v})
    return None


@pytest.mark.parametrize("language, texts", [
    ("es", ["Lo dijo en su cuenta de X.", "lo dijo en x", "En entrevista con Radio Meseta, dijo", "en ENTREVISTA",
            "En la MAÑANERA de ayer", "Un comunicado oficial", "Llegaron 26 detenidos", "conferenciante"]),
    ("en", ["He said on X.", "on x", "In an interview with Radio Meseta he said", "a Briefing", "Tweeted",
            "Twenty-six arrived", "statements", "interviewer"]),
])
def test_the_joined_channel_patterns_find_what_one_of_them_finds(language: str, texts: list[str]) -> None:
    """One search of all the channel patterns says whether any of them matches (each
    with its own case), so ``channel_in`` answers as the patterns one by one do."""
    joined = _any_channel(language)
    assert joined is not None
    for text in texts:
        assert (joined.search(text) is not None) == any(p.search(text) for p, _ in _channels(language)), text
        assert channel_in(text, language) == _channel_one_by_one(text, language), text
    assert any(channel_in(text, language) for text in texts) and not all(channel_in(text, language) for text in texts)
