# The two commands of the README: `make run` and `make test`. Both create .venv on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

.PHONY: run test lint validate bench export handout browser screenshots clean

$(STAMP): requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run app.py

test: $(STAMP) browser lint validate
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

validate: $(STAMP)
	$(PY) -m src validate

export: $(STAMP)
	$(PY) -m src export --out dist

handout: $(STAMP) browser
	$(PY) -m src handout --out dist

bench: $(STAMP)
	$(PY) scripts/benchmark.py $(ARGS)

# The README's pictures, made on purpose (the browser tests never rewrite them otherwise).
screenshots: $(STAMP) browser
	ATLAS_SCREENSHOTS=1 $(PY) -m pytest -q -m browser -k "renders"

browser:
	@scripts/install-chromium.sh

clean:
	rm -rf $(VENV) static/vendor .pytest_cache .ruff_cache
