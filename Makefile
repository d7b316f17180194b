# Two commands set everything up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: site test validate system-packages bytecode clean release

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The search index is built with the same JavaScript the browser runs (lunr and its stemmers).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Debian packages: headless Chromium (PDF dossiers, browser tests), fonts, poppler-utils.
system-packages:
	bash scripts/install-system-packages.sh

# kb_builder's compiled bytecode, which pip writes when it installs a package but not for this editable install, and
# which Python itself does not write where PYTHONDONTWRITEBYTECODE is set: without it, every kb command (a
# `kb search` above all) compiles kb_builder again before doing anything. Only changed modules are compiled.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q kb_builder

validate: $(STAMP) bytecode
	$(BIN)/kb validate

site: $(STAMP) $(NODE_STAMP) system-packages bytecode
	$(BIN)/kb validate
	$(BIN)/kb build

test: $(STAMP) $(NODE_STAMP) system-packages bytecode
	$(BIN)/python -m pytest

clean:
	rm -rf site dist .pytest_cache

# Sign the bundle in dist/ and write its torrent: needs the release key, kept outside the repository
# (KB_SECRET_KEY_FILE=/path/to/release-key.sec make release).
release: site
	$(BIN)/kb release
