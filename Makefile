# TRM: the two commands are `make demo` and `make test`; each does its own set-up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)
QUICK ?=
ONLY ?=
export ESCPOS_CAPABILITIES_PICKLE_DIR := $(CURDIR)/.cache/escpos
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup system-deps demo test lint bench clean i18n screenshots

setup: system-deps $(STAMP)

# Debian packages the app needs at run or test time (Qt's X/EGL libraries, fonts, Chromium).
SYSTEM_PACKAGES := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-noto-core chromium poppler-utils
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing system packages: $$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) || \
	      { echo "could not install: $$missing"; exit 1; }; \
	  else echo "Please install these Debian packages first: sudo apt-get install $$missing"; exit 1; fi; \
	fi

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "TRM needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[server,client,dev]'
	rm -f $(VENV)/.installed-*; touch $@

# The centre (SQLite, HTTPS), a registered counter with its sensor and printer emulators, and the
# app; without a display the same flow runs scripted offscreen (counter_client/ui/demo.py).
# The offscreen default above is dropped here so that a desktop gets a window.
demo: setup
	$(if $(filter file,$(origin QT_QPA_PLATFORM)),env -u QT_QPA_PLATFORM )$(BIN)/python -m counter_client.ui.demo $(DEMO_ARGS)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m bench $(if $(QUICK),--quick,) $(if $(ONLY),--only $(ONLY),)

# The counter app's Kannada catalogue: refresh the strings from the code (translate new ones in
# resources/i18n/trm_kn.ts, e.g. with pyside6-linguist), then compile the committed .qm.
i18n: setup
	$(BIN)/pyside6-lupdate -locations none -no-obsolete $$(find counter_client/ui -name '*.py' | sort) \
	  -ts resources/i18n/trm_kn.ts
	$(BIN)/pyside6-lrelease resources/i18n/trm_kn.ts -qm resources/i18n/trm_kn.qm

# Every screen of the counter app in English and Kannada, from the real app against a real centre.
screenshots: setup
	$(BIN)/python -m tests.counter_client.ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) .cache data build *.egg-info
