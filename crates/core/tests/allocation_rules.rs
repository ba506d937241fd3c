//! The allocation rules on hand-computed cases: pro-rata remainders, an hourly USD rate scaled to the cap, fixed
//! plans over the cap, the vote minimum, the epoch cap, and a quality-weighted USD base at a price.

use alloy_primitives::{Address, U256};
use bounty_core::{
    allocate,
    error::AllocationError,
    quality::{Kpis, Targets},
    twap::{PricePoint, PriceProvenance, Window},
    Allocation, AllocationParams, DropReason, FixedUnit, Money, PriceRecord, Rule, ShareRow, Warning, PRICE_ONE,
};

fn row(byte: u8, value: &str) -> ShareRow {
    ShareRow {
        kpis: Default::default(),
        line: 0,
        account: Address::repeat_byte(byte),
        value: value.parse().unwrap(),
        handle: None,
        note: None,
    }
}

fn params(budget: Money, rule: Rule) -> AllocationParams {
    AllocationParams { token_decimals: 18, budget, rule, epoch_cap: None }
}

fn tokens(s: &str) -> Money {
    Money::Tokens(s.parse().unwrap())
}

/// A flat price series at `usd_per_token`.
fn price(usd_per_token: U256) -> Option<PriceRecord> {
    let window = Window { start_timestamp: 0, end_timestamp: 1, start_block: None, end_block: None };
    let points = vec![PricePoint { timestamp: 0, price: usd_per_token }];
    Some(PriceRecord::derive(PriceProvenance::Series { source: "test".into(), window, points }).unwrap())
}

fn amounts(a: &Allocation) -> Vec<String> {
    a.awards.iter().map(|c| c.leaf.amount.to_string()).collect()
}

#[test]
fn pro_rata_hands_out_the_whole_budget() {
    // 1 base unit split three ways by equal hours: 1 goes to the lowest address.
    let p = AllocationParams { token_decimals: 0, ..params(tokens("1"), Rule::ProRata) };
    let a = allocate(&p, &[row(3, "1"), row(1, "1"), row(2, "1")], None).unwrap();
    assert_eq!(a.awards.len(), 1);
    assert_eq!(a.awards[0].leaf.account, Address::repeat_byte(1));
    assert_eq!(a.dropped.len(), 2);
    // 1000 RPL by 10 / 20 / 30 hours (hand-computed): 166.66.., 333.33.., 500.
    let a =
        allocate(&params(tokens("1000"), Rule::ProRata), &[row(1, "10"), row(2, "20"), row(3, "30")], None).unwrap();
    assert_eq!(amounts(&a), ["166666666666666666667", "333333333333333333333", "500000000000000000000"]);
    assert_eq!(a.total, U256::from(1000u64) * PRICE_ONE);
}

#[test]
fn hourly_usd_rate_is_capped_and_scaled() {
    // $25/h at $10/RPL: 10 h → 25 RPL, 4.5 h → 11.25 RPL, under a 1000 RPL cap.
    let p = params(tokens("1000"), Rule::Hourly { rate: Money::Usd("25".parse().unwrap()) });
    let at_10 = price(U256::from(10u64) * PRICE_ONE);
    let a = allocate(&p, &[row(1, "10"), row(2, "4.5")], at_10.clone()).unwrap();
    assert_eq!(a.awards[0].leaf.amount, U256::from(25u64) * PRICE_ONE);
    assert_eq!(a.awards[1].leaf.amount, U256::from(1125u64) * PRICE_ONE / U256::from(100u64));
    assert!(a.warnings.is_empty());
    // 500 h → 1250 RPL, 300 h → 750 RPL: over the cap, scaled to 625 + 375.
    let a = allocate(&p, &[row(1, "500"), row(2, "300")], at_10).unwrap();
    assert_eq!(a.total, U256::from(1000u64) * PRICE_ONE);
    assert_eq!(a.awards[0].leaf.amount, U256::from(625u64) * PRICE_ONE);
    assert_eq!(a.warnings, [Warning::ScaledToCap { cap: a.cap }]);
    assert!(matches!(allocate(&p, &[row(1, "1")], None), Err(AllocationError::MissingPrice)));
}

