#!/usr/bin/env bash
# Acceptance (build #5, item 2) through the real CLI: with no build.steps,
# detection plans the right steps for a tiny real project of each kind
# (CMake, Make, Cargo, Go, Maven, Gradle, npm/yarn/pnpm, Python) and
# `slipway build --plan` prints exactly those commands with their reasons
# and notes, running nothing. Where the toolchain is on this machine and
# works offline, the planned steps really run: the project builds (exit 0),
# then a planted failing test fails the build (exit 1, a build/step-failed
# finding naming the step). Each kind prints whether it was built for real
# or only planned, and why.
real_home=${HOME:-}  # lib.sh moves HOME into the temporary folder
source "$(dirname "$0")/lib.sh"

# Outer make/npm settings must not leak into the projects' own tools; npm
# works from its cache only (the fixtures have no dependencies).
unset MAKEFLAGS MFLAGS MAKELEVEL || true
export npm_config_offline=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

modes=()
built_for_real() { modes+=("$1: built for real: $2"); echo "== $1: built for real: $2"; }
plan_only() { modes+=("$1: plan only: $2"); echo "== $1: plan only: $2"; }

# new_project NAME: an empty repository for one fixture; prints its path.
new_project() {
  local dir=$TEST_TMP/$1
  new_repo "$dir"
  echo "$dir"
}

# expect_plan REPO WHAT < expected: `slipway build --plan` exits 0, prints
# exactly the expected text and leaves the working tree as it was.
expect_plan() {
  local repo=$1 what=$2 expected before
  expected=$(cat)
  before=$(git -C "$repo" status --porcelain --ignored)
  run_slipway build -C "$repo" --plan --color never
  expect_status 0 "$what: --plan exits 0"
  if [ "$out" = "$expected" ]; then pass "$what: plan"; else
    fail "$what: plan differs (- expected, + printed)"
    diff <(echo "$expected") <(echo "$out") >&2 || true
  fi
  expect_eq "$(git -C "$repo" status --porcelain --ignored)" "$before" "$what: --plan ran nothing"
}

# expect_build_passes REPO WHAT STEP...: a real build passes, every named step passed.
expect_build_passes() {
  local repo=$1 what=$2
  shift 2
  run_slipway build -C "$repo" --color never --format json
  expect_status 0 "$what: build passes"
  expect_eq "$(jq -r '[.findings[].rule] | join(",")' "$repo/.slipway/reports/build.json")" "" "$what: no findings"
  expect_eq "$(grep -E '^passed ' <<<"$out" | awk '{print $2}' | paste -sd' ')" "$*" "$what: steps passed"
}

# expect_build_fails REPO WHAT STEP: a real build fails (exit 1) on STEP.
expect_build_fails() {
  local repo=$1 what=$2 step=$3
  run_slipway build -C "$repo" --color never --format json
  expect_status 1 "$what: build fails"
  expect_eq "$(jq -r '[.findings[].rule] | join(",")' "$repo/.slipway/reports/build.json")" "build/step-failed" \
    "$what: one build/step-failed finding"
  expect_contains "$(jq -r '.findings[].message' "$repo/.slipway/reports/build.json")" "step \"$step\" failed" \
    "$what: the finding names step $step"
  expect_eq "$(grep -E '^failed ' <<<"$out" | awk '{print $2}')" "$step" "$what: only $step failed"
}

# missing_tools TOOL...: the names not on PATH.
missing_tools() {
  local tool absent=()
  for tool in "$@"; do command -v "$tool" >/dev/null || absent+=("$tool"); done
  echo "${absent[*]}"
}

# A C++ test program shared by the CMake and Make fixtures; EXPECTED is the
# sum it checks (5 plants a failing test).
write_sum_test() {  # write_sum_test FILE EXPECTED
  cat > "$1" <<CPP
#include <cstdio>

int add(int a, int b) { return a + b; }

int main() {
  if (add(2, 2) != $2) {
    std::fprintf(stderr, "add(2, 2) != $2\n");
    return 1;
  }
  return 0;
}
CPP
}

