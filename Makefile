# Everything a user runs. Each target builds .venv from the pinned lock file first.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
IN     ?= corpus
OUT    ?= out

ANNOTATIONS := $(shell find annotations -name '*.jsonl' 2>/dev/null) annotations/split.json

.PHONY: install extract test train eval bench choices lock clean

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(VENV)/.installed

## extract: articles in $(IN) -> $(OUT)/triples.jsonl, annotations.jsonl, errors.jsonl, run.json
extract: install
	$(PY) -m pipeline extract $(IN) --out $(OUT)

## test: the whole suite, including a check of every gold file in annotations/
test: install
	$(PY) -m pytest -q tests

## train: retrain models/ from annotations/ (only when annotations or the config changed)
train: install models/meta.json

# Make compares times; a fresh clone has arbitrary ones, so `--if-stale` also compares the
# data hash in meta.json and skips training when nothing really changed.
models/meta.json: $(ANNOTATIONS) pipeline/ner.cfg | $(VENV)/.installed
	$(PY) -m pipeline train --if-stale
	touch $@

## eval: reports/eval.md, eval.json, eval.html (held-out, cross-validation, learning curve)
eval: install
	$(PY) -m pipeline evaluate --report reports

## bench: reports/bench.json and a table: words/s and memory against underthesea
bench: install
	$(PY) bench/run.py

## choices: the cross-validation behind the choices in pipeline/ner.cfg (about 11 minutes)
choices: install
	$(PY) bench/ner_choices.py

## lock: re-pin every dependency from requirements.in
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo '# Generated with `pip freeze` from a venv built from requirements.in (Python 3.11). Regenerate with `make lock`.'; \
	  .lock-venv/bin/pip freeze; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(OUT)
