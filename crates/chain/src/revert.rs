//! The vault's custom errors, `Error(string)` and `Panic(uint256)` decoded into [`Revert`], whose `Display` is the
//! sentence a signer or helper can act on ("epoch 20262 (2026-Q2) is still pending: claimable from 2026-07-04 00:00
//! UTC"). The sentences are data, `abi/reverts.json`, the one table the claim page reads too; they state the fact,
//! and which command fixes it is the binary's to say.

use crate::bindings::IBountyVault::IBountyVaultErrors;
use alloy::{
    dyn_abi::{DynSolValue, ErrorExt},
    json_abi::{Error, JsonAbi},
    primitives::{Bytes, Selector, U256},
    sol_types::{Panic, Revert as StringRevert, SolError, SolInterface},
};
use bounty_core::EpochNumber;
use std::{collections::HashMap, fmt, sync::LazyLock};

/// Why a call reverted, decoded from its revert data.
#[derive(Clone, Debug)]
pub enum Revert {
    /// One of the vault's custom errors.
    Vault(IBountyVaultErrors),
    /// An error of a library the vault uses (OpenZeppelin's `SafeERC20`, `ReentrancyGuard`, …), with its sentence.
    Library(String),
    /// `Error(string)`.
    Message(String),
    /// `Panic(uint256)`.
    Panic(U256),
    /// Data nobody here can decode.
    Unknown(Bytes),
    /// A node that reports a bare revert without data (the node's message).
    Bare(String),
}

impl Revert {
    /// Decodes revert data: the vault's custom errors, `Error(string)`, `Panic(uint256)`, or the raw bytes.
    pub fn decode(data: &[u8]) -> Self {
        if let Ok(e) = IBountyVaultErrors::abi_decode(data) {
            return Self::Vault(e);
        }
        if let Some(sentence) = sentence(data) {
            return Self::Library(sentence);
        }
        if let Ok(r) = StringRevert::abi_decode(data) {
            return Self::Message(r.reason);
        }
        if let Ok(p) = Panic::abi_decode(data) {
            return Self::Panic(p.code);
        }
        Self::Unknown(Bytes::copy_from_slice(data))
    }
}

impl fmt::Display for Revert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Vault(e) => match sentence(&e.abi_encode()) {
                Some(sentence) => f.write_str(&sentence),
                None => write!(f, "reverted with the vault's {e:?}"),
            },
            Self::Library(sentence) => f.write_str(sentence),
            Self::Message(m) => write!(f, "reverted with \"{m}\""),
            Self::Panic(code) => {
                let panic = Panic { code: *code };
                match panic.kind() {
                    Some(kind) => write!(f, "panicked ({kind})"),
                    None => write!(f, "panicked ({code})"),
                }
            }
            Self::Unknown(data) if data.is_empty() => f.write_str("reverted without a reason"),
            Self::Unknown(data) => write!(f, "reverted with unknown data {data}"),
            Self::Bare(message) => f.write_str(message),
        }
    }
}

/// Turns revert data into a sentence (see [`Revert`]).
pub fn decode_revert(data: &[u8]) -> String {
    Revert::decode(data).to_string()
}

/// A unix timestamp as "2026-07-04 00:00 UTC".
pub fn utc(ts: U256) -> String {
    let secs = i64::try_from(ts).unwrap_or(i64::MAX);
    match chrono::DateTime::from_timestamp(secs, 0) {
        Some(t) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        None => format!("timestamp {ts}"),
    }
}

/// The vault ABI's errors with their sentences from `abi/reverts.json`, by selector.
static SENTENCES: LazyLock<HashMap<Selector, (Error, String)>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct Artifact {
        abi: JsonAbi,
    }
    #[derive(serde::Deserialize)]
    struct Table {
        sentences: HashMap<String, String>,
        token: HashMap<String, String>,
    }
    let abi: Artifact =
        serde_json::from_str(include_str!("../../../abi/BountyVault.json")).expect("committed artifact parses");
    let mut table: Table =
        serde_json::from_str(include_str!("../../../abi/reverts.json")).expect("committed table parses");
    let vault = abi.abi.errors().filter_map(|e| Some((e.selector(), (e.clone(), table.sentences.remove(&e.name)?))));
    let token = table.token.into_iter().map(|(declaration, sentence)| {
        let error = Error::parse(&declaration).expect("abi/reverts.json: a token error's declaration parses");
        (error.selector(), (error, sentence))
    });
    vault.chain(token).collect()
});

/// The sentence for revert data that is one of the vault ABI's errors (its own or a library's it uses), or a
/// standard ERC-20 error the vault passed through.
fn sentence(data: &[u8]) -> Option<String> {
    let selector = Selector::try_from(data.get(..4)?).ok()?;
    let (error, template) = SENTENCES.get(&selector)?;
    let values = error.decode_error(data).ok()?.body;
    let named: HashMap<&str, &DynSolValue> = error.inputs.iter().map(|p| p.name.as_str()).zip(values.iter()).collect();
    render(template, |name, kind| named.get(name).and_then(|v| shown(v, kind)))
}