# --- CMake ------------------------------------------------------------------------
cm=$(new_project cmake)
cat > "$cm/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(demo_sum CXX)
add_executable(sum_test sum_test.cpp)
enable_testing()
add_test(NAME sum COMMAND sum_test)
CMAKE
write_sum_test "$cm/sum_test.cpp" 4
# A package.json for tooling beside it loses on priority, and says so.
printf '{"name": "tooling", "private": true, "scripts": {"format": "prettier --write ."}}\n' > "$cm/package.json"
commit_all "$cm" "feat: sum"
expect_plan "$cm" "CMake" <<'PLAN'
Build plan (detected: CMake project), 3 steps:
  1. configure
     command: cmake -S . -B build
     why: found CMakeLists.txt
  2. build
     command: cmake --build build --parallel
     why: found CMakeLists.txt
  3. test
     command: ctest --test-dir build --output-on-failure
     why: CMakeLists.txt enables testing (enable_testing() or include(CTest))
Notes:
  - also found: npm project; not built (list the steps in build.steps to build more than one kind)
PLAN
missing=$(missing_tools cmake ctest c++)
if [ -z "$missing" ]; then
  built_for_real CMake "cmake, ctest and c++ are on PATH"
  expect_build_passes "$cm" "CMake" configure build test
  if [ -x "$cm/build/sum_test" ]; then pass "CMake: the test program was built"; else fail "CMake: no build/sum_test"; fi
  write_sum_test "$cm/sum_test.cpp" 5
  expect_build_fails "$cm" "CMake with a failing test" test
else
  plan_only CMake "not on PATH: $missing"
fi

cm2=$(new_project cmake-no-tests)
printf 'cmake_minimum_required(VERSION 3.16)\nproject(lib CXX)\ninclude(CTest)\n' > "$cm2/CMakeLists.txt"
commit_all "$cm2"
expect_plan "$cm2" "CMake with include(CTest)" <<'PLAN'
Build plan (detected: CMake project), 3 steps:
  1. configure
     command: cmake -S . -B build
     why: found CMakeLists.txt
  2. build
     command: cmake --build build --parallel
     why: found CMakeLists.txt
  3. test
     command: ctest --test-dir build --output-on-failure
     why: CMakeLists.txt enables testing (enable_testing() or include(CTest))
PLAN
printf 'cmake_minimum_required(VERSION 3.16)\nproject(lib CXX)\nadd_library(lib STATIC lib.cpp)\n' > "$cm2/CMakeLists.txt"
expect_plan "$cm2" "CMake without tests" <<'PLAN'
Build plan (detected: CMake project), 2 steps:
  1. configure
     command: cmake -S . -B build
     why: found CMakeLists.txt
  2. build
     command: cmake --build build --parallel
     why: found CMakeLists.txt
Notes:
  - no test step: CMakeLists.txt calls neither enable_testing() nor include(CTest), so ctest would find no tests
PLAN

# --- Make -------------------------------------------------------------------------
mk=$(new_project make)
{
  printf 'all: sum_test\n\n'
  # shellcheck disable=SC2016 # make variables, not shell ones
  printf 'sum_test: sum_test.cpp\n\t$(CXX) -std=c++17 -Wall -o $@ sum_test.cpp\n\n'
  printf 'test: sum_test\n\t./sum_test\n\n'
  printf '.PHONY: all test\n'
} > "$mk/Makefile"
write_sum_test "$mk/sum_test.cpp" 4
commit_all "$mk" "feat: sum"
expect_plan "$mk" "Make" <<'PLAN'
Build plan (detected: Make project), 2 steps:
  1. build
     command: make
     why: found Makefile
  2. test
     command: make test
     why: Makefile has a "test" target
PLAN
missing=$(missing_tools make c++)
if [ -z "$missing" ]; then
  built_for_real Make "make and c++ are on PATH"
  expect_build_passes "$mk" "Make" build test
  write_sum_test "$mk/sum_test.cpp" 5
  expect_build_fails "$mk" "Make with a failing test" test
