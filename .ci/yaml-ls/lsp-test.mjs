// Drives the real yaml-language-server over stdio (LSP JSON-RPC), as an editor does, on a
// repository made by `postmortem init`, with the schemas mapped as init's
// .vscode/settings.json maps them. Asserts what a person sees: completion lists the keys
// and enum values, hover shows the markdownDescription, a typo'd key is a diagnostic.
//   node lsp-test.mjs REPO
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const repo = path.resolve(process.argv[2]);
const uri = (p) => pathToFileURL(path.join(repo, p)).href;
const server = createRequire(import.meta.url).resolve("yaml-language-server/bin/yaml-language-server");
const child = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
const settings = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    schemaStore: { enable: false },
    schemas: {
      [uri("schema/incident.schema.json")]: ["incidents/**/*.yaml"],
      [uri("schema/config.schema.json")]: "postmortem.yaml",
    },
  },
};

let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const diagnosticWaiters = [];
function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }));
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
const notify = (method, params) => send({ method, params });
child.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
    buffer = buffer.subarray(end + 4 + length);
    handle(message);
  }
});
function handle(m) {
  if (m.id !== undefined && m.method === undefined) {
    const p = pending.get(m.id);
    pending.delete(m.id);
    m.error ? p.reject(new Error(JSON.stringify(m.error))) : p.resolve(m.result);
  } else if (m.method === "workspace/configuration") {
    send({ id: m.id, result: m.params.items.map((i) => (i.section ? settings[i.section] ?? null : settings)) });
  } else if (m.id !== undefined) {
    send({ id: m.id, result: null }); // client/registerCapability and the like
  } else if (m.method === "textDocument/publishDiagnostics") {
    diagnostics.set(m.params.uri, m.params.diagnostics);
    for (const w of diagnosticWaiters.splice(0)) w();
  }
}
async function diagnosticsOf(docUri, until) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const d = diagnostics.get(docUri);
    if (d && until(d)) return d;
    if (Date.now() > deadline) return d ?? null;
    await new Promise((r) => {
      diagnosticWaiters.push(r);
      setTimeout(r, 500);
    });
  }
}

