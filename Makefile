# Entry points for people and CI. `make demo` and `make test` work on a fresh
# Debian 12 machine as root: they install what is missing, build, and run.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLIPWAY_WERROR=ON

.PHONY: all deps test-deps configure build demo test bench fuzz format format-check clean

all: build

deps:
	bash packaging/install-deps.sh build

test-deps:
	bash packaging/install-deps.sh build test
	bash tests/tools/install-npm-tools.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) >/dev/null

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Runs `slipway run` on the bundled example repository (examples/demo).
demo: build
	bash examples/demo/run-demo.sh $(BUILD_DIR)/slipway

# Every test through CTest: unit, black-box CLI and the format check.
test: test-deps build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	bash tests/bench/run-benchmarks.sh $(BUILD_DIR)/slipway

# Real fuzzing with libFuzzer + ASan/UBSan (clang), FUZZ_SECONDS per target.
# `make test` only replays the corpora plus fixed mutations (tests/fuzz).
FUZZ_SECONDS ?= 60
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLIPWAY_FUZZ=ON \
	  -DSLIPWAY_SANITIZE=ON -DSLIPWAY_WERROR=OFF >/dev/null
	cmake --build build-fuzz -j $(JOBS) --target $$(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$$//')
	for t in tests/fuzz/fuzz_*.cpp; do n=$$(basename $$t .cpp); \
	  build-fuzz/tests/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) tests/fuzz/corpus/$${n#fuzz_} || exit 1; done

format:
	find core tests -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

format-check:
	find core tests -name '*.cpp' -o -name '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD_DIR)