else
  plan_only Make "not on PATH: $missing"
fi

mk2=$(new_project make-check)
printf 'all:\n\ttrue\ncheck : all\n\ttrue\nVERSION := 1\n' > "$mk2/GNUmakefile"
commit_all "$mk2"
expect_plan "$mk2" "GNUmakefile with a check target" <<'PLAN'
Build plan (detected: Make project), 2 steps:
  1. build
     command: make
     why: found GNUmakefile
  2. check
     command: make check
     why: GNUmakefile has a "check" target
PLAN
git -C "$mk2" rm -q GNUmakefile
printf 'all:\n\ttrue\n' > "$mk2/makefile"
expect_plan "$mk2" "makefile without a test target" <<'PLAN'
Build plan (detected: Make project), 1 step:
  1. build
     command: make
     why: found makefile
Notes:
  - no test step: makefile has no "test" or "check" target
PLAN

# A Makefile generated by CMake (an in-source build) is not a Make project.
mk3=$(new_project make-generated)
printf '# CMAKE generated file: DO NOT EDIT!\nall:\n\ttrue\n' > "$mk3/Makefile"
printf '{"name": "web", "scripts": {"build": "node build.js"}}\n' > "$mk3/package.json"
commit_all "$mk3"
expect_plan "$mk3" "CMake-generated Makefile" <<'PLAN'
Build plan (detected: npm project), 2 steps:
  1. install
     command: npm install
     why: found package.json without a lockfile (npm ci needs package-lock.json)
  2. build
     command: npm run build
     why: package.json has a "build" script
Notes:
  - Makefile was generated by CMake; not planned as a Make project
  - no test step: package.json has no "test" script
PLAN

# Priority: Make before Cargo, Go and Python, which are named in one note.
pr=$(new_project priority)
printf 'all:\n\ttrue\n' > "$pr/Makefile"
printf '[package]\nname = "x"\nversion = "0.1.0"\n' > "$pr/Cargo.toml"
printf 'module example.com/x\n\ngo 1.18\n' > "$pr/go.mod"
printf '[project]\nname = "x"\nversion = "0.1.0"\n' > "$pr/pyproject.toml"
commit_all "$pr"
expect_plan "$pr" "Make before Cargo, Go and Python" <<'PLAN'
Build plan (detected: Make project), 1 step:
  1. build
     command: make
     why: found Makefile
Notes:
  - no test step: Makefile has no "test" or "check" target
  - also found: Cargo project, Go module, Python project; not built (list the steps in build.steps to build more than one kind)
PLAN

# --- Cargo ------------------------------------------------------------------------
rs=$(new_project cargo)
mkdir -p "$rs/src"
printf '[package]\nname = "demo_sum"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n' > "$rs/Cargo.toml"
write_lib_rs() {  # write_lib_rs EXPECTED
  cat > "$rs/src/lib.rs" <<RUST
pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[cfg(test)]
mod tests {
    #[test]
    fn adds() {
        assert_eq!(super::add(2, 2), $1);
    }
}
RUST
}
write_lib_rs 4
printf '/target\n' > "$rs/.gitignore"
commit_all "$rs" "feat: sum"
expect_plan "$rs" "Cargo without Cargo.lock" <<'PLAN'
Build plan (detected: Cargo project), 2 steps:
  1. build
     command: cargo build
     why: found Cargo.toml
  2. test
     command: cargo test
     why: found Cargo.toml
PLAN
cargo_bin=$(command -v cargo || true)
if [ -z "$cargo_bin" ] && [ -x "$real_home/.cargo/bin/cargo" ]; then cargo_bin=$real_home/.cargo/bin/cargo; fi
# rustup's proxies find their toolchains under RUSTUP_HOME (default ~/.rustup).
if [ -z "${RUSTUP_HOME:-}" ] && [ -d "$real_home/.rustup" ]; then export RUSTUP_HOME=$real_home/.rustup; fi
export CARGO_NET_OFFLINE=true
if [ -z "$cargo_bin" ]; then
  plan_only Cargo "cargo is neither on PATH nor in ~/.cargo/bin"