let passed = 0;
let failed = 0;
function check(name, expected, actual) {
  const e = JSON.stringify(expected);
  const a = JSON.stringify(actual);
  if (e === a) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}\n  expected ${e}\n  actual   ${a}`);
  }
}

const record = "incidents/2025-01-15-example.yaml";
const example = readFileSync(path.join(repo, record), "utf8");
let version = 1;
function open(p, text) {
  notify("textDocument/didOpen", { textDocument: { uri: uri(p), languageId: "yaml", version: version++, text } });
}
function change(p, text) {
  notify("textDocument/didChange", { textDocument: { uri: uri(p), version: version++ }, contentChanges: [{ text }] });
}
const lineOf = (text, needle) => text.split("\n").findIndex((l) => l.startsWith(needle));
const labels = (result) => (Array.isArray(result) ? result : result.items).map((i) => i.label);

await request("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(repo).href,
  workspaceFolders: [{ uri: pathToFileURL(repo).href, name: "repo" }],
  capabilities: {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
    textDocument: {
      completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
      hover: { contentFormat: ["markdown", "plaintext"] },
      publishDiagnostics: {},
    },
  },
});
notify("initialized", {});
notify("workspace/didChangeConfiguration", { settings });

// 1. The record init wrote has no problem.
open(record, example);
check("the example record: no diagnostics", [], await diagnosticsOf(uri(record), () => true));

// 2. A typo'd key is a diagnostic on its line.
const typo = example.replace("severity: minor", "sevrity: minor");
change(record, typo);
const d = await diagnosticsOf(uri(record), (d) => d.length > 0);
check(
  "typo: diagnostics",
  [
    { line: lineOf(typo, "sevrity"), message: "Property sevrity is not allowed." },
    { line: lineOf(typo, "title:"), message: 'Missing property "severity".' },
  ],
  d.map((x) => ({ line: x.range.start.line, message: x.message })).sort((a, b) => b.line - a.line)
);

// 3. Completion on a new top-level line lists the keys the record does not have yet.
const blank = example + "\n";
change(record, blank);
const keys = await request("textDocument/completion", {
  textDocument: { uri: uri(record) },
  position: { line: blank.split("\n").length - 1, character: 0 },
});
check("completion: missing top-level keys", ["acknowledged_at", "kind", "postmortem", "resolved_at", "scheduled"], labels(keys).sort());

// 4. Completion of a value lists the enum.
const sev = example.replace("severity: minor                 # none | minor | major | critical", "severity: ");
change(record, sev);
const values = await request("textDocument/completion", {
  textDocument: { uri: uri(record) },
  position: { line: lineOf(sev, "severity:"), character: "severity: ".length },
});
check("completion: severity values", ["critical", "major", "minor", "none"], labels(values).sort());

// 5. A new item of `updates` is offered the snippet.
const upd = example.replace("updates:                        # the public timeline, oldest first\n", "updates:                        # the public timeline, oldest first\n  - \n");
change(record, upd);
const snippet = await request("textDocument/completion", {
  textDocument: { uri: uri(record) },
  position: { line: lineOf(upd, "  - ") + 0, character: 4 },
});
const item = (Array.isArray(snippet) ? snippet : snippet.items).find((i) => i.label === "a new update");
check("completion: the update snippet", true, item !== undefined);
check(
  "completion: the update snippet's text",
  "at: ${1:2026-04-07T19:51:00Z}\n  status: ${2|investigating,identified,monitoring,resolved,postmortem,scheduled,in_progress,verifying,completed|}\n  body: ${3:We are investigating.}",
  item && (item.insertText ?? item.textEdit?.newText)
);

// 6. Hover on a key shows its markdownDescription, Markdown and all.
change(record, example);
const hover = await request("textDocument/hover", {
  textDocument: { uri: uri(record) },
  position: { line: lineOf(example, "severity:"), character: 2 },
});
const schema = JSON.parse(readFileSync(path.join(repo, "schema/incident.schema.json"), "utf8"));
const text = hover.contents.value ?? hover.contents;
check("hover: markdown", "markdown", hover.contents.kind);
check(
  "hover: the text",
  "#### postmortem incident record\n\n" +
    schema.properties.severity.markdownDescription +
    "\n\nAllowed Values:\n\n* `minor`\n* `none`\n* `major`\n* `critical`\n\n" +
    `Source: [incident.schema.json](${uri("schema/incident.schema.json")})`,
  text
);
check("hover: no escaped backticks", false, text.includes("\\`"));

// 7. postmortem.yaml: timezone completes from the IANA names, and a wrong one is flagged.
const config = readFileSync(path.join(repo, "postmortem.yaml"), "utf8");
const schemaOfConfig = JSON.parse(readFileSync(path.join(repo, "schema/config.schema.json"), "utf8"));
const tz = config.replace(/^timezone: .*$/m, "timezone: Europe/Ma");
open("postmortem.yaml", tz);
const zones = await request("textDocument/completion", {
  textDocument: { uri: uri("postmortem.yaml") },
  position: { line: lineOf(tz, "timezone:"), character: "timezone: Europe/Ma".length },
});
check("completion: timezone", true, labels(zones).includes("Europe/Madrid"));
const bad = await diagnosticsOf(uri("postmortem.yaml"), (d) => d.length > 0);
check(
  "timezone: diagnostic",
  [{ line: lineOf(tz, "timezone:"), message: schemaOfConfig.properties.timezone.errorMessage }],
  bad.map((x) => ({ line: x.range.start.line, message: x.message }))
);

await request("shutdown", null);
notify("exit", null);
console.log(`yaml-language-server: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
