#!/usr/bin/env node
// The two hashes a Ledger's Ethereum app shows for EIP-712 typed data in hashed mode ("Domain hash", "Message
// hash"), computed independently of the Rust code with ethers v5's `_TypedDataEncoder`: reads a JSON array of
// `eth_signTypedData_v4` payloads on stdin, prints `[{domainHash, messageHash}]`.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { _TypedDataEncoder } = require("ethers/lib/utils");

let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const out = JSON.parse(input).map((typed) => {
    const { EIP712Domain: _, ...types } = typed.types;
    return {
      domainHash: _TypedDataEncoder.hashDomain(typed.domain),
      messageHash: _TypedDataEncoder.from(types).hashStruct(typed.primaryType, typed.message),
    };
  });
  process.stdout.write(JSON.stringify(out));
});