elif ! cargo_version=$("$cargo_bin" --version 2>&1); then
  plan_only Cargo "$cargo_bin does not run: $cargo_version"
else
  PATH=$(dirname "$cargo_bin"):$PATH
  built_for_real Cargo "$cargo_version; a crate without dependencies builds offline"
  expect_build_passes "$rs" "Cargo" build test
  expect_file "$rs/Cargo.lock"
  # The build wrote Cargo.lock: now the plan keeps it authoritative.
  expect_plan "$rs" "Cargo with Cargo.lock" <<'PLAN'
Build plan (detected: Cargo project), 2 steps:
  1. build
     command: cargo build --locked
     why: found Cargo.toml and Cargo.lock (--locked keeps the lockfile authoritative)
  2. test
     command: cargo test --locked
     why: found Cargo.toml and Cargo.lock (--locked keeps the lockfile authoritative)
PLAN
  write_lib_rs 5
  expect_build_fails "$rs" "Cargo with a failing test" test
fi

# --- Go ---------------------------------------------------------------------------
go_dir=$(new_project go)
printf 'module example.com/demosum\n\ngo 1.18\n' > "$go_dir/go.mod"
printf 'package demosum\n\n// Add returns a + b.\nfunc Add(a, b int) int { return a + b }\n' > "$go_dir/sum.go"
write_go_test() {  # write_go_test EXPECTED
  printf 'package demosum\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n\tif got := Add(2, 2); got != %s {\n\t\tt.Fatalf("Add(2, 2) = %%d", got)\n\t}\n}\n' \
    "$1" > "$go_dir/sum_test.go"
}
write_go_test 4
commit_all "$go_dir" "feat: sum"
expect_plan "$go_dir" "Go" <<'PLAN'
Build plan (detected: Go module), 2 steps:
  1. build
     command: go build ./...
     why: found go.mod
  2. test
     command: go test ./...
     why: found go.mod
PLAN
if command -v go >/dev/null; then
  # No module downloads and no toolchain switch: the module has no dependencies.
  export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-modcacherw
  built_for_real Go "$(go version); a module without dependencies builds offline"
  expect_build_passes "$go_dir" "Go" build test
  write_go_test 5
  expect_build_fails "$go_dir" "Go with a failing test" test
else
  plan_only Go "go is not on PATH"
fi

# --- Maven ------------------------------------------------------------------------
mv_dir=$(new_project maven)
mkdir -p "$mv_dir/src/main/java/demo" "$mv_dir/src/test/java/demo" "$mv_dir/.mvn"
cat > "$mv_dir/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>demo</groupId>
  <artifactId>demo-sum</artifactId>
  <version>0.1.0</version>
  <properties>
    <maven.compiler.source>17</maven.compiler.source>
    <maven.compiler.target>17</maven.compiler.target>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>4.13.2</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
POM
printf 'package demo;\n\npublic final class Sum {\n  public static int add(int a, int b) { return a + b; }\n}\n' \
  > "$mv_dir/src/main/java/demo/Sum.java"
write_java_test() {  # write_java_test EXPECTED
  printf 'package demo;\n\nimport static org.junit.Assert.assertEquals;\n\nimport org.junit.Test;\n\npublic class SumTest {\n  @Test\n  public void adds() { assertEquals(%s, Sum.add(2, 2)); }\n}\n' \
    "$1" > "$mv_dir/src/test/java/demo/SumTest.java"
}
write_java_test 4
# Maven never goes to the network here: offline, from the account's local repository.
m2=$real_home/.m2/repository
printf -- '--offline\n-Dstyle.color=never\n-Dmaven.repo.local=%s\n' "$m2" > "$mv_dir/.mvn/maven.config"
printf '/target\n' > "$mv_dir/.gitignore"
commit_all "$mv_dir" "feat: sum"
expect_plan "$mv_dir" "Maven" <<'PLAN'
Build plan (detected: Maven project), 1 step:
  1. verify
     command: mvn --batch-mode verify
     why: found pom.xml
