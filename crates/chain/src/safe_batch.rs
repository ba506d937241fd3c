//! A Safe as the executor: transactions written as a Safe Transaction Builder batch file (the JSON its "Drag and
//! drop" import reads) instead of being sent, so a DAO's Safe proposes, signs and executes them in its own UI.
//!
//! Format (Transaction Builder 1.x): `{version: "1.0", chainId, createdAt, meta: {name, description,
//! txBuilderVersion, createdFromSafeAddress, createdFromOwnerAddress, checksum}, transactions: [{to, value, data,
//! contractMethod, contractInputsValues}]}`, numbers as strings. `data` is the exact calldata (what the Safe
//! executes); `contractMethod` and `contractInputsValues` are for the people reviewing it in the UI.
//!
//! The checksum is written by hand (no Rust crate implements it): the Transaction Builder serializes the batch
//! with its own canonical form (objects as their sorted key list followed by each value and a comma, arrays
//! comma-joined, scalars as `JSON.stringify` writes them), with `meta.name` replaced by `null` and no `checksum`
//! key, and takes keccak256 of that text. A file whose checksum disagrees is imported with a warning.

use crate::{error::Result, TxPlan};
use alloy::{
    dyn_abi::{DynSolValue, JsonAbiExt},
    json_abi::{Function, JsonAbi},
    primitives::{keccak256, Address, B256},
};
use serde_json::{json, Map, Value};
use std::{path::Path, sync::LazyLock};

/// The Transaction Builder version the files are written for (recorded in `meta`, as the app does).
pub const TX_BUILDER_VERSION: &str = "1.18.0";

/// The functions a batch may call, for `contractMethod` (the vault's, and the token's `approve`).
static KNOWN_FUNCTIONS: LazyLock<Vec<Function>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct Artifact {
        abi: JsonAbi,
    }
    let vault: Artifact =
        serde_json::from_str(include_str!("../../../abi/BountyVault.json")).expect("committed artifact parses");
    let approve = Function::parse("function approve(address spender, uint256 amount) returns (bool)")
        .expect("the ERC-20 signature parses");
    vault.abi.functions().cloned().chain(std::iter::once(approve)).collect()
});

/// Transactions for a Safe to execute, in order (more than one: the app runs them atomically through
/// `MultiSendCallOnly`).
#[derive(Clone, Debug)]
pub struct SafeBatch {
    /// The chain the Safe is on.
    pub chain_id: u64,
    /// The Safe that will execute the batch.
    pub safe: Address,
    /// Shown as the batch's name in the app.
    pub name: String,
    /// What the batch does, for the owners who review it.
    pub description: String,
    /// Milliseconds since the Unix epoch (the app's `Date.now()`).
    pub created_at_ms: u64,
    /// The calls, in order.
    pub transactions: Vec<TxPlan>,
}

impl SafeBatch {
    /// The batch file's JSON, with its checksum.
    pub fn to_json(&self) -> Value {
        let transactions: Vec<Value> = self.transactions.iter().map(transaction_json).collect();
        let mut batch = json!({
            "version": "1.0",
            "chainId": self.chain_id.to_string(),
            "createdAt": self.created_at_ms,
            "meta": {
                "name": self.name,
                "description": self.description,
                "txBuilderVersion": TX_BUILDER_VERSION,
                "createdFromSafeAddress": self.safe.to_checksum(None),
                "createdFromOwnerAddress": "",
            },
            "transactions": transactions,
        });
        let sum = checksum(&batch);
        batch["meta"]["checksum"] = Value::String(sum.to_string());
        batch
    }

    /// Writes the file atomically (replacing an older batch of the same name).
    pub fn write(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(&self.to_json()).expect("JSON values serialize");
        text.push('\n');
        bounty_core::files::write_atomic(path, text.as_bytes(), bounty_core::files::Existing::Replace)?;
        Ok(())
    }
}

/// The Transaction Builder's checksum of `batch`: over its canonical text with `meta.name` as `null` and without
/// `meta.checksum`.
pub fn checksum(batch: &Value) -> B256 {
    let mut copy = batch.clone();
    if let Some(meta) = copy.get_mut("meta").and_then(Value::as_object_mut) {
        meta.remove("checksum");
        meta.insert("name".into(), Value::Null);
    }
    let mut text = String::new();
    canonical(&copy, &mut text);
    keccak256(text.as_bytes())
}

/// Whether `batch` carries the checksum the app would compute for it.
pub fn checksum_matches(batch: &Value) -> bool {
    let stated = batch.pointer("/meta/checksum").and_then(Value::as_str);
    stated.is_some_and(|s| s.eq_ignore_ascii_case(&checksum(batch).to_string()))
}

/// The app's serialization. Objects: `{` + the JSON array of their sorted keys + each value followed by `,` + `}`;
/// arrays: `[` + values joined by `,` + `]`; scalars: as `JSON.stringify` writes them (serde_json escapes strings
/// the same way: `\"`, `\\`, the short control escapes, other control characters as lower-case `\u00xx`).
fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            // JavaScript sorts by UTF-16 code units; for the ASCII keys of a batch that is byte order.
            keys.sort();
            out.push('{');
            out.push_str(&serde_json::to_string(&keys).expect("strings serialize"));
            for key in keys {
                canonical(&map[key], out);
                out.push(',');
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&serde_json::to_string(scalar).expect("scalars serialize")),
    }
}

