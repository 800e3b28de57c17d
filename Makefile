# Two commands set everything up: `make run` opens the app, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export READER_QUIET_PIP ?= -q

.PHONY: run test bench lint screenshots prebuilt clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(READER_QUIET_PIP) --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install $(READER_QUIET_PIP) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install $(READER_QUIET_PIP) -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(PY) main.py

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

lint: $(VENV)/.installed-test
	$(PY) -m ruff check reader tests bench tools main.py

# After editing assets/glossary or assets/people (tests/test_prebuilt.py says when).
prebuilt: $(VENV)/.installed
	$(PY) tools/prebuild.py

screenshots: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
