//! What a leaf is: a fixed tuple of Solidity static types ([`LeafValue`]), hashed and dumped as the npm library
//! does; the vault's leaf is [`ClaimLeaf`].

use super::MerkleError;
use alloy_primitives::{keccak256, Address, B256, U256};

type Result<T, E = MerkleError> = std::result::Result<T, E>;

/// A value type that can be a StandardMerkleTree leaf: a fixed tuple of Solidity static types.
pub trait LeafValue: Clone + PartialEq + Send + Sync {
    /// The Solidity types, e.g. `["uint256", "address", "uint256"]`.
    fn leaf_encoding() -> Vec<String>;
    /// `keccak256(keccak256(abi.encode(values)))`.
    fn leaf_hash(&self) -> B256;
    /// The values as they appear in the JSON dump (uint256 as decimal strings, addresses EIP-55).
    fn to_json(&self) -> Vec<serde_json::Value>;
    /// Parses the values of a dump entry.
    fn from_json(values: &[serde_json::Value]) -> Result<Self>;
}

/// An account's claim in one epoch, as the vault's leaf `(uint256 index, address account, uint256 amount)`: the one
/// type for "who is owed what" from the allocation to the claims file to the chain (which converts it with `From`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClaimLeaf {
    /// Position in the epoch's claim list (sorted by account); the vault's claimed bit. Encoded as `uint256`.
    pub index: u64,
    /// Who is paid.
    pub account: Address,
    /// Token base units.
    pub amount: U256,
}

/// abi.encode of static words: each value is one 32-byte word, so the encoding is their concatenation.
fn double_keccak(words: &[[u8; 32]]) -> B256 {
    // At most 3 words here; a stack buffer avoids any per-leaf heap allocation.
    let mut buf = [0u8; 96];
    for (i, w) in words.iter().enumerate() {
        buf[32 * i..32 * (i + 1)].copy_from_slice(w);
    }
    keccak256(keccak256(&buf[..32 * words.len()]))
}

fn address_word(a: &Address) -> [u8; 32] {
    let mut w = [0u8; 32];
    w[12..].copy_from_slice(a.as_slice());
    w
}

fn json_u256(v: &serde_json::Value, field: &'static str) -> Result<U256, MerkleError> {
    v.as_str().and_then(|s| s.parse::<U256>().ok()).ok_or_else(|| MerkleError::ValueType {
        field,
        expected: "a uint256 string",
        found: v.to_string(),
    })
}

fn json_u64(v: &serde_json::Value, field: &'static str) -> Result<u64, MerkleError> {
    json_u256(v, field)?.try_into().map_err(|_| MerkleError::ValueType {
        field,
        expected: "an index below 2^64",
        found: v.to_string(),
    })
}

fn json_address(v: &serde_json::Value, field: &'static str) -> Result<Address, MerkleError> {
    v.as_str().and_then(|s| s.parse::<Address>().ok()).ok_or_else(|| MerkleError::ValueType {
        field,
        expected: "an address string",
        found: v.to_string(),
    })
}

impl LeafValue for ClaimLeaf {
    fn leaf_encoding() -> Vec<String> {
        vec!["uint256".into(), "address".into(), "uint256".into()]
    }

    fn leaf_hash(&self) -> B256 {
        double_keccak(&[U256::from(self.index).to_be_bytes(), address_word(&self.account), self.amount.to_be_bytes()])
    }

    fn to_json(&self) -> Vec<serde_json::Value> {
        vec![self.index.to_string().into(), self.account.to_checksum(None).into(), self.amount.to_string().into()]
    }

    fn from_json(values: &[serde_json::Value]) -> Result<Self> {
        let [index, account, amount] = values else {
            return Err(MerkleError::ValueArity { expected: 3, found: values.len() });
        };
        Ok(Self {
            index: json_u64(index, "index")?,
            account: json_address(account, "account")?,
            amount: json_u256(amount, "amount")?,
        })
    }
}

/// `["address", "uint256"]` leaves: the classic airdrop encoding (and the golden vector).
impl LeafValue for (Address, U256) {
    fn leaf_encoding() -> Vec<String> {
        vec!["address".into(), "uint256".into()]
    }

    fn leaf_hash(&self) -> B256 {
        double_keccak(&[address_word(&self.0), self.1.to_be_bytes()])
    }

    fn to_json(&self) -> Vec<serde_json::Value> {
        vec![self.0.to_checksum(None).into(), self.1.to_string().into()]
    }

    fn from_json(values: &[serde_json::Value]) -> Result<Self> {
        let [account, amount] = values else {
            return Err(MerkleError::ValueArity { expected: 2, found: values.len() });
        };
        Ok((json_address(account, "account")?, json_u256(amount, "amount")?))
    }
}
