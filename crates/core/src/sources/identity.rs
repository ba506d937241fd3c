//! Who is who across platforms: the committee's mapping file from a platform user to a payout address, one row per
//! user with the reason the committee trusts it (`platform,id,account,reason`). Strict like the shares CSV: every
//! error names the file, the line and the column.

use crate::{
    error::{FieldProblem, Result},
    shares::{parse_account, CsvTable},
};
use alloy_primitives::Address;
use serde::{Deserialize, Serialize};
use std::{collections::HashMap, path::Path};

/// One mapping row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// The platform (`discord`, `zendesk`, `discourse`).
    pub platform: String,
    /// The user's id on it (a Discord snowflake, an agent id, a username).
    pub id: String,
    /// Where that user is paid.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub account: Address,
    /// Why the committee trusts the mapping ("posted from the wallet in #support on 2026-06-02").
    pub reason: String,
}

/// A platform's users and where each is paid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identities {
    by_id: HashMap<(String, String), Mapping>,
    /// The sequence of the signed link behind a mapping (links only).
    linked: HashMap<(String, String), u64>,
}

impl Identities {
    /// Reads a mapping CSV (`platform,id,account,reason`; a BOM, CRLF and blank lines tolerated).
    pub fn read(path: &Path) -> Result<Self> {
        let table = CsvTable::read(path, &["platform", "id", "account", "reason"])?;
        let at = |name: &str| table.column(name).expect("required above");
        let mut by_id = HashMap::new();
        for (line, record) in table.rows()? {
            let field = |field: &str, problem: FieldProblem| table.field(line, field, problem);
            let cell = |name: &str| record.get(at(name)).unwrap_or("").to_string();
            let (platform, id, reason) = (cell("platform").to_ascii_lowercase(), cell("id"), cell("reason"));
            if platform.is_empty() {
                return Err(field("platform", FieldProblem::Empty));
            }
            if id.is_empty() {
                return Err(field("id", FieldProblem::Empty));
            }
            // A mapping without a reason is exactly the unrecorded trust this file exists to prevent.
            if reason.is_empty() {
                return Err(field("reason", FieldProblem::Empty));
            }
            let account = parse_account(&cell("account")).map_err(|p| field("account", p.into()))?;
            let key = (platform.clone(), id.clone());
            if by_id.contains_key(&key) {
                return Err(field("id", FieldProblem::Repeated(format!("{platform} user {id}"))));
            }
            by_id.insert(key, Mapping { platform, id, account, reason });
        }
        Ok(Self { by_id, linked: HashMap::new() })
    }

    /// Adds a link whose signature the caller has checked (by key, or ERC-1271 for a contract wallet): the wallet's
    /// own statement replaces a committee row for the same user, and a later link (higher sequence) an earlier one.
    pub fn add_link(&mut self, path: &Path, file: &super::link::LinkFile) {
        let l = &file.link;
        let key = (l.platform.to_ascii_lowercase(), l.platform_id.clone());
        if self.linked.get(&key).is_some_and(|seq| *seq >= l.sequence) {
            return;
        }
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let reason = format!("signed by the wallet: {name} (sequence {})", l.sequence);
        self.by_id
            .insert(key.clone(), Mapping { platform: key.0.clone(), id: key.1.clone(), account: l.account, reason });
        self.linked.insert(key, l.sequence);
    }

    /// The mapping of `platform` user `id`, if any.
    pub fn get(&self, platform: &str, id: &str) -> Option<&Mapping> {
        self.by_id.get(&(platform.to_string(), id.to_string()))
    }
}
