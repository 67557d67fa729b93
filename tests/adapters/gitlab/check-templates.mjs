// check-templates.mjs: the rules of issue #6 for the GitLab component that
// gitlab-ci-local does not enforce, checked on the YAML of gitlab/templates:
// - a `spec: inputs:` header with the inputs, each with a type, a
//   default and a description; options or a regex (RE2-safe) where values are
//   constrained, and defaults that satisfy them; every input used, every
//   interpolation declared;
// - after `---`, one job and no global keyword (default, stages, variables...);
// - the job: interruptible, MR-aware rules, GIT_DEPTH 0, artifacts when:
//   always with the report folder and the expected artifacts:reports;
// - no `$[[ ]]` inside any script: free-text inputs reach the script only as
//   job variables with expand: false;
// - the install step is the same in every template, and the default version
//   and image tag are the installer's default_version;
// - gitlab/README.md documents each component and each of its inputs;
// - examples/gitlab/.gitlab-ci.yml includes the components at an exact version
//   with inputs they declare.
// Usage: node check-templates.mjs SOURCE_DIR; prints "ok: ..." or "FAIL: ..."
// lines and exits 1 when any check failed.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const source = path.resolve(process.argv[2] || ".");
const require = createRequire(path.join(process.env.SLIPWAY_TOOLS, "npm", "node_modules", "noop.js"));
const yaml = require("yaml");

let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAIL"}: ${what}`);
  if (!ok) failures++;
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const COMMON_INPUTS = ["stage", "job-prefix", "image", "version", "path", "base-url", "args", "config", "fail-on",
  "changed-only", "allow-failure"];
const FREE_TEXT = { args: "SLIPWAY_INPUT_ARGS", config: "SLIPWAY_INPUT_CONFIG", path: "SLIPWAY_INSTALL_PATH",
  "base-url": "SLIPWAY_INSTALL_BASE_URL" };
const CONSTRAINED = { "job-prefix": "regex", version: "regex", "base-url": "regex", "fail-on": "options",
  "changed-only": "options", "scan-fail-on": "options" };
const GLOBAL_KEYWORDS = ["default", "stages", "variables", "workflow", "include", "image", "services", "cache",
  "before_script", "after_script", "spec"];
const R = ".slipway/reports/";
const TEMPLATES = {
  lint: { job: "lint", extraInputs: [], reports: {
    codequality: `${R}lint.codequality.json`, junit: `${R}lint.junit.xml`, dotenv: `${R}lint.env` } },
  build: { job: "build", extraInputs: [], reports: {
    codequality: `${R}build.codequality.json`, junit: [`${R}build.junit.xml`, `${R}tests.junit.xml`],
    dotenv: `${R}build.env` } },
  scan: { job: "scan", extraInputs: [], reports: {
    secret_detection: `${R}gl-secret-detection-report.json`, sast: `${R}gl-sast-report.json`,
    dependency_scanning: `${R}gl-dependency-scanning-report.json`, codequality: `${R}scan.codequality.json`,
    junit: `${R}scan.junit.xml`, dotenv: `${R}scan.env` } },
  pipeline: { job: "run", extraInputs: ["scan-fail-on"], reports: {
    codequality: [`${R}lint.codequality.json`, `${R}build.codequality.json`, `${R}scan.codequality.json`],
    junit: [`${R}lint.junit.xml`, `${R}build.junit.xml`, `${R}tests.junit.xml`, `${R}scan.junit.xml`],
    secret_detection: `${R}gl-secret-detection-report.json`, sast: `${R}gl-sast-report.json`,
    dependency_scanning: `${R}gl-dependency-scanning-report.json`, dotenv: `${R}run.env` } },
};

const installer = fs.readFileSync(path.join(source, "packaging", "install-slipway.sh"), "utf8");
const defaultVersion = (installer.match(/^readonly default_version=(\S+)$/m) || [])[1];
check(Boolean(defaultVersion), "packaging/install-slipway.sh declares default_version");

function strings(value, visit, where = "") {
  if (typeof value === "string") visit(value, where);
  else if (Array.isArray(value)) value.forEach((item, i) => strings(item, visit, `${where}[${i}]`));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      visit(key, `${where}.${key} (key)`);
      strings(item, visit, `${where}.${key}`);
    }
  }
}
const interpolations = (text) => [...text.matchAll(/\$\[\[\s*([^\]]*?)\s*\]\]/g)].map((m) => m[1]);