/// Fills `{name}` and `{name:kind}` placeholders; `None` if one names no parameter or an unknown kind.
fn render(template: &str, value: impl Fn(&str, &str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}')?;
        out.push_str(&rest[..open]);
        let (name, kind) = rest[open + 1..close].split_once(':').unwrap_or((&rest[open + 1..close], ""));
        out.push_str(&value(name, kind)?);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// One decoded parameter as a sentence shows it (the kinds are listed in `abi/reverts.json`).
fn shown(value: &DynSolValue, kind: &str) -> Option<String> {
    let number = || value.as_uint().map(|(u, _)| u);
    let small = || number().and_then(|u| u64::try_from(u).ok());
    Some(match kind {
        "" => match value {
            DynSolValue::Address(a) => a.to_checksum(None),
            DynSolValue::Uint(u, _) => u.to_string(),
            DynSolValue::Int(i, _) => i.to_string(),
            DynSolValue::FixedBytes(word, size) => Bytes::copy_from_slice(&word[..*size]).to_string(),
            DynSolValue::Bool(b) => b.to_string(),
            DynSolValue::String(s) => s.clone(),
            DynSolValue::Bytes(b) => Bytes::copy_from_slice(b).to_string(),
            _ => return None,
        },
        "epoch" => EpochNumber(small()?).to_string(),
        "time" => utc(number()?),
        "duration" => {
            let seconds = number()?;
            format!("{seconds} s, {} days", seconds / U256::from(86_400))
        }
        "cadence" => cadence(small()?)?.0.into(),
        "epoch-format" => cadence(small()?)?.1.into(),
        _ => return None,
    })
}

/// The vault's `Cadence` enum (`Quarterly` = 0, `Monthly` = 1): its name and how its epoch numbers are written.
fn cadence(value: u64) -> Option<(&'static str, &'static str)> {
    match value {
        0 => Some(("quarterly", "YYYYQ (20262 for 2026-Q2)")),
        1 => Some(("monthly", "YYYYMM (202606 for 2026-06)")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// `tests/vectors/reverts.json`, shared with the claim page's test: each case encoded from its arguments with
    /// the vault's ABI, decoded and printed; every error of the interface has a case.
    #[test]
    fn every_vault_error_reads_as_the_right_sentence() {
        use alloy::dyn_abi::DynSolType;
        #[derive(serde::Deserialize)]
        struct Vectors {
            cases: Vec<Case>,
        }
        #[derive(serde::Deserialize)]
        struct Case {
            error: String,
            args: Vec<String>,
            sentence: String,
        }
        let vectors: Vectors = serde_json::from_str(include_str!("../../../tests/vectors/reverts.json")).unwrap();
        let errors: HashMap<&str, &Error> = SENTENCES.values().map(|(e, _)| (e.name.as_str(), e)).collect();
        let mut covered = BTreeSet::new();
        for case in &vectors.cases {
            let error = errors[case.error.as_str()];
            let values: Vec<DynSolValue> = error
                .inputs
                .iter()
                .zip(&case.args)
                .map(|(p, arg)| DynSolType::parse(&p.ty).unwrap().coerce_str(arg).unwrap())
                .collect();
            assert_eq!(values.len(), error.inputs.len(), "{}: wrong number of args", case.error);
            let mut data = error.selector().to_vec();
            data.extend(DynSolValue::Tuple(values).abi_encode_params());
            assert_eq!(decode_revert(&data), case.sentence, "{}", case.error);
            covered.insert(error.selector().0);
        }
        let all: BTreeSet<[u8; 4]> = IBountyVaultErrors::SELECTORS.iter().copied().collect();
        assert!(all.is_subset(&covered), "a vault error has no case in tests/vectors/reverts.json");
    }

    /// The table is whole and well formed: a sentence for every error of the vault's ABI (its own and its
    /// libraries'), each placeholder a parameter of its error with a known kind, and no command or flag in it (the
    /// tools add their own advice).
    #[test]
    fn the_sentence_table_covers_the_abi_and_names_only_parameters() {
        #[derive(serde::Deserialize)]
        struct Artifact {
            abi: JsonAbi,
        }
        let abi: Artifact = serde_json::from_str(include_str!("../../../abi/BountyVault.json")).unwrap();
        let table: serde_json::Value = serde_json::from_str(include_str!("../../../abi/reverts.json")).unwrap();
        let sentences = table["sentences"].as_object().unwrap();
        for error in abi.abi.errors() {
            let template = sentences.get(&error.name).and_then(|s| s.as_str());
            let template = template.unwrap_or_else(|| panic!("abi/reverts.json has no sentence for {}", error.name));
            let filled = render(template, |name, kind| {
                let known = ["", "epoch", "time", "duration", "cadence", "epoch-format"].contains(&kind);
                (known && error.inputs.iter().any(|p| p.name == name)).then(|| "x".to_string())
            });
            assert!(
                filled.is_some(),
                "{}: a placeholder names no parameter or an unknown kind: {template}",
                error.name
            );
            assert!(!template.contains("bounty ") && !template.contains("--"), "{}: names a command", error.name);
        }
        assert_eq!(
            sentences.len(),
            abi.abi.errors().count(),
            "abi/reverts.json has sentences for errors not in the ABI"
        );
        for (declaration, template) in table["token"].as_object().unwrap() {
            let error = Error::parse(declaration).unwrap_or_else(|e| panic!("{declaration}: {e}"));
            let filled = render(template.as_str().unwrap(), |name, _| {
                error.inputs.iter().any(|p| p.name == name).then(|| "x".to_string())
            });
            assert!(filled.is_some(), "{declaration}: a placeholder names no parameter");
        }
    }

    #[test]
    fn string_reverts_panics_and_unknown_data() {
        assert_eq!(decode_revert(&StringRevert::from("OLD").abi_encode()), "reverted with \"OLD\"");
        assert_eq!(
            decode_revert(&Panic { code: U256::from(0x11) }.abi_encode()),
            "panicked (arithmetic underflow or overflow)"
        );
        assert_eq!(decode_revert(&[]), "reverted without a reason");
        assert!(decode_revert(&[1, 2, 3, 4]).contains("0x01020304"));
    }
}