PLAN
mv_reason=""
if ! command -v mvn >/dev/null; then
  mv_reason="mvn is not on PATH"
elif [ ! -d "$m2" ]; then
  mv_reason="there is no $m2: the plugins verify needs would come from Maven Central (this test builds offline only)"
else
  # Does the local repository hold every plugin and dependency? Ask Maven
  # itself, offline, on a copy of the project.
  cp -r "$mv_dir" "$TEST_TMP/maven-probe"
  if ! probe=$(cd "$TEST_TMP/maven-probe" && mvn --batch-mode --quiet verify 2>&1); then
    mv_reason="mvn --offline cannot build it from $m2: $(grep -m1 -o '\[ERROR\] [^ ].*' <<<"$probe" | cut -c1-300)"
  fi
fi
if [ -z "$mv_reason" ]; then
  built_for_real Maven "mvn --offline finds every plugin in $m2"
  expect_build_passes "$mv_dir" "Maven" verify
  write_java_test 5
  expect_build_fails "$mv_dir" "Maven with a failing test" verify
else
  plan_only Maven "$mv_reason"
fi
printf '#!/bin/sh\nexec mvn "$@"\n' > "$mv_dir/mvnw"
expect_plan "$mv_dir" "Maven wrapper without its executable bit" <<'PLAN'
Build plan (detected: Maven project), 1 step:
  1. verify
     command: sh mvnw --batch-mode verify
     why: found pom.xml and the mvnw wrapper (mvnw is not executable, so it runs through sh)
PLAN
chmod +x "$mv_dir/mvnw"
expect_plan "$mv_dir" "Maven wrapper" <<'PLAN'
Build plan (detected: Maven project), 1 step:
  1. verify
     command: ./mvnw --batch-mode verify
     why: found pom.xml and the mvnw wrapper
PLAN

# --- Gradle (plan only: running it needs Gradle's own downloads) -----------------
gr=$(new_project gradle)
printf "plugins { id 'java' }\n" > "$gr/build.gradle"
commit_all "$gr"
expect_plan "$gr" "Gradle" <<'PLAN'
Build plan (detected: Gradle project), 1 step:
  1. build
     command: gradle build
     why: found build.gradle (no gradlew wrapper, so the gradle on PATH)
PLAN
printf '#!/bin/sh\n' > "$gr/gradlew"
chmod +x "$gr/gradlew"
expect_plan "$gr" "Gradle wrapper" <<'PLAN'
Build plan (detected: Gradle project), 1 step:
  1. build
     command: ./gradlew build
     why: found build.gradle and the gradlew wrapper
PLAN
plan_only Gradle "Gradle and its plugins come from the network (this test builds offline only)"

# --- npm, yarn, pnpm --------------------------------------------------------------
js=$(new_project npm)
cat > "$js/package.json" <<'JSON'
{
  "name": "demo-sum",
  "version": "0.1.0",
  "private": true,
  "scripts": {
    "build": "node build.js",
    "test": "node test.js"
  }
}
JSON
cat > "$js/package-lock.json" <<'JSON'
{
  "name": "demo-sum",
  "version": "0.1.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "demo-sum",
      "version": "0.1.0"
    }
  }
}
JSON
cat > "$js/build.js" <<'JS'
const fs = require("fs");
fs.mkdirSync("dist", { recursive: true });
fs.writeFileSync("dist/sum.js", "module.exports = (a, b) => a + b;\n");
JS
write_js_test() {  # write_js_test EXPECTED
  printf 'const add = require("./dist/sum.js");\nif (add(2, 2) !== %s) {\n  console.error("add(2, 2) = " + add(2, 2));\n  process.exit(1);\n}\n' \
    "$1" > "$js/test.js"
}
write_js_test 4
printf 'node_modules/\ndist/\n' > "$js/.gitignore"
commit_all "$js" "feat: sum"
expect_plan "$js" "npm" <<'PLAN'
Build plan (detected: npm project), 3 steps:
  1. install
     command: npm ci
     why: found package.json and package-lock.json
  2. build
     command: npm run build
     why: package.json has a "build" script
  3. test
     command: npm test
     why: package.json has a "test" script
