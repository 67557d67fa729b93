// check-action-files.mjs: the rules of issue #6 for the GitHub actions that a
// schema validator does not know, checked on the YAML itself:
// - every run: step has `shell: bash` and no `${{ }}` inside its script
//   (inputs reach scripts through env: only);
// - every uses: is pinned to a full 40-hex commit SHA;
// - every `inputs.X` / `steps.X` an expression reads is declared / an
//   earlier step's id, so a typo cannot silently read an empty string;
// - the stage actions have the inputs and outputs the issue lists, setup
//   outputs the version, each upload-sarif step has category slipway-<stage>;
// - each action has a README.md with a copy-paste example and its permissions;
// - the example workflow calls Slipway actions only with inputs they declare.
// Usage: node check-action-files.mjs SOURCE_DIR; prints "ok: ..." or
// "FAIL: ..." lines and exits 1 when any check failed.
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

const STAGE_INPUTS = ["args", "config", "fail-on", "changed-only", "working-directory", "upload-sarif", "version", "path"];
const STAGE_OUTPUTS = ["findings", "errors", "warnings", "sarif", "report-dir"];
const actions = ["setup", "lint", "build", "scan"];

function expressions(text) {
  return [...String(text).matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => match[1]);
}

function walkStrings(value, visit) {
  if (typeof value === "string") visit(value);
  else if (Array.isArray(value)) value.forEach((item) => walkStrings(item, visit));
  else if (value && typeof value === "object") Object.values(value).forEach((item) => walkStrings(item, visit));
}

const declaredInputs = {};
for (const name of actions) {
  const file = path.join(source, "actions", name, "action.yml");
  const action = yaml.parse(fs.readFileSync(file, "utf8"));
  const where = `actions/${name}`;
  const inputs = Object.keys(action.inputs || {});
  const outputs = Object.keys(action.outputs || {});
  declaredInputs[name] = inputs;
  check(action.runs?.using === "composite", `${where}: a composite action`);
  for (const input of inputs) check(Boolean(action.inputs[input]?.description), `${where}: input ${input} is described`);

  const ids = [];
  (action.runs?.steps || []).forEach((step, index) => {
    const label = `${where} step ${index + 1} (${step.name || step.uses})`;
    if (step.run !== undefined) {
      check(step.shell === "bash", `${label}: shell: bash`);
      check(!String(step.run).includes("${{"), `${label}: no \${{ }} inside run:`);
    } else {
      check(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/.test(String(step.uses)), `${label}: uses pinned to a full commit SHA`);
    }
    const read = [];
    walkStrings({ if: step.if, env: step.env, with: step.with, wd: step["working-directory"] }, (text) => read.push(...expressions(text)));
    if (step.if !== undefined && !String(step.if).includes("${{")) read.push(String(step.if));
    for (const expression of read) {
      for (const match of expression.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)) {
        check(inputs.includes(match[1]), `${label}: reads declared input ${match[1]}`);
      }
      for (const match of expression.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\./g)) {
        check(ids.includes(match[1]), `${label}: reads earlier step ${match[1]}`);
      }
    }
    if (String(step.uses || "").startsWith("github/codeql-action/upload-sarif@")) {
      check(step.with?.category === `slipway-${name}`, `${label}: category slipway-${name}`);
    }
    if (step.id) ids.push(step.id);
  });
  for (const output of outputs) {
    for (const expression of expressions(action.outputs[output].value)) {
      for (const match of expression.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\./g)) {
        check(ids.includes(match[1]), `${where}: output ${output} reads step ${match[1]}`);
      }
    }
  }

  if (name === "setup") {
    for (const input of ["version", "path", "base-url"]) check(inputs.includes(input), `${where}: input ${input}`);
    check(outputs.includes("version"), `${where}: output version`);
  } else {
    for (const input of STAGE_INPUTS) check(inputs.includes(input), `${where}: input ${input}`);
    for (const output of STAGE_OUTPUTS) check(outputs.includes(output), `${where}: output ${output}`);
    if (name === "build") check(outputs.includes("version"), `${where}: output version`);
  }

  const readme = path.join(source, "actions", name, "README.md");
  const text = fs.existsSync(readme) ? fs.readFileSync(readme, "utf8") : "";
  check(text.includes(`uses: slipway-ci/slipway/actions/${name}@`), `${where}/README.md: a copy-paste example`);
  check(/^## Permissions$/m.test(text), `${where}/README.md: a Permissions section`);
  if (name !== "setup") check(text.includes("security-events: write"), `${where}/README.md: names security-events: write`);
}

// The example workflow: Slipway actions and GitHub's checkout, with declared inputs only.
const workflow = yaml.parse(fs.readFileSync(path.join(source, "examples", "github", "workflow.yml"), "utf8"));
const used = new Set();
for (const [jobName, job] of Object.entries(workflow.jobs || {})) {
  for (const step of job.steps || []) {
    if (step.run !== undefined) {
      check(step.shell === "bash", `example job ${jobName}: run step has shell: bash`);
      check(!String(step.run).includes("${{"), `example job ${jobName}: no \${{ }} inside run:`);
      continue;
    }
    const uses = String(step.uses);
    const slipway = uses.match(/^slipway-ci\/slipway\/actions\/([a-z]+)@/);
    if (slipway) {
      used.add(slipway[1]);
      check(actions.includes(slipway[1]), `example job ${jobName}: ${uses} exists`);
      for (const key of Object.keys(step.with || {})) {
        check((declaredInputs[slipway[1]] || []).includes(key), `example job ${jobName}: ${slipway[1]} declares input ${key}`);
      }
    } else {
      check(/^actions\/checkout@[0-9a-f]{40}$/.test(uses), `example job ${jobName}: ${uses} is GitHub's checkout, pinned`);
    }
  }
}
for (const stage of ["lint", "build", "scan"]) check(used.has(stage), `example workflow: uses actions/${stage}`);
const scanJob = Object.values(workflow.jobs).find((job) => (job.steps || []).some((step) => String(step.uses).includes("/actions/scan@")));
check(scanJob?.permissions?.["security-events"] === "write", "example workflow: the scan job may write code scanning alerts");
check(JSON.stringify(workflow.permissions) === JSON.stringify({ contents: "read" }), "example workflow: read-only by default");

process.exit(failures > 0 ? 1 : 0);
