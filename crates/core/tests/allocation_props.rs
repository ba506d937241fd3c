//! Property tests of the allocation rules: never above the cap, exact sum where the rule distributes everything,
//! permutation-invariant, monotone, zero measure → zero amount.

use alloy_primitives::{Address, U256};
use bounty_core::{
    allocate, Allocation, AllocationParams, Decimal, FixedUnit, Money, PricePoint, PriceProvenance, PriceRecord, Rule,
    ShareRow, StandardMerkleTree, Window,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn rule_strategy() -> impl Strategy<Value = Rule> {
    prop_oneof![
        Just(Rule::ProRata),
        (0u64..8).prop_map(|min_votes| Rule::Votes { min_votes }),
        (0u64..1_000_000_000).prop_map(|r| Rule::Hourly { rate: Money::Usd(Decimal::from_units(U256::from(r), 6)) }),
        (0u64..u64::MAX).prop_map(|r| Rule::Hourly { rate: Money::Tokens(Decimal::from_units(U256::from(r), 18)) }),
        Just(Rule::Fixed { unit: FixedUnit::Usd, scale_to_cap: true }),
        Just(Rule::Fixed { unit: FixedUnit::Tokens, scale_to_cap: true }),
    ]
}

/// Distinct accounts with a raw measure (micro-hours, micro-USD, base-unit tokens or votes; 1 in 5 zero).
fn rows_strategy() -> impl Strategy<Value = Vec<(Address, u64)>> {
    prop::collection::btree_map(any::<[u8; 20]>(), prop_oneof![1 => Just(0u64), 4 => 0u64..2_000_000_000], 1..24)
        .prop_map(|m: BTreeMap<[u8; 20], u64>| m.into_iter().map(|(a, v)| (Address::from(a), v)).collect())
}

fn to_rows(raw: &[(Address, u64)], rule: &Rule) -> Vec<ShareRow> {
    let scale = match rule.measure() {
        bounty_core::Measure::Hours | bounty_core::Measure::Usd => 6,
        bounty_core::Measure::Tokens => 18,
        bounty_core::Measure::Votes => 0,
    };
    raw.iter()
        .map(|&(account, v)| {
            // Votes are small integers so that min_votes matters.
            let v = if scale == 0 { v % 12 } else { v };
            ShareRow {
                line: 0,
                account,
                value: Decimal::from_units(U256::from(v), scale),
                handle: None,
                note: None,
                kpis: Default::default(),
            }
        })
        .collect()
}

fn amount_of(a: &Allocation, account: Address) -> U256 {
    a.awards.iter().find(|c| c.leaf.account == account).map_or(U256::ZERO, |c| c.leaf.amount)
}

/// A flat price of `usd_per_token` (18 decimals) over a one-second window.
fn priced(usd_per_token: u64) -> Option<PriceRecord> {
    let window = Window { start_timestamp: 0, end_timestamp: 1, start_block: None, end_block: None };
    let points = vec![PricePoint { timestamp: 0, price: U256::from(usd_per_token) }];
    Some(PriceRecord::derive(PriceProvenance::Series { source: "flat".into(), window, points }).unwrap())
}

fn case() -> impl Strategy<Value = (Rule, Vec<(Address, u64)>, u128, u64)> {
    (rule_strategy(), rows_strategy(), 0u128..10u128.pow(24), 1u64..u64::MAX)
}

fn params(rule: Rule, budget: u128) -> AllocationParams {
    AllocationParams {
        token_decimals: 18,
        budget: Money::Tokens(Decimal::from_units(U256::from(budget), 18)),
        rule,
        epoch_cap: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_above_the_cap_and_exact_when_distributing((rule, raw, budget, price) in case()) {
        let rows = to_rows(&raw, &rule);
        let a = allocate(&params(rule, budget), &rows, priced(price)).unwrap();
        let sum = a.awards.iter().fold(U256::ZERO, |s, c| s + c.leaf.amount);
        prop_assert_eq!(sum, a.total);
        prop_assert!(a.total <= a.cap);
        prop_assert_eq!(a.cap, U256::from(budget));
        let any_weight = a.awards.len() + a.dropped.iter().filter(|d| !d.row.value.is_zero()).count() > 0;
        let min_votes = match rule { Rule::Votes { min_votes } => min_votes, _ => 0 };
        let eligible = rows.iter().any(|r| !r.value.is_zero() && r.value.to_units(0).map_or(true, |v| v >= U256::from(min_votes)));
        if rule.distributes_budget() && any_weight && eligible {
            prop_assert_eq!(a.total, a.cap);
        }
        // Indices are positions in address order; no zero amounts in the tree.
        for (i, c) in a.awards.iter().enumerate() {
            prop_assert_eq!(c.leaf.index, i as u64);
            prop_assert!(!c.leaf.amount.is_zero());
        }
        prop_assert!(a.awards.windows(2).all(|w| w[0].leaf.account < w[1].leaf.account));
    }

    #[test]
    fn permutation_invariant((rule, raw, budget, price) in case(), seed in any::<u64>()) {
        let rows = to_rows(&raw, &rule);
        let mut shuffled = rows.clone();
        // Deterministic Fisher–Yates from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let p = params(rule, budget);
        let a = allocate(&p, &rows, priced(price)).unwrap();
        let b = allocate(&p, &shuffled, priced(price)).unwrap();
        prop_assert_eq!(&a, &b);
        if !a.awards.is_empty() {
            let leaves = |x: &Allocation| x.leaves().collect::<Vec<_>>();
            prop_assert_eq!(StandardMerkleTree::of(leaves(&a)).unwrap().root(), StandardMerkleTree::of(leaves(&b)).unwrap().root());
        }
    }

    #[test]
    fn monotone_and_zero_gets_zero((rule, raw, budget, price) in case()) {
        let rows = to_rows(&raw, &rule);
        let a = allocate(&params(rule, budget), &rows, priced(price)).unwrap();
        for x in &rows {
            let ax = amount_of(&a, x.account);
            if x.value.is_zero() {
                prop_assert!(ax.is_zero());
            }
            for y in &rows {
                // More measure never means fewer tokens (votes under the minimum are dropped by design).
                let votes_rule_drops = matches!(rule, Rule::Votes { min_votes } if y.value.to_units(0).unwrap() >= U256::from(min_votes) && x.value.to_units(0).unwrap() < U256::from(min_votes));
                if x.value.to_units(18).unwrap() > y.value.to_units(18).unwrap() && !votes_rule_drops {
                    prop_assert!(ax >= amount_of(&a, y.account), "{} > {} but {} < {}", x.value, y.value, ax, amount_of(&a, y.account));
                }
            }
        }
    }
}
