# The two commands (see README.md), and the benchmark (README "Benchmarks").
.PHONY: run test bench

run: ## Build everything needed and serve the console on http://127.0.0.1:8080 (SQLite in ./data)
	scripts/run.sh

test: ## Run every test: unit, API, flows and headless-browser tests
	scripts/test.sh

bench: ## Benchmark Clientele against oidc-provider and a no-op server; writes BENCHMARKS.md
	scripts/bench.sh
