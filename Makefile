# The project's verbs. `make lab` opens the course; `make test` runs every test.
# Both create .venv on first use (and again whenever pyproject.toml or requirements.lock
# changes), installing the exact versions in requirements.lock with uv.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))
ASSETS := vendor/.installed
HUB := classroom/.installed
LESSON ?= 00
PORT ?= 8866
LAB_PORT ?= 8888
CLASSROOM ?= 1
UV_VERSION := 0.13.9
# Draw the lessons' first pictures ahead (lowback/_drawn/, built, not in git) unless the
# ones there are current: a lesson then shows them without drawing (see lowback/drawn.py).
DRAW_AHEAD := $(BIN)/python -m lowback.drawn --if-stale

.PHONY: lab test unit notebooks images lint bench mutation clean vendor present slides html lock

$(STAMP): pyproject.toml requirements.lock jupyter/overrides.json
	@test -n "$(PYTHON)" || { echo "error: Python 3.11 or newer is needed (python3.11 not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

lock:  ## re-resolve requirements.lock from pyproject.toml: exact versions and hashes
	test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet uv==$(UV_VERSION); }
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--generate-hashes --quiet --custom-compile-command "make lock" -o requirements.lock

lab: $(STAMP)  ## open the course in JupyterLab (local only, token required; LAB_PORT=8890 picks a port)
	$(DRAW_AHEAD)
	$(BIN)/python -m lowback.lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) --ServerApp.root_dir=. $(ROOT_FLAG) \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

test: $(STAMP) $(ASSETS) $(HUB)  ## unit tests and every notebook under strict nbval
	$(DRAW_AHEAD)
	$(BIN)/python -m pytest

unit: $(STAMP)  ## unit tests only (fast; no browser or slide-building tests)
	$(BIN)/python -m pytest tests --ignore=tests/browser --ignore=tests/test_teach.py

notebooks: $(STAMP)  ## re-execute every notebook in place so committed outputs are fresh
	$(DRAW_AHEAD)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.store_widget_state=True \
		--ExecutePreprocessor.record_timing=False $(NOTEBOOKS)

images: $(STAMP)  ## redraw every illustration in images/ with its alt text
	$(BIN)/python -m lowback.images images

lint: $(STAMP)
	$(BIN)/ruff check lowback tests
	$(BIN)/ruff format --check lowback tests

bench: $(STAMP)  ## time the controls against a redraw, lessons' first minute against a floor, the set-up step against pip
	$(DRAW_AHEAD)
	$(BIN)/python benchmarks/controls.py; status=$$?; $(BIN)/python benchmarks/pages.py || status=$$?; \
		$(BIN)/python benchmarks/install.py && exit $$status

mutation: $(STAMP)  ## mutation-test the logic that decides what a learner is told (MODULES=recovery safety)
	nice -n 10 $(BIN)/python benchmarks/mutation.py $(MODULES)

$(ASSETS): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "error: npm (Node.js) is needed for the offline slide files: install Node.js, or run 'make unit'"; exit 1; }
	mkdir -p vendor
	cp package.json package-lock.json vendor/
	cd vendor && npm ci --ignore-scripts --no-audit --no-fund
	touch $(ASSETS)

vendor: $(ASSETS)  ## front-end files for offline slides and site (npm, versions pinned)

present: $(STAMP)  ## the course in Voila at lesson LESSON (=00), code hidden, this computer only
	$(DRAW_AHEAD)
	LOWBACK_CLASSROOM=$(CLASSROOM) $(BIN)/python -m lowback.teach present '$(LESSON)' --port $(PORT)

slides: $(STAMP) $(ASSETS)  ## reveal.js decks in slides/, fully offline, instructor notes as speaker notes
	$(BIN)/python -m lowback.teach slides --out slides $(NOTEBOOKS)

html: $(STAMP) $(ASSETS)  ## every lesson as a web page in site/ with a contents page, no instructor notes
	$(BIN)/python -m lowback.teach html --out site $(NOTEBOOKS)

$(HUB): classroom/package.json classroom/package-lock.json requirements.lock jupyter/overrides.json | $(STAMP)
	@command -v npm >/dev/null 2>&1 || { echo "error: npm (Node.js) is needed for JupyterHub's proxy, configurable-http-proxy"; exit 1; }
	cd classroom && npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python -m lowback.classroom runtime
	touch $(HUB)

.PHONY: classroom classroom-check
IP ?= 127.0.0.1
ADMIN ?= instructor
N ?= 3

classroom: $(HUB)  ## serve the course to a class: JupyterHub on 127.0.0.1:8000 (docs/classroom.md; IP=, SSL_CERT=, SSL_KEY=, ADMIN=)
	$(DRAW_AHEAD)
	$(BIN)/python -m lowback.classroom serve --ip $(IP) --admin $(ADMIN) $(if $(SSL_CERT),--ssl-cert $(SSL_CERT) --ssl-key $(SSL_KEY))

classroom-check: $(HUB)  ## load test: N learners (N=20) log in, start JupyterLab and use lesson 4 at once
	nice $(BIN)/python -m lowback.classroom_check --learners $(N)

clean:
	rm -rf $(VENV) build *.egg-info lowback/_drawn vendor slides site classroom/node_modules classroom/venv classroom/.installed
