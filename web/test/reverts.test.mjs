// The page's revert sentences against the vectors `bounty` is tested with: `web/src/reverts.ts` (transpiled by the
// TypeScript compiler, no bundler) fills `abi/reverts.json` for every case of `tests/vectors/reverts.json`, with the
// arguments as viem decodes them (integers as bigint).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { parseAbiItem } from "viem";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));

const source = fs.readFileSync(path.join(ROOT, "web/src/reverts.ts"), "utf8");
const { outputText } = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
});
const { revertSentence } = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString("base64")}`);

test("every vector reads as the sentence bounty prints", () => {
  const sentences = { ...read("abi/reverts.json").sentences };
  const table = read("abi/reverts.json");
  const errors = new Map(read("abi/BountyVault.json").abi.filter((i) => i.type === "error").map((e) => [e.name, e]));
  for (const [declaration, sentence] of Object.entries(table.token)) {
    const error = parseAbiItem(declaration);
    errors.set(error.name, error);
    sentences[error.name] = sentence;
  }
  const { cases } = read("tests/vectors/reverts.json");
  assert.ok(cases.length > 50);
  for (const c of cases) {
    const error = errors.get(c.error);
    assert.ok(error, `${c.error} is not in the vault's ABI`);
    const args = error.inputs.map((input, i) => (/^u?int/.test(input.type) ? BigInt(c.args[i]) : c.args[i]));
    assert.equal(revertSentence(sentences, c.error, error.inputs, args), c.sentence, c.error);
  }
});

test("an error without a sentence, or a placeholder without a value, gives no sentence", () => {
  assert.equal(revertSentence({}, "Nope", [], []), undefined);
  assert.equal(revertSentence({ E: "needs {x}" }, "E", [{ name: "y" }], [1n]), undefined);
  assert.equal(revertSentence({ E: "at {t:time}" }, "E", [{ name: "t" }], [1783123200n]), "at 2026-07-04 00:00 UTC");
});