PLAN
missing=$(missing_tools npm node)
if [ -z "$missing" ]; then
  built_for_real npm "npm $(npm --version); no dependencies, so npm ci works from the lockfile offline"
  expect_build_passes "$js" "npm" install build test
  expect_file "$js/dist/sum.js"
  write_js_test 5
  expect_build_fails "$js" "npm with a failing test" test
else
  plan_only npm "not on PATH: $missing"
fi

js2=$(new_project npm-variants)
printf '{"name": "x", "scripts": {"test": "echo \\"Error: no test specified\\" && exit 1"}}\n' > "$js2/package.json"
commit_all "$js2"
expect_plan "$js2" "npm init's placeholder test, no lockfile" <<'PLAN'
Build plan (detected: npm project), 1 step:
  1. install
     command: npm install
     why: found package.json without a lockfile (npm ci needs package-lock.json)
Notes:
  - no build step: package.json has no "build" script
  - no test step: the "test" script is npm init's placeholder that always fails
PLAN
printf '{"name": "x", "scripts": {"build": "tsc", "test": "vitest run"}}\n' > "$js2/package.json"
printf '# yarn lockfile v1\n' > "$js2/yarn.lock"
expect_plan "$js2" "Yarn 1" <<'PLAN'
Build plan (detected: yarn project), 3 steps:
  1. install
     command: yarn install --frozen-lockfile
     why: found package.json and yarn.lock (Yarn 1: no .yarnrc.yml)
  2. build
     command: yarn run build
     why: package.json has a "build" script
  3. test
     command: yarn test
     why: package.json has a "test" script
PLAN
printf 'nodeLinker: node-modules\n' > "$js2/.yarnrc.yml"
expect_plan "$js2" "Yarn 2+" <<'PLAN'
Build plan (detected: yarn project), 3 steps:
  1. install
     command: yarn install --immutable
     why: found package.json and yarn.lock (Yarn 2+: .yarnrc.yml)
  2. build
     command: yarn run build
     why: package.json has a "build" script
  3. test
     command: yarn test
     why: package.json has a "test" script
PLAN
rm "$js2/yarn.lock" "$js2/.yarnrc.yml"
printf "lockfileVersion: '9.0'\n" > "$js2/pnpm-lock.yaml"
printf '{"lockfileVersion": 3}\n' > "$js2/package-lock.json"
expect_plan "$js2" "pnpm with a second lockfile" <<'PLAN'
Build plan (detected: pnpm project), 3 steps:
  1. install
     command: pnpm install --frozen-lockfile
     why: found package.json and pnpm-lock.yaml
  2. build
     command: pnpm run build
     why: package.json has a "build" script
  3. test
     command: pnpm test
     why: package.json has a "test" script
Notes:
  - also found package-lock.json; using pnpm-lock.yaml (remove the lockfile you do not use)
PLAN
printf '{"name": "x",\n' > "$js2/package.json"
run_slipway build -C "$js2" --plan --color never
expect_status 2 "an unreadable package.json stops the plan"
expect_contains "$err" "cannot read package.json" "the error names package.json"