#[test]
fn fixed_over_cap_is_an_error_unless_scaling() {
    let rule = Rule::Fixed { unit: FixedUnit::Usd, scale_to_cap: false };
    let p = params(Money::Usd("1000".parse().unwrap()), rule);
    let at_2 = price(U256::from(2u64) * PRICE_ONE); // $2 per PERP
    match allocate(&p, &[row(1, "800"), row(2, "400")], at_2.clone()).unwrap_err() {
        AllocationError::OverCap { total, cap, excess, .. } => {
            assert_eq!(total, U256::from(600u64) * PRICE_ONE);
            assert_eq!(cap, U256::from(500u64) * PRICE_ONE);
            assert_eq!(excess, U256::from(100u64) * PRICE_ONE);
        }
        e => panic!("{e}"),
    }
    let p = params(Money::Usd("1000".parse().unwrap()), Rule::Fixed { unit: FixedUnit::Usd, scale_to_cap: true });
    let a = allocate(&p, &[row(1, "800"), row(2, "400")], at_2).unwrap();
    assert_eq!(a.total, U256::from(500u64) * PRICE_ONE);
}

#[test]
fn votes_drop_below_minimum() {
    let p = params(tokens("90"), Rule::Votes { min_votes: 5 });
    let a = allocate(&p, &[row(1, "4"), row(2, "5"), row(3, "10")], None).unwrap();
    assert_eq!(a.awards.len(), 2);
    assert_eq!(a.awards[0].leaf.amount, U256::from(30u64) * PRICE_ONE);
    assert_eq!(a.dropped[0].reason, DropReason::BelowMinVotes { min_votes: 5 });
}

#[test]
fn epoch_cap_limits_the_budget() {
    let mut p = params(tokens("1000"), Rule::ProRata);
    p.epoch_cap = Some("600".parse().unwrap());
    let a = allocate(&p, &[row(1, "1"), row(2, "2")], None).unwrap();
    assert_eq!(a.total, U256::from(600u64) * PRICE_ONE);
}

#[test]
fn quality_pays_the_usd_base_times_the_targets_met() {
    // $900 bases at $3/PERP under 3 targets: 3/3 → 300 PERP, 1/3 → 100 PERP, 0/3 → dropped with its reason.
    let targets = Targets {
        max_first_reply_hours: Some("2".parse().unwrap()),
        max_resolution_hours: Some("24".parse().unwrap()),
        min_csat_percent: Some("90".parse().unwrap()),
    };
    let rule = Rule::Quality { base: FixedUnit::Usd, targets, scale_to_cap: false };
    let kpis = |reply: &str, resolution: &str, csat: &str| Kpis {
        first_reply_hours: Some(reply.parse().unwrap()),
        resolution_hours: Some(resolution.parse().unwrap()),
        csat_percent: Some(csat.parse().unwrap()),
    };
    let rows = [
        ShareRow { kpis: kpis("1", "10", "95"), ..row(1, "900") },
        ShareRow { kpis: kpis("3", "30", "90"), ..row(2, "900") },
        ShareRow { kpis: kpis("3", "30", "50"), ..row(3, "900") },
    ];
    let at_3 = price(U256::from(3u64) * PRICE_ONE);
    let a = allocate(&params(Money::Usd("5000".parse().unwrap()), rule), &rows, at_3.clone()).unwrap();
    assert_eq!(amounts(&a), ["300000000000000000000", "100000000000000000000"]);
    assert_eq!(a.dropped[0].reason, DropReason::NoTargetMet { targets: 3 });
    // Over a $1 000 budget (333.33 PERP at $3): refused with the excess, unless scaled.
    let over = allocate(&params(Money::Usd("1000".parse().unwrap()), rule), &rows, at_3);
    assert!(matches!(over, Err(AllocationError::OverCap { .. })), "{over:?}");
}
