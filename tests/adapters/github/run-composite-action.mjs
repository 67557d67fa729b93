// run-composite-action.mjs: runs a GitHub composite action (action.yml with
// `runs.using: composite`) on this machine, the way the Actions runner would,
// so that the adapter tests can check what an action really does.
//
// What it honours, as GitHub does:
// - `${{ }}` expressions, evaluated with GitHub's own evaluator
//   (@actions/expressions, pinned below) against the inputs, github, env,
//   steps and runner contexts, and substituted textually into `run:`, `env:`,
//   `with:`, `working-directory:` and the action's outputs — so an action that
//   put `${{ inputs.x }}` inside `run:` is exactly as injectable here as on
//   GitHub;
// - `if:` with the status functions success(), failure(), always() and
//   cancelled(), and the implicit `success() &&` when none is named;
// - per-step `env:`, `working-directory:` (relative to the workspace) and
//   `shell: bash` (run as `bash --noprofile --norc -eo pipefail FILE`);
// - the files GITHUB_OUTPUT (-> steps.<id>.outputs), GITHUB_ENV (-> later
//   steps' environment and the env context), GITHUB_PATH (-> later steps'
//   PATH) and GITHUB_STEP_SUMMARY (one file per step, joined in order);
// - workflow commands in a step's output: ::error/::warning/::notice become
//   annotations in the result.
// `uses:` steps that call hosted GitHub services (the Actions cache, code
// scanning upload) cannot run here: when their `if:` holds they are listed as
// skipped by name, with the `with:` values they would have received. Any
// other `uses:`, an unpinned `uses:`, a `run:` step without `shell: bash` or
// an input the action does not declare is an error (exit 2), not a guess.
//
// Usage: node run-composite-action.mjs --action DIR --workspace DIR --result FILE
//          [--input NAME=VALUE]... [--env NAME=VALUE]... [--event-name NAME]
//          [--event-file FILE] [--sha SHA] [--ref REF] [--base-ref REF] [--head-ref REF]
//          [--tool-cache DIR] [--temp DIR] [--timeout SECONDS]
// The log goes to stdout; the result (conclusion, outputs, steps, skipped
// hosted steps, summary, annotations, the fake token) is written as JSON to
// --result. Exit code: 0 the action succeeded, 1 it failed, 2 the runner could
// not run it. The npm tools are found under $SLIPWAY_TOOLS/npm.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const EXPRESSIONS_VERSION = "0.3.61";
const HOSTED_SERVICES = new Map([
  ["actions/cache", "the GitHub Actions cache service"],
  ["actions/cache/restore", "the GitHub Actions cache service"],
  ["actions/cache/save", "the GitHub Actions cache service"],
  ["github/codeql-action/upload-sarif", "GitHub code scanning (SARIF upload)"],
]);
const STATUS_FUNCTIONS = ["success", "failure", "always", "cancelled"];

class RunnerError extends Error {}

function parseArguments(argv) {
  const options = { inputs: new Map(), env: new Map(), eventName: "push", timeout: 300 };
  const single = {
    "--action": "action",
    "--workspace": "workspace",
    "--result": "result",
    "--event-name": "eventName",
    "--event-file": "eventFile",
    "--sha": "sha",
    "--ref": "ref",
    "--base-ref": "baseRef",
    "--head-ref": "headRef",
    "--tool-cache": "toolCache",
    "--temp": "temp",
    "--timeout": "timeout",
  };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new RunnerError(`${flag} needs a value`);
    if (flag === "--input" || flag === "--env") {
      const at = value.indexOf("=");
      if (at <= 0) throw new RunnerError(`${flag} expects NAME=VALUE, got "${value}"`);
      (flag === "--input" ? options.inputs : options.env).set(value.slice(0, at), value.slice(at + 1));
    } else if (single[flag]) {
      options[single[flag]] = value;
    } else {
      throw new RunnerError(`unknown option ${flag}`);
    }
  }
  for (const required of ["action", "workspace", "result"]) {
    if (!options[required]) throw new RunnerError(`--${required} is required`);
  }
  return options;
}