/// One transaction: the calldata, plus the method and its arguments as the app displays them when known.
fn transaction_json(plan: &TxPlan) -> Value {
    let (method, values) = match describe(&plan.data) {
        Some((f, args)) => {
            let values: Map<String, Value> = f
                .inputs
                .iter()
                .zip(&args)
                .enumerate()
                .map(|(i, (p, v))| {
                    let name = if p.name.is_empty() { format!("arg{i}") } else { p.name.clone() };
                    (name, Value::String(display(v)))
                })
                .collect();
            let method = json!({ "inputs": f.inputs, "name": f.name, "payable": false });
            (method, Value::Object(values))
        }
        None => (Value::Null, Value::Null),
    };
    json!({
        "to": plan.to.to_checksum(None),
        "value": "0",
        "data": plan.data.to_string(),
        "contractMethod": method,
        "contractInputsValues": values,
    })
}

/// The known function `data` calls, with its decoded arguments.
fn describe(data: &[u8]) -> Option<(&'static Function, Vec<DynSolValue>)> {
    let selector = data.get(..4)?;
    let f = KNOWN_FUNCTIONS.iter().find(|f| f.selector().as_slice() == selector)?;
    let args = f.abi_decode_input(&data[4..]).ok()?;
    Some((f, args))
}

/// An argument as the app's input fields take it: numbers in decimal, addresses checksummed, bytes in hex,
/// tuples and arrays as JSON arrays of those.
fn display(value: &DynSolValue) -> String {
    match value {
        DynSolValue::Array(items) | DynSolValue::FixedArray(items) | DynSolValue::Tuple(items) => {
            Value::Array(items.iter().map(display_nested).collect()).to_string()
        }
        other => scalar(other),
    }
}

fn display_nested(value: &DynSolValue) -> Value {
    match value {
        DynSolValue::Array(items) | DynSolValue::FixedArray(items) | DynSolValue::Tuple(items) => {
            Value::Array(items.iter().map(display_nested).collect())
        }
        other => Value::String(scalar(other)),
    }
}

fn scalar(value: &DynSolValue) -> String {
    match value {
        DynSolValue::Bool(b) => b.to_string(),
        DynSolValue::Int(i, _) => i.to_string(),
        DynSolValue::Uint(u, _) => u.to_string(),
        DynSolValue::Address(a) => a.to_checksum(None),
        DynSolValue::FixedBytes(word, size) => alloy::primitives::hex::encode_prefixed(&word[..*size]),
        DynSolValue::Bytes(b) => alloy::primitives::hex::encode_prefixed(b),
        DynSolValue::String(s) => s.clone(),
        DynSolValue::Function(f) => f.to_string(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::IBountyVault;

    fn batch() -> SafeBatch {
        let vault = Address::repeat_byte(0x11);
        SafeBatch {
            chain_id: 1,
            safe: Address::repeat_byte(0x22),
            name: "veto 2026-Q2".into(),
            description: "stop the root".into(),
            created_at_ms: 1_700_000_000_000,
            transactions: vec![TxPlan::new("veto", vault, &IBountyVault::vetoCall { epoch: 20262 })],
        }
    }

    #[test]
    fn the_checksum_ignores_the_name_and_covers_everything_else() {
        let a = batch().to_json();
        assert!(checksum_matches(&a));
        let mut renamed = a.clone();
        renamed["meta"]["name"] = json!("another name");
        assert!(checksum_matches(&renamed), "the app lets owners rename a batch");
        let mut edited = a.clone();
        edited["transactions"][0]["to"] = json!(Address::repeat_byte(0x33).to_checksum(None));
        assert!(!checksum_matches(&edited));
    }

    #[test]
    fn a_vault_call_is_shown_with_its_method_and_arguments() {
        let t = &batch().to_json()["transactions"][0];
        assert_eq!(t["contractMethod"]["name"], "veto");
        assert_eq!(t["contractMethod"]["inputs"][0]["type"], "uint64");
        assert_eq!(t["contractInputsValues"]["epochNumber"], "20262");
        assert_eq!(t["value"], "0");
    }

    /// `tests/vectors/safe-tx-builder-checksum.json`: a batch with nested tuples, nulls, quotes, a newline,
    /// non-ASCII and a control character, and the checksum the Transaction Builder's own `checksum.ts` gives it.
    #[test]
    fn the_checksum_equals_the_transaction_builders_on_its_vector() {
        let vector: Value =
            serde_json::from_str(include_str!("../../../tests/vectors/safe-tx-builder-checksum.json")).unwrap();
        let expected: B256 = vector["checksum"].as_str().unwrap().parse().unwrap();
        assert_eq!(checksum(&vector["batch"]), expected);
    }

    #[test]
    fn the_canonical_text_is_the_apps() {
        let mut text = String::new();
        canonical(&json!({"b": [1, "x"], "a": {"k": null}}), &mut text);
        assert_eq!(text, r#"{["a","b"]{["k"]null,},[1,"x"],}"#);
    }
}