const installSteps = {};
const specs = {};
for (const [name, expected] of Object.entries(TEMPLATES)) {
  const file = path.join(source, "gitlab", "templates", `${name}.yml`);
  const what = `gitlab/templates/${name}.yml`;
  if (!fs.existsSync(file)) {
    check(false, `${what} exists`);
    continue;
  }
  const documents = yaml.parseAllDocuments(fs.readFileSync(file, "utf8"));
  check(documents.length === 2 && documents.every((d) => d.errors.length === 0),
    `${what}: a spec header and the jobs, separated by ---, both valid YAML`);
  if (documents.length !== 2) continue;
  const header = documents[0].toJS();
  const body = documents[1].toJS() ?? {};

  // The header.
  check(same(Object.keys(header), ["spec"]) && same(Object.keys(header.spec), ["inputs"]),
    `${what}: the header is spec: inputs: only`);
  const inputs = header.spec?.inputs ?? {};
  specs[name] = inputs;
  const wanted = [...COMMON_INPUTS, ...expected.extraInputs];
  check(same(Object.keys(inputs).sort(), [...wanted].sort()), `${what}: inputs are ${wanted.join(", ")}`);
  for (const [input, spec] of Object.entries(inputs)) {
    const typeOk = ["string", "boolean", "number", "array"].includes(spec.type);
    const defaultOk = spec.default !== undefined && (spec.type === "array" ? Array.isArray(spec.default)
      : typeof spec.default === spec.type);
    check(typeOk && defaultOk && typeof spec.description === "string" && spec.description.length > 20,
      `${what}: input ${input} has a type, a default of that type and a description`);
    const constraint = CONSTRAINED[input];
    if (constraint === "options") {
      check(Array.isArray(spec.options) && spec.options.includes(spec.default) &&
        spec.options.every((o) => typeof o === "string"), `${what}: ${input} lists its options, the default among them`);
    } else if (constraint === "regex") {
      const re2Safe = typeof spec.regex === "string" && !/\(\?[=!<]|\\[1-9]/.test(spec.regex);
      let matches = false;
      try {
        matches = new RegExp(spec.regex).test(String(spec.default));
      } catch {
        matches = false;
      }
      check(re2Safe && matches && spec.default !== "", `${what}: ${input} has an RE2-safe regex its default matches`);
    }
  }

  // The body: one job, no global keywords.
  const jobNames = Object.keys(body);
  check(jobNames.length === 1 && jobNames[0] === `$[[ inputs.job-prefix ]]-${expected.job}`,
    `${what}: one job, named <job-prefix>-${expected.job}`);
  check(!jobNames.some((key) => GLOBAL_KEYWORDS.includes(key)), `${what}: no global keywords`);
  const job = body[jobNames[0]] ?? {};
  check(job.interruptible === true, `${what}: interruptible: true`);
  check(job.stage === "$[[ inputs.stage ]]" && job.image?.name === "$[[ inputs.image ]]" &&
    job.allow_failure === "$[[ inputs.allow-failure ]]", `${what}: stage, image and allow_failure from the inputs`);
  const rules = job.rules ?? [];
  check(rules[0]?.if === '$CI_PIPELINE_SOURCE == "merge_request_event"' &&
    rules.some((r) => r.if === "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS" && r.when === "never"),
  `${what}: MR-aware rules (merge request pipelines, no duplicate branch pipelines)`);
  check(job.variables?.GIT_DEPTH === "0", `${what}: GIT_DEPTH "0" (history for the merge base, versions, secrets)`);
  check(job.artifacts?.when === "always", `${what}: artifacts when: always`);
  check((job.artifacts?.paths ?? []).includes(".slipway/reports/"), `${what}: the report folder is an artifact`);
  check(same(job.artifacts?.reports, expected.reports),
    `${what}: artifacts:reports ${Object.keys(expected.reports).join(", ")}`);

  // Interpolation only outside scripts; free text through expand: false variables.
  const used = new Set();
  strings(body, (text, where) => {
    for (const expression of interpolations(text)) {
      const input = expression.match(/^inputs\.([\w-]+)$/)?.[1];
      check(Boolean(input) && input in inputs, `${what}: ${where} interpolates a declared input (${expression})`);
      if (input) used.add(input);
      check(!/\.(script|before_script|after_script)\b/.test(where), `${what}: no interpolation inside ${where}`);
    }
  });
  check(wanted.every((input) => used.has(input)), `${what}: every input is used`);
  for (const [input, variable] of Object.entries(FREE_TEXT)) {
    const value = job.variables?.[variable];
    check(value?.value === `$[[ inputs.${input} ]]` && value?.expand === false,
      `${what}: ${input} reaches the script as ${variable} (expand: false)`);
  }
  const script = job.script ?? [];
  check(script.length === 2, `${what}: two script steps (install, run)`);
  installSteps[name] = script[0];
  check(inputs.version?.default === defaultVersion, `${what}: version defaults to ${defaultVersion}`);
  check(String(inputs.image?.default).endsWith(`:${defaultVersion}`), `${what}: the image tag is ${defaultVersion}`);
}
const installVariants = new Set(Object.values(installSteps));
check(installVariants.size === 1, "the install step is the same in every template");

// The catalog README: usage per component and an inputs table.
const readmeFile = path.join(source, "gitlab", "README.md");
const readme = fs.existsSync(readmeFile) ? fs.readFileSync(readmeFile, "utf8") : "";
check(readme.length > 0, "gitlab/README.md exists");
for (const [name, inputs] of Object.entries(specs)) {
  check(readme.includes(`/${name}@`), `README: a usage example for ${name}`);
  for (const input of Object.keys(inputs)) {
    check(readme.includes(`| \`${input}\` |`), `README: input ${input} (${name}) is in a table`);
  }
}

// The example pipeline.
const exampleFile = path.join(source, "examples", "gitlab", ".gitlab-ci.yml");
if (!fs.existsSync(exampleFile)) {
  check(false, "examples/gitlab/.gitlab-ci.yml exists");
} else {
  const example = yaml.parse(fs.readFileSync(exampleFile, "utf8"));
  const includes = [example.include ?? []].flat();
  const components = includes.filter((item) => item.component);
  check(components.length >= 3, "the example includes the components");
  for (const item of components) {
    const match = item.component.match(/^\$CI_SERVER_FQDN\/slipway-ci\/slipway\/([\w-]+)@(\d+\.\d+\.\d+)$/);
    check(Boolean(match) && match[1] in specs, `example: ${item.component} is a Slipway component at an exact version`);
    if (!match) continue;
    for (const input of Object.keys(item.inputs ?? {})) {
      check(input in (specs[match[1]] ?? {}), `example: ${match[1]} declares the input ${input}`);
    }
  }
}

if (failures > 0) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