async function loadLibraries() {
  const tools = process.env.SLIPWAY_TOOLS;
  if (!tools) throw new RunnerError("SLIPWAY_TOOLS is not set (the folder holding npm/node_modules)");
  const modules = path.join(tools, "npm", "node_modules");
  const expressionsDir = path.join(modules, "@actions", "expressions");
  const manifest = path.join(expressionsDir, "package.json");
  if (!fs.existsSync(manifest)) {
    throw new RunnerError(`@actions/expressions is not installed in ${modules}`);
  }
  const installed = JSON.parse(fs.readFileSync(manifest, "utf8")).version;
  if (installed !== EXPRESSIONS_VERSION) {
    throw new RunnerError(`@actions/expressions ${installed} is installed; this runner is pinned to ${EXPRESSIONS_VERSION}`);
  }
  const load = (file) => import(pathToFileURL(path.join(expressionsDir, "dist", file)).href);
  const expressions = await load("index.js");
  const { truthy } = await load("result.js");
  const require = createRequire(path.join(modules, "noop.js"));
  const yaml = require("yaml");
  return { expressions, truthy, yaml };
}

// Splits a template into literal text and `${{ }}` expressions. The end of an
// expression is the first `}}` outside a single-quoted string literal.
function splitTemplate(text) {
  const parts = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf("${{", at);
    if (open < 0) {
      parts.push({ literal: text.slice(at) });
      return parts;
    }
    parts.push({ literal: text.slice(at, open) });
    let i = open + 3;
    let inString = false;
    for (; i < text.length; i++) {
      if (text[i] === "'") {
        if (inString && text[i + 1] === "'") i++;
        else inString = !inString;
      } else if (!inString && text[i] === "}" && text[i + 1] === "}") {
        break;
      }
    }
    if (i >= text.length) throw new RunnerError(`unterminated expression in "${text}"`);
    parts.push({ expression: text.slice(open + 3, i).trim() });
    at = i + 2;
  }
}

class ExpressionEngine {
  constructor(expressions, truthy) {
    this.x = expressions;
    this.truthy = truthy;
  }

  evaluate(source, contexts, status) {
    const { Lexer, Parser, Evaluator, data } = this.x;
    const functions = STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 }));
    const implementations = new Map(
      STATUS_FUNCTIONS.map((name) => [
        name,
        {
          name,
          minArgs: 0,
          maxArgs: 0,
          call: () => new data.BooleanData(
            name === "always" ? true : name === "cancelled" ? false : name === "failure" ? status.failed : !status.failed),
        },
      ]),
    );
    try {
      const tokens = new Lexer(source).lex().tokens;
      const tree = new Parser(tokens, Object.keys(contexts), functions).parse();
      const context = JSON.parse(JSON.stringify(contexts), data.reviver);
      return new Evaluator(tree, context, implementations).evaluate();
    } catch (error) {
      throw new RunnerError(`cannot evaluate \${{ ${source} }}: ${error.message}`);
    }
  }

  // Substitutes every `${{ }}` in text; values are inserted as they are and
  // never evaluated again (as on GitHub).
  template(text, contexts, status) {
    if (typeof text !== "string") return text === undefined || text === null ? "" : String(text);
    return splitTemplate(text)
      .map((part) => (part.expression === undefined ? part.literal : this.evaluate(part.expression, contexts, status).coerceString()))
      .join("");
  }

  condition(raw, contexts, status) {
    let source = raw === undefined || raw === null ? "success()" : String(raw).trim();
    const wrapped = source.match(/^\$\{\{([\s\S]*)\}\}$/);
    if (wrapped && splitTemplate(source).length === 3) source = wrapped[1].trim();
    const namesStatus = new RegExp(`\\b(${STATUS_FUNCTIONS.join("|")})\\s*\\(`, "i").test(source);
    if (!namesStatus) source = `success() && (${source})`;
    return { source, result: this.truthy(this.evaluate(source, contexts, status)) };
  }
}