# --- Python -----------------------------------------------------------------------
py=$(new_project python)
mkdir -p "$py/demo_sum" "$py/tests"
cat > "$py/pyproject.toml" <<'TOML'
[build-system]
requires = ["setuptools>=61", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "demo-sum"
version = "0.1.0"

[tool.setuptools]
packages = ["demo_sum"]
TOML
printf 'def add(a, b):\n    return a + b\n' > "$py/demo_sum/__init__.py"
write_py_test() {  # write_py_test EXPECTED
  printf 'from demo_sum import add\n\n\ndef test_add():\n    assert add(2, 2) == %s\n' "$1" > "$py/tests/test_sum.py"
}
write_py_test 4
printf 'build/\n*.egg-info/\n__pycache__/\n.pytest_cache/\n' > "$py/.gitignore"
commit_all "$py" "feat: sum"
expect_plan "$py" "Python with tests/" <<'PLAN'
Build plan (detected: Python project), 2 steps:
  1. install
     command: python3 -m pip install .
     why: found pyproject.toml
  2. test
     command: python3 -m pytest
     why: found the tests/ folder
PLAN
py_reason=""
if ! command -v python3 >/dev/null; then
  py_reason="python3 is not on PATH"
else
  py_missing=()
  for module in pytest setuptools wheel; do
    python3 -c "import $module" 2>/dev/null || py_missing+=("$module")
  done
  if [ ${#py_missing[@]} -gt 0 ]; then
    py_list="${py_missing[*]}"
    py_reason="python3 lacks ${py_list// /, }: python3 -m pytest needs pytest, and pip install . needs setuptools"
    py_reason+=" and wheel installed to build without its isolated environment, which downloads them from PyPI"
    py_reason+=" (this test builds offline only)"
  fi
fi
if [ -z "$py_reason" ]; then
  # A virtual environment that sees the installed pytest, setuptools and
  # wheel; pip builds without isolation (PIP_NO_BUILD_ISOLATION=0 is pip's
  # spelling of --no-build-isolation) and never looks at an index.
  python3 -m venv --system-site-packages "$TEST_TMP/venv"
  built_for_real Python "$(python3 --version) with pytest, setuptools and wheel, in a virtual environment"
  PATH=$TEST_TMP/venv/bin:$PATH PIP_NO_BUILD_ISOLATION=0 PIP_NO_INDEX=1 expect_build_passes "$py" "Python" install test
  write_py_test 5
  PATH=$TEST_TMP/venv/bin:$PATH PIP_NO_BUILD_ISOLATION=0 PIP_NO_INDEX=1 expect_build_fails "$py" "Python with a failing test" test
else
  plan_only Python "$py_reason"
fi

py2=$(new_project python-variants)
printf '[project]\nname = "x"\nversion = "0.1.0"\n' > "$py2/pyproject.toml"
commit_all "$py2"
expect_plan "$py2" "Python without tests" <<'PLAN'
Build plan (detected: Python project), 1 step:
  1. install
     command: python3 -m pip install .
     why: found pyproject.toml
Notes:
  - no test step: no tests/ or test/ folder, no test_*.py or *_test.py at the root, no pytest configuration
PLAN
printf '\n[tool.pytest.ini_options]\naddopts = "-q"\n' >> "$py2/pyproject.toml"
expect_plan "$py2" "Python configuring pytest" <<'PLAN'
Build plan (detected: Python project), 2 steps:
  1. install
     command: python3 -m pip install .
     why: found pyproject.toml
  2. test
     command: python3 -m pytest
     why: pyproject.toml configures pytest
PLAN
printf 'def test_x():\n    pass\n' > "$py2/x_test.py"
expect_plan "$py2" "Python with a *_test.py at the root" <<'PLAN'
Build plan (detected: Python project), 2 steps:
  1. install
     command: python3 -m pip install .
     why: found pyproject.toml
  2. test
     command: python3 -m pytest
     why: found x_test.py
PLAN

# --- nothing to build -------------------------------------------------------------
none=$(new_project nothing)
printf 'x\n' > "$none/README.md"
commit_all "$none"
run_slipway build -C "$none" --plan --color never
expect_status 2 "nothing detected: exit 2"
expect_contains "$err" "no known project found" "nothing detected: said so"
expect_contains "$err" "looked for CMakeLists.txt, Makefile (or makefile, GNUmakefile), Cargo.toml, go.mod, pom.xml" \
  "nothing detected: the files looked for"

echo "--- how each kind was checked"
printf '  %s\n' "${modes[@]}"
finish
