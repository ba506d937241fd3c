//! The calendar against the shared vectors (`tests/vectors/calendar.json`), which the vault's `EpochCalendar` reads
//! too: both sides name the same period for the same second and accept the same epoch numbers.

use bounty_core::{Cadence, EpochLabel};
use chrono::DateTime;
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/calendar.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_period_of_every_vector_timestamp() {
    let v = vectors();
    let periods = v["periods"].as_array().unwrap();
    assert_eq!(periods.len() as u64, v["count"].as_u64().unwrap());
    for p in periods {
        let at = DateTime::from_timestamp(p["timestamp"].as_i64().unwrap(), 0).unwrap();
        for (cadence, key) in [(Cadence::Quarterly, "quarterly"), (Cadence::Monthly, "monthly")] {
            let number = EpochLabel::containing(at, cadence).epoch_number();
            assert_eq!(number, p[key].as_u64().unwrap(), "{} {key}", p["utc"]);
        }
    }
}

#[test]
fn well_formed_numbers_are_the_vaults() {
    let v = vectors();
    for (cadence, key) in [(Cadence::Quarterly, "quarterly"), (Cadence::Monthly, "monthly")] {
        for n in v["wellFormed"][key]["valid"].as_array().unwrap() {
            let n = n.as_u64().unwrap();
            assert!(EpochLabel::from_epoch_number(n, cadence).is_ok(), "{n} should be a {key} epoch");
        }
        for n in v["wellFormed"][key]["invalid"].as_array().unwrap() {
            let n = n.as_u64().unwrap();
            assert!(EpochLabel::from_epoch_number(n, cadence).is_err(), "{n} should not be a {key} epoch");
        }
    }
}
