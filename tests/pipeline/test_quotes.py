from newsledger.pipeline.quotes import channel_in, quoted_spans


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