// name=value and name<<DELIMITER ... DELIMITER lines, as GITHUB_OUTPUT and
// GITHUB_ENV hold them.
function parseKeyValueFile(file) {
  const values = new Map();
  if (!fs.existsSync(file)) return values;
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const heredoc = line.match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const collected = [];
      let j = i + 1;
      while (j < lines.length && lines[j] !== heredoc[2]) collected.push(lines[j++]);
      if (j >= lines.length) throw new RunnerError(`${file}: no closing delimiter ${heredoc[2]}`);
      values.set(heredoc[1], collected.join("\n"));
      i = j;
      continue;
    }
    const at = line.indexOf("=");
    if (at <= 0) throw new RunnerError(`${file}: invalid line "${line}"`);
    values.set(line.slice(0, at), line.slice(at + 1));
  }
  return values;
}

function unescapeData(text) {
  return text.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");
}
function unescapeProperty(text) {
  return unescapeData(text.replace(/%3A/gi, ":").replace(/%2C/gi, ","));
}

function workflowCommand(line) {
  const match = line.match(/^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/);
  if (!match) return null;
  const properties = {};
  for (const pair of (match[2] || "").split(",")) {
    const at = pair.indexOf("=");
    if (at > 0) properties[pair.slice(0, at).trim()] = unescapeProperty(pair.slice(at + 1));
  }
  return { command: match[1].toLowerCase(), properties, message: unescapeData(match[3]) };
}

function runScript(script, options) {
  return new Promise((resolve) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const lines = [];
    const pending = { stdout: "", stderr: "" };
    const take = (stream) => (chunk) => {
      process.stdout.write(chunk);
      pending[stream] += chunk.toString("utf8");
      const parts = pending[stream].split("\n");
      pending[stream] = parts.pop();
      lines.push(...parts);
    };
    child.stdout.on("data", take("stdout"));
    child.stderr.on("data", take("stderr"));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, options.timeoutSeconds * 1000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: 127, lines: [`cannot start bash: ${error.message}`], timedOut });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      for (const rest of Object.values(pending)) if (rest !== "") lines.push(rest);
      resolve({ code: code ?? (signal ? 128 : 1), lines, timedOut });
    });
  });
}

