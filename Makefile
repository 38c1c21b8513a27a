# Everything a user runs. Each target builds .venv from the pinned lock file first.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
IN     ?= corpus
OUT    ?= out
# A user-given path as one shell word, whatever spaces or quotes it holds: 'it', each ' as '\''
quote   = '$(subst ','\'',$(1))'

.PHONY: install extract test train eval bench choices lock clean

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(VENV)/.installed

## extract: articles in $(IN) -> $(OUT)/triples.jsonl, annotations.jsonl, errors.jsonl, run.json
extract: install
	$(PY) -m pipeline extract $(call quote,$(IN)) --out $(call quote,$(OUT))

## test: the whole suite, including a check of every gold file in annotations/
test: install
	$(PY) -m pytest -q tests

## train: retrain models/ from annotations/ when their data hash (annotations, split, config) changed.
## The hash decides, not file times: files copied with their old times (cp -p, rsync -a, unzip)
## still retrain, and a fresh clone with up-to-date models does not.
train: install
	$(PY) -m pipeline train --if-stale

## eval: reports/eval.md, eval.json, eval.html (held-out, cross-validation, learning curve)
eval: install
	$(PY) -m pipeline evaluate --report reports

## bench: reports/bench.json and a table: words/s and memory against underthesea
bench: install
	$(PY) -m pipeline bench

## choices: the cross-validation behind the choices in pipeline/default.cfg: 3 random folds,
## and one fold per outlet (each tested on models that never saw its outlet)
choices: install
	$(PY) -m pipeline choices --completion
	$(PY) -m pipeline choices --statuses
	$(PY) -m pipeline choices --statuses --by outlet
	$(PY) -m pipeline choices
	$(PY) -m pipeline choices --by outlet

## lock: re-pin every dependency from requirements.in
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo '# Generated with `pip freeze` from a venv built from requirements.in (Python 3.11). Regenerate with `make lock`.'; \
	  .lock-venv/bin/pip freeze; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(call quote,$(OUT))
