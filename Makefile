# medannot: `make demo` and `make test` are the whole set-up on a fresh machine (Python 3.11 and make).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TYPE_COMPLETENESS_MIN ?= 98  # pyright --verifytypes medannot, percent (tools/type_completeness.py)

.PHONY: venv generate check-generated schemas-pull schemas-diff demo test test-fast bench lint

venv: $(STAMP)
$(STAMP): pyproject.toml
	@echo "medannot: creating $(VENV) and installing medannot[dev]: httpx, attrs, pydantic;"
	@echo "  numpy, nibabel, pydicom, rich; the emulators (starlette, uvicorn, openapi-core, ariadne, trustme);"
	@echo "  the code generators, pytest, schemathesis, mypy, ruff. About 30 s, once."
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@echo "medannot: $(VENV) is ready"
	touch $@

generate: $(STAMP)  ## schemas/ -> generated/ (patch, generate, format)
	$(PY) -m tools.codegen

check-generated: $(STAMP)  ## regenerate into a temporary directory and diff
	$(PY) -m tools.codegen --check

schemas-pull: $(STAMP)  ## refresh or check each schema against its source (PLATFORM=name for one); see docs/regenerating.md
	$(PY) -m tools.servers.schemas $(PLATFORM)

schemas-diff: $(STAMP)  ## what generating from schemas/ would break in the generated clients (PLATFORM=name for one); exit 1 if anything breaks
	$(PY) -m tools.codegen diff --changed-only $(if $(PLATFORM),--platform $(PLATFORM))

demo: $(STAMP)  ## a realistic workflow against the embedded emulator, no account needed
	$(PY) examples/demo.py

lint: $(STAMP)  ## ruff (lint and format) on the hand-written code; mypy on highlevel/ (strict) and generated/ at the floor (pyproject [tool.mypy]); pyright --verifytypes medannot >= 98 %
	$(PY) -m ruff check highlevel tools tests benchmarks examples
	$(PY) -m ruff format --check highlevel tools tests benchmarks examples
	$(PY) -m mypy
	$(PY) -m tools.type_completeness --min $(TYPE_COMPLETENESS_MIN)

test: $(STAMP) check-generated lint  ## every tier: unit, emulators, contract (emulator + real servers), oracle
	$(PY) -m pytest

test-fast: $(STAMP)  ## everything but the tiers that provision real servers or official clients
	$(PY) -m pytest -m "not live and not oracle"

bench: $(STAMP)  ## side-by-side benchmarks; results in benchmarks/results/ and the README table
	$(PY) -m benchmarks
