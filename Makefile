# tradeshock: the two commands a fresh Debian 12 machine needs are `make demo` and `make test`.
BUILD_DIR ?= build/release
ASAN_DIR ?= build/asan
FUZZ_DIR ?= build/fuzz
BENCH_DIR ?= build/bench
FUZZ_SECONDS ?= 60
JOBS ?= $(shell nproc)
CMAKE_FLAGS = -G Ninja -Wno-dev
CLI = $(BUILD_DIR)/tradeshock
CASE = data/cases/xinjiang-2021

.PHONY: all demo demo-all install-python test test-release test-asan check-format bench bench-build bench-read bench-scenario bench-ge bench-gravity bench-serve fuzz clean bootstrap

all: $(CLI)

bootstrap:
	@scripts/bootstrap build
	@# playwright-core for the dashboard's browser test, pinned in tests/browser/dashboard/package-lock.json.
	@if command -v npm >/dev/null && [ ! -d tests/browser/dashboard/node_modules/playwright-core ]; then \
	  npm ci --prefix tests/browser/dashboard --no-audit --no-fund --loglevel=error; fi

$(CLI): bootstrap FORCE
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target tradeshock_cli

FORCE:

demo: $(CLI)
	@$(CLI) brief $(CASE) --out out/xinjiang-2021

# Every case of data/cases/ (data/cases/README.md): one brief each in out/NAME/.
demo-all: $(CLI)
	@failed=""; for dir in data/cases/*/; do name=$$(basename $$dir); \
	  if $(CLI) brief $$dir --out out/$$name >/dev/null; then echo "out/$$name/brief.md"; else failed="$$failed $$name"; fi; \
	done; if [ -n "$$failed" ]; then echo "no brief for:$$failed (see the case's README.md)" >&2; exit 1; fi

# The Python package (docs/python.md) into /usr/bin/python3's site-packages.
install-python: bootstrap
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target tradeshock_python
	cmake --install $(BUILD_DIR) --component python

test: check-format test-release test-asan

# The sources follow .clang-format (Google style, 120 columns); `clang-format -i FILE` fixes one that does not.
check-format: bootstrap
	@scripts/check-format

test-release: bootstrap
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-asan: bootstrap
	# -O1 -g1: sanitizers need little optimisation, and the build takes half the time of -O2 -g.
	cmake -S . -B $(ASAN_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DTRADESHOCK_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# make bench runs them all; bench-gravity takes longest (R's glm with pair dummies: R_PAIR=0 skips it).
bench: bench-read bench-scenario bench-ge bench-gravity bench-serve

bench-build:
	@scripts/bootstrap bench
	cmake -S . -B $(BENCH_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release -DTRADESHOCK_BENCH=ON
	cmake --build $(BENCH_DIR) -j $(JOBS) --target tradeshock_cli read_bench ge_bench gravity_bench

bench-read: bench-build
	bench/run_read_bench.sh $(BENCH_DIR)

bench-scenario: bench-build
	bench/run_scenario_bench.sh $(BENCH_DIR)

bench-ge: bench-build
	bench/run_ge_bench.sh $(BENCH_DIR)

bench-gravity: bench-build
	bench/run_gravity_bench.sh $(BENCH_DIR)

bench-serve: bench-build
	bench/run_serve_bench.sh $(BENCH_DIR)

fuzz:
	@scripts/bootstrap fuzz
	CXX=clang++ cmake -S . -B $(FUZZ_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRADESHOCK_FUZZ=ON
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzzers
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

clean:
	rm -rf build out
