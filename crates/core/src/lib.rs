//! `bounty-core`: the committee's spreadsheet made exact and verifiable.
//!
//! Pipeline: a shares CSV ([`shares`]) and a program config ([`config`]) go through an allocation rule
//! ([`allocation`]) into integer token amounts, which become an OpenZeppelin-compatible StandardMerkleTree
//! ([`merkle`]) and a published claims file ([`claims`]) whose keccak256 is posted on chain as `metadataHash`.
//! USD budgets are converted at a 7-day TWAP computed from raw on-chain readings ([`twap`]) over the window the
//! epoch calendar ([`calendar`]) defines. Nothing here touches the network: the chain layer reads the numbers,
//! this crate does the math, and anyone can re-run [`claims::verify`] on a published file.
//!
//! Money is always integer: token base units in `U256`, prices as 18-decimal fixed point, hours and USD as exact
//! decimals ([`decimal`]); units and their scales live in [`units`]. Files are written through [`files`] only.
//!
//! ```
//! use bounty_core::{allocate, shares::parse_shares, AllocationParams, Money, Rule, StandardMerkleTree, U256};
//!
//! let csv = "account,hours,handle\n\
//!            0x1111111111111111111111111111111111111111,30,alice\n\
//!            0x2222222222222222222222222222222222222222,10,bob\n";
//! let rows = parse_shares(csv.as_bytes(), "shares.csv", Rule::ProRata.measure(), 18)?;
//! let params = AllocationParams {
//!     token_decimals: 18,
//!     budget: Money::Tokens("1000".parse()?),
//!     rule: Rule::ProRata,
//!     epoch_cap: None,
//! };
//! let allocation = allocate(&params, &rows, None)?;
//! assert_eq!(allocation.awards[0].leaf.amount, U256::from(750u64) * U256::from(10u64).pow(U256::from(18)));
//!
//! let tree = StandardMerkleTree::of(allocation.leaves().collect())?;
//! let proof = tree.proof(1)?;
//! assert!(bounty_core::merkle::verify_proof(tree.root(), tree.leaf_hash(1), &proof));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod allocation;
pub mod books;
pub mod calendar;
pub mod claims;
pub mod config;
pub mod decimal;
pub mod error;
pub mod files;
pub mod lines;
pub mod merkle;
pub mod quality;
pub mod report;
pub mod shares;
pub mod sources;
pub mod tips;
pub mod twap;
pub mod units;

mod layout;
pub mod serde_helpers;

pub use allocation::{allocate, Allocation, AllocationParams, Award, DropReason, Dropped, Rule, Warning};
pub use alloy_primitives::{Address, B256, U256};
pub use calendar::{Cadence, EpochLabel, EpochNumber, Schedule, ScheduleConfig};
pub use claims::{
    metadata_hash, verify, Check, ClaimEntry, ClaimsFile, DroppedEntry, EpochClaim, Failure, LoadedClaims, Verdict,
};
pub use config::{PriceSource, ProgramConfig, QuoteToken, TokenInfo};
pub use decimal::Decimal;
pub use error::{Error, Result};
pub use merkle::{ClaimLeaf, LeafValue, MultiProof, StandardMerkleTree, TreeDump};
pub use report::{AdjustmentRecord, Intake, ReportFile, ReportProof, SelfReport};
pub use shares::ShareRow;
pub use twap::{ChainlinkRound, PoolObservation, PricePoint, PriceProvenance, PriceRecord, Window};
pub use units::{FixedUnit, Measure, Money, PRICE_ONE};
