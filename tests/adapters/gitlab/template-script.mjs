// template-script.mjs: prints one script item of a GitLab component
// template's job, for tests that run a piece of a template outside
// gitlab-ci-local (the install step under dash).
// Usage: node template-script.mjs TEMPLATE.yml INDEX
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.SLIPWAY_TOOLS, "npm", "node_modules", "noop.js"));
const yaml = require("yaml");

const [file, index] = process.argv.slice(2);
const documents = yaml.parseAllDocuments(fs.readFileSync(file, "utf8"));
const jobs = Object.values(documents[documents.length - 1].toJS() ?? {});
if (jobs.length !== 1 || !Array.isArray(jobs[0].script)) {
  console.error(`${file}: expected one job with a script list`);
  process.exit(2);
}
const item = jobs[0].script[Number(index)];
if (typeof item !== "string") {
  console.error(`${file}: the job has no script item ${index}`);
  process.exit(2);
}
process.stdout.write(item);