function stepUses(step) {
  const uses = String(step.uses).trim();
  const at = uses.lastIndexOf("@");
  const name = at > 0 ? uses.slice(0, at) : uses;
  const ref = at > 0 ? uses.slice(at + 1) : "";
  return { uses, name: name.toLowerCase(), ref };
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const { expressions, truthy, yaml } = await loadLibraries();
  const engine = new ExpressionEngine(expressions, truthy);

  const actionDir = path.resolve(options.action);
  const actionFile = ["action.yml", "action.yaml"].map((name) => path.join(actionDir, name)).find((file) => fs.existsSync(file));
  if (!actionFile) throw new RunnerError(`no action.yml in ${actionDir}`);
  const action = yaml.parse(fs.readFileSync(actionFile, "utf8"));
  if (!action || !action.runs || action.runs.using !== "composite") {
    throw new RunnerError(`${actionFile}: not a composite action (runs.using must be composite)`);
  }
  const workspace = path.resolve(options.workspace);
  const temp = path.resolve(options.temp || fs.mkdtempSync(path.join(process.env.TMPDIR || "/tmp", "composite-runner.")));
  const toolCache = path.resolve(options.toolCache || path.join(temp, "tool-cache"));
  fs.mkdirSync(temp, { recursive: true });
  fs.mkdirSync(toolCache, { recursive: true });

  const token = `ghs_${randomBytes(18).toString("hex")}`;
  const event = options.eventFile ? JSON.parse(fs.readFileSync(options.eventFile, "utf8")) : {};
  const eventPath = path.join(temp, "event.json");
  fs.writeFileSync(eventPath, JSON.stringify(event));
  const ref = options.ref || "refs/heads/main";
  const sha = options.sha || "0".repeat(40);
  const repository = "slipway-ci/fixture";

  const github = {
    token,
    workspace,
    action_path: actionDir,
    action: "__run_composite",
    event_name: options.eventName,
    event,
    event_path: eventPath,
    sha,
    ref,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, ""),
    base_ref: options.baseRef || "",
    head_ref: options.headRef || "",
    repository,
    repository_owner: repository.split("/")[0],
    server_url: "https://github.com",
    api_url: "https://api.github.com",
    run_id: "1",
    run_number: "1",
    run_attempt: "1",
    job: "test",
    actor: "fixture-user",
    workflow: "fixture",
  };
  const runner = { os: "Linux", arch: "X64", name: "composite-runner", temp, tool_cache: toolCache, debug: "" };
  const runnerEnv = {
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: actionDir,
    GITHUB_ACTION: github.action,
    GITHUB_EVENT_NAME: github.event_name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: sha,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: github.ref_name,
    GITHUB_BASE_REF: github.base_ref,
    GITHUB_HEAD_REF: github.head_ref,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: github.repository_owner,
    GITHUB_SERVER_URL: github.server_url,
    GITHUB_API_URL: github.api_url,
    GITHUB_RUN_ID: github.run_id,
    GITHUB_RUN_NUMBER: github.run_number,
    GITHUB_RUN_ATTEMPT: github.run_attempt,
    GITHUB_JOB: github.job,
    GITHUB_ACTOR: github.actor,
    GITHUB_WORKFLOW: github.workflow,
    RUNNER_OS: runner.os,
    RUNNER_ARCH: runner.arch,
    RUNNER_NAME: runner.name,
    RUNNER_TEMP: temp,
    RUNNER_TOOL_CACHE: toolCache,
  };

  // Inputs: declared ones only; defaults are templates too.
  const declared = action.inputs || {};
  for (const name of options.inputs.keys()) {
    if (!Object.prototype.hasOwnProperty.call(declared, name)) {
      throw new RunnerError(`input "${name}" is not declared by ${actionFile}`);
    }
  }
  const jobEnv = Object.fromEntries(options.env);
  const status = { failed: false };
  const baseContexts = { github, runner, env: jobEnv, steps: {} };
  const inputs = {};
  for (const [name, spec] of Object.entries(declared)) {
    inputs[name] = options.inputs.has(name)
      ? options.inputs.get(name)
      : engine.template(spec && spec.default !== undefined ? String(spec.default) : "", { ...baseContexts, inputs: {} }, status);
  }

  const steps = {};
  const pathAdditions = [];
  const stepRecords = [];
  const skippedHosted = [];
  const annotations = [];
  const summaries = [];
  const contexts = () => ({ inputs, github, runner, env: { ...jobEnv }, steps });

  const list = action.runs.steps || [];
  for (let index = 0; index < list.length; index++) {
    const step = list[index];
    const name = step.name ? engine.template(String(step.name), contexts(), status) : step.uses || `step ${index + 1}`;
    const record = { index, id: step.id || null, name, outcome: "skipped", conclusion: "skipped" };
    stepRecords.push(record);
    const condition = engine.condition(step.if, contexts(), status);

    if (step.uses !== undefined) {
      const uses = stepUses(step);
      const service = HOSTED_SERVICES.get(uses.name);
      if (!service) throw new RunnerError(`step "${name}": uses ${uses.uses}, which this runner cannot run`);
      if (!/^[0-9a-f]{40}$/.test(uses.ref)) throw new RunnerError(`step "${name}": ${uses.uses} is not pinned to a full commit SHA`);
      if (!condition.result) {
        console.log(`=== skipped: ${name} (if: ${condition.source} is false)`);
        record.reason = "condition";
      } else {
        const withValues = {};
        for (const [key, value] of Object.entries(step.with || {})) withValues[key] = engine.template(value, contexts(), status);
        console.log(`=== skipped: ${name} (uses ${uses.uses}: calls ${service}, which is not available here)`);
        for (const [key, value] of Object.entries(withValues)) console.log(`      with ${key}: ${value}`);
        record.reason = "hosted-service";
        skippedHosted.push({ name, uses: uses.uses, service, with: withValues });
      }
      if (record.id) steps[record.id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
      continue;
    }

    if (step.run === undefined) throw new RunnerError(`step "${name}" has neither run nor uses`);
    if (step.shell !== "bash") throw new RunnerError(`step "${name}": shell must be bash (got ${step.shell ?? "none"})`);
    if (!condition.result) {
      console.log(`=== skipped: ${name} (if: ${condition.source} is false)`);
      record.reason = "condition";
      if (record.id) steps[record.id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
      continue;
    }

    const stepEnv = {};
    for (const [key, value] of Object.entries(step.env || {})) stepEnv[key] = engine.template(value, contexts(), status);
    const script = engine.template(String(step.run), { ...contexts(), env: { ...jobEnv, ...stepEnv } }, status);
    const workingDirectory = path.resolve(
      workspace,
      step["working-directory"] === undefined ? "." : engine.template(step["working-directory"], contexts(), status),
    );
    const files = {};
    for (const kind of ["output", "env", "path", "step_summary", "state"]) {
      files[kind] = path.join(temp, `step-${index}-${kind}`);
      fs.writeFileSync(files[kind], "");
    }
    const scriptFile = path.join(temp, `step-${index}.sh`);
    fs.writeFileSync(scriptFile, script);
    const env = {
      ...process.env,
      ...runnerEnv,
      ...jobEnv,
      ...stepEnv,
      GITHUB_OUTPUT: files.output,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_STEP_SUMMARY: files.step_summary,
      GITHUB_STATE: files.state,
    };
    env.PATH = [...pathAdditions, env.PATH || ""].join(path.delimiter);

    console.log(`=== run: ${name}`);
    let result;
    if (!fs.existsSync(workingDirectory) || !fs.statSync(workingDirectory).isDirectory()) {
      console.log(`working-directory ${workingDirectory} does not exist`);
      result = { code: 1, lines: [], timedOut: false };
    } else {
      result = await runScript(scriptFile, { cwd: workingDirectory, env, timeoutSeconds: Number(options.timeout) });
    }
    if (result.timedOut) console.log(`step timed out after ${options.timeout} s`);

    for (const line of result.lines) {
      const command = workflowCommand(line);
      if (command && ["error", "warning", "notice"].includes(command.command)) {
        annotations.push({ step: name, level: command.command, properties: command.properties, message: command.message });
      }
    }
    const outputs = Object.fromEntries(parseKeyValueFile(files.output));
    for (const [key, value] of parseKeyValueFile(files.env)) jobEnv[key] = value;
    const added = fs.readFileSync(files.path, "utf8").split(/\r?\n/).filter((line) => line !== "");
    for (const entry of added) pathAdditions.unshift(entry);
    const summary = fs.readFileSync(files.step_summary, "utf8");
    if (summary !== "") summaries.push(summary);

    const outcome = result.code === 0 ? "success" : "failure";
    if (outcome === "failure") status.failed = true;
    Object.assign(record, { outcome, conclusion: outcome, exitCode: result.code, outputs });
    if (record.id) steps[record.id] = { outputs, outcome, conclusion: outcome };
    console.log(`=== ${outcome}: ${name}${result.code === 0 ? "" : ` (exit code ${result.code})`}`);
  }

  const outputs = {};
  for (const [name, spec] of Object.entries(action.outputs || {})) {
    outputs[name] = engine.template(spec && spec.value !== undefined ? spec.value : "", contexts(), status);
  }
  const conclusion = status.failed ? "failure" : "success";
  console.log(`=== action ${conclusion}`);
  const result = {
    conclusion,
    outputs,
    steps: stepRecords,
    skippedHosted,
    annotations,
    summary: summaries.join("\n"),
    env: jobEnv,
    path: pathAdditions,
    token,
    expressionsVersion: EXPRESSIONS_VERSION,
  };
  fs.writeFileSync(options.result, JSON.stringify(result, null, 2));
  return conclusion === "success" ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`run-composite-action: ${error instanceof RunnerError ? error.message : error.stack}`);
    process.exit(2);
  },
);
