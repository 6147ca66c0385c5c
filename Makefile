# Two commands on a fresh Linux machine: `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean mutation

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m hallq demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy hallcore hallbus queue_server devices kiosk hall_display window_console evaluator \
		manager_console provisioning simulator hallq hallui webgate

test: lint typecheck
	$(VENV)/bin/pytest -q

# Mutation testing of hallcore/ (config: pyproject.toml [tool.mutmut]); scores go to docs/quality.md.
# Not part of `make test` (a full run from nothing: about 15 minutes with one worker); one file at a time:
# make mutation MUTANTS='hallcore.policy.*'
mutation: $(STAMP)
	$(PY) -m pip install -q -e '.[test,mutation]'
	$(VENV)/bin/mutmut run --max-children $${MUTMUT_CHILDREN:-2} $(MUTANTS)
	$(PY) scripts/mutation_report.py

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) artifacts demo-out
