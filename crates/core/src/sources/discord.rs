//! Discord, from DiscordChatExporter's JSON export of a channel (`guild`, `channel`, `messages[]` with `author`,
//! `timestamp` carrying the exporter's local offset, and — in the JSON format only — `reactions[].users`, every
//! user who reacted). One use today: **a vote round** of the Rocket Pool thread's tip jar, a pinned message with an
//! emoji per helper that the people they helped click.
//!
//! Counted per helper: distinct users who reacted with the helper's emoji; never a bot, never the helper voting for
//! themselves, and, when the program asks, only users who posted in the exported channel during the period (the
//! "you were helped" test). Every vote not counted is kept with its reason, for the audit file the thread asked for
//! ("relatively easy to audit who voted"). Times are compared as instants, whatever offset the export carries.

pub use crate::config::DiscordConfig;
use crate::error::Result;
use alloy_primitives::{Address, B256};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::{
    collections::{BTreeMap, HashMap, HashSet},
    path::Path,
};

/// A DiscordChatExporter JSON export (the fields read; the rest is ignored).
#[derive(Clone, Debug, Deserialize)]
pub struct Export {
    /// The channel.
    pub channel: Channel,
    /// Its messages, oldest first.
    pub messages: Vec<Message>,
}

/// The exported channel.
#[derive(Clone, Debug, Deserialize)]
pub struct Channel {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// One message.
#[derive(Clone, Debug, Deserialize)]
pub struct Message {
    /// Its id (a snowflake, as a string).
    pub id: String,
    /// When it was sent, RFC 3339 with the exporter's offset.
    pub timestamp: DateTime<chrono::FixedOffset>,
    /// Who sent it.
    pub author: User,
    /// Its reactions (JSON exports list every reacting user).
    #[serde(default)]
    pub reactions: Vec<Reaction>,
}

/// A Discord user as the export writes one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The user id (snowflake).
    pub id: String,
    /// The user name.
    pub name: String,
    /// A bot account.
    #[serde(default)]
    pub is_bot: bool,
}

/// One emoji's reactions on a message.
#[derive(Clone, Debug, Deserialize)]
pub struct Reaction {
    /// The emoji.
    pub emoji: Emoji,
    /// How many reacted, as Discord counts them.
    pub count: u64,
    /// Who reacted (absent in exports made without reaction users).
    #[serde(default)]
    pub users: Option<Vec<User>>,
}

/// A reaction's emoji.
#[derive(Clone, Debug, Deserialize)]
pub struct Emoji {
    /// The unicode emoji, or the custom emoji's name.
    pub name: String,
}

/// Reads an export, naming the JSON path of anything that does not fit the format.
pub fn read_export(path: &Path) -> Result<Export> {
    crate::files::read_json(path)
}

/// [`read_export`] for the bytes already read from `path` (the intake also hashes them).
pub fn parse_export(path: &Path, bytes: &[u8]) -> Result<Export> {
    crate::files::parse_json(path, bytes)
}

/// Why a reaction is not a vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotCounted {
    /// A bot account.
    Bot,
    /// The helper reacting to their own emoji.
    SelfVote,
    /// The voter did not post in the channel during the period.
    NotPosted,
}

impl std::fmt::Display for NotCounted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Bot => "a bot",
            Self::SelfVote => "the helper's own vote",
            Self::NotPosted => "did not post in the channel during the period",
        })
    }
}

/// One helper's votes in the round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HelperVotes {
    /// The emoji.
    pub emoji: String,
    /// The helper's Discord user id.
    pub helper: String,
    /// Each counted voter.
    pub counted: Vec<User>,
    /// Each reaction not counted, with why.
    pub not_counted: Vec<(User, NotCounted)>,
}

/// A counted round: every helper of the table, in the table's order, and the reactions with no helper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Round {
    /// The message.
    pub message: String,
    /// The channel.
    pub channel: String,
    /// Per helper.
    pub helpers: Vec<HelperVotes>,
    /// Emojis on the message that stand for no helper, with their counts.
    pub other_emojis: Vec<(String, u64)>,
}

/// Why a round cannot be counted.
#[derive(Debug, thiserror::Error)]
pub enum RoundError {
    /// The message is not in the export.
    #[error("{file}: message {message} is not in this export of #{channel} ({count} messages): export the channel that holds the pinned message, or check the id")]
    NoMessage {
        /// The export.
        file: String,
        /// The id asked for.
        message: String,
        /// The channel exported.
        channel: String,
        /// How many messages it has.
        count: usize,
    },
    /// The export lists fewer reacting users than Discord counted: counting it would drop votes.
    #[error("{file}: messages[{index}].reactions[{reaction}] ({emoji}) counts {count} reactions but lists {listed} users: export again as JSON with reactions (DiscordChatExporter lists reacting users in JSON only)")]
    MissingUsers {
        /// The export.
        file: String,
        /// The message's position.
        index: usize,
        /// The reaction's position.
        reaction: usize,
        /// The emoji.
        emoji: String,
        /// Discord's count.
        count: u64,
        /// Users listed.
        listed: usize,
    },
}

/// Counts the round of `message` in `export` with `config`'s emoji table; `period` (start inclusive, end
/// exclusive) is the "posted during the period" window when the config requires it.
pub fn count_round(
    file: &str,
    export: &Export,
    message: &str,
    config: &DiscordConfig,
    period: (DateTime<Utc>, DateTime<Utc>),
) -> Result<Round, RoundError> {
    let (index, pinned) =
        export.messages.iter().enumerate().find(|(_, m)| m.id == message).ok_or_else(|| RoundError::NoMessage {
            file: file.to_string(),
            message: message.to_string(),
            channel: export.channel.name.clone(),
            count: export.messages.len(),
        })?;
    let posted: HashSet<&str> = export
        .messages
        .iter()
        .filter(|m| {
            let at = m.timestamp.with_timezone(&Utc);
            at >= period.0 && at < period.1
        })
        .map(|m| m.author.id.as_str())
        .collect();
    let mut by_emoji: HashMap<&str, Vec<&User>> = HashMap::new();
    let mut other_emojis = Vec::new();
    for (r, reaction) in pinned.reactions.iter().enumerate() {
        let users = reaction.users.as_deref().unwrap_or_default();
        if (users.len() as u64) < reaction.count {
            return Err(RoundError::MissingUsers {
                file: file.to_string(),
                index,
                reaction: r,
                emoji: reaction.emoji.name.clone(),
                count: reaction.count,
                listed: users.len(),
            });
        }
        match config.emojis.contains_key(&reaction.emoji.name) {
            true => by_emoji.entry(reaction.emoji.name.as_str()).or_default().extend(users),
            false => other_emojis.push((reaction.emoji.name.clone(), reaction.count)),
        }
    }
    let helpers = config
        .emojis
        .iter()
        .map(|(emoji, helper)| {
            let mut seen = HashSet::new();
            let (mut counted, mut not_counted) = (Vec::new(), Vec::new());
            for user in by_emoji.get(emoji.as_str()).into_iter().flatten() {
                if !seen.insert(user.id.as_str()) {
                    continue; // listed twice for the same emoji: one person, one vote
                }
                let reason = if user.is_bot {
                    Some(NotCounted::Bot)
                } else if &user.id == helper {
                    Some(NotCounted::SelfVote)
                } else if config.require_posted && !posted.contains(user.id.as_str()) {
                    Some(NotCounted::NotPosted)
                } else {
                    None
                };
                match reason {
                    Some(reason) => not_counted.push(((*user).clone(), reason)),
                    None => counted.push((*user).clone()),
                }
            }
            HelperVotes { emoji: emoji.clone(), helper: helper.clone(), counted, not_counted }
        })
        .collect();
    Ok(Round { message: message.to_string(), channel: export.channel.name.clone(), helpers, other_emojis })
}

/// The helpers of the next round's message: those with at least `min_votes` counted votes in this one (the
/// thread's rule: "any support staff with less than 5 votes the prior round are taken off").
pub fn next_round(round: &Round, min_votes: u64) -> Vec<&HelperVotes> {
    round.helpers.iter().filter(|h| h.counted.len() as u64 >= min_votes).collect()
}

/// Activity in the exported channel during a period: evidence beside reported hours, never pay by itself; and the
/// engagement Perp's proposal tracks (weekly messages per unique author). Bots are left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Activity {
    /// Messages in the period.
    pub messages: u64,
    /// Distinct authors of them.
    pub authors: u64,
    /// Messages per author id.
    pub per_author: BTreeMap<String, u64>,
    /// The period's length in days.
    pub days: u64,
    /// Messages per author per week, floored to 2 decimals.
    pub weekly_per_author: crate::decimal::Decimal,
}

/// The channel's engagement over a period, as the period report states it (`Activity` without the per-author
/// counts, which stay in the intake's audit file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Engagement {
    /// The exported channel's name.
    pub channel: String,
    /// Messages in the period, bots left out.
    pub messages: u64,
    /// Distinct authors of them.
    pub authors: u64,
    /// The period's length in days.
    pub days: u64,
    /// Messages per author per week, floored to 2 decimals.
    pub weekly_per_author: crate::decimal::Decimal,
}

impl Activity {
    /// The program-level figures of `channel`'s activity.
    pub fn engagement(&self, channel: &str) -> Engagement {
        Engagement {
            channel: channel.to_string(),
            messages: self.messages,
            authors: self.authors,
            days: self.days,
            weekly_per_author: self.weekly_per_author,
        }
    }
}

/// The channel's activity in `[start, end)`.
pub fn activity(export: &Export, period: (DateTime<Utc>, DateTime<Utc>)) -> Activity {
    let mut per_author: BTreeMap<String, u64> = BTreeMap::new();
    for m in &export.messages {
        let at = m.timestamp.with_timezone(&Utc);
        if at >= period.0 && at < period.1 && !m.author.is_bot {
            *per_author.entry(m.author.id.clone()).or_default() += 1;
        }
    }
    let messages: u64 = per_author.values().sum();
    let authors = per_author.len() as u64;
    let days = ((period.1 - period.0).num_days().max(1)) as u64;
    let hundredths = (u128::from(messages) * 7 * 100).checked_div(u128::from(authors) * u128::from(days)).unwrap_or(0);
    let weekly_per_author = crate::decimal::Decimal::from_units(alloy_primitives::U256::from(hundredths), 2);
    Activity { messages, authors, per_author, days, weekly_per_author }
}

/// Where a votes line's rows came from, recorded in the claims file so anyone holding the published export can
/// re-run the round (`bounty verify --sources DIR`): the export's name and keccak256, the round's parameters, and
/// each paid helper with the mapping that made their Discord user an address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteRoundRecord {
    /// The export's file name (as published beside the claims file).
    pub source: String,
    /// keccak256 of its bytes.
    pub source_keccak256: B256,
    /// The vote message.
    pub message: String,
    /// Whether voters had to post in the period.
    pub require_posted: bool,
    /// The emoji table used.
    pub emojis: BTreeMap<String, String>,
    /// Each helper with rows: Discord id, account, counted votes, and why the id is that account.
    pub helpers: Vec<PaidHelper>,
    /// The channel's engagement over the period, for the period report (absent in files from before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement: Option<Engagement>,
}

/// One helper of a recorded round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaidHelper {
    /// The Discord user id.
    pub discord_id: String,
    /// The account the votes row pays.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub account: Address,
    /// Counted votes.
    pub votes: u64,
    /// The mapping's reason (a signed link, or the committee's row).
    pub mapping: String,
}

impl VoteRoundRecord {
    /// Re-runs the round on the published export's `bytes` for `period`: the differences from the record, one
    /// sentence each (empty: the export gives the recorded votes).
    pub fn recheck(&self, bytes: &[u8], period: (DateTime<Utc>, DateTime<Utc>)) -> Vec<String> {
        let hash = alloy_primitives::keccak256(bytes);
        if hash != self.source_keccak256 {
            return vec![format!("{}: keccak256 {hash}, the file records {}", self.source, self.source_keccak256)];
        }
        let export: Export = match serde_json::from_slice(bytes) {
            Ok(e) => e,
            Err(e) => return vec![format!("{}: {e}", self.source)],
        };
        let config = DiscordConfig { emojis: self.emojis.clone(), require_posted: self.require_posted };
        let round = match count_round(&self.source, &export, &self.message, &config, period) {
            Ok(r) => r,
            Err(e) => return vec![e.to_string()],
        };
        let mut differences: Vec<String> = self
            .helpers
            .iter()
            .filter_map(|h| {
                let counted = round.helpers.iter().find(|v| v.helper == h.discord_id).map_or(0, |v| v.counted.len());
                (counted as u64 != h.votes).then(|| {
                    format!("helper {}: the export gives {counted} votes, the file records {}", h.discord_id, h.votes)
                })
            })
            .collect();
        if let Some(recorded) = &self.engagement {
            let derived = activity(&export, period).engagement(&round.channel);
            if &derived != recorded {
                differences.push(format!(
                    "engagement: the export gives {} message(s) from {} author(s) in #{}, the file records {} from {} in #{}",
                    derived.messages, derived.authors, derived.channel, recorded.messages, recorded.authors, recorded.channel
                ));
            }
        }
        differences
    }
}

pub use super::record::audit_path;

/// The parts of an intake audit file other commands read (the rest is for people).
#[derive(Clone, Debug, Deserialize)]
pub struct AuditFile {
    /// What `compute` copies into the claims file.
    pub record: VoteRoundRecord,
    /// Each helper of the round.
    pub helpers: Vec<AuditHelper>,
}

/// One helper of an audit file.
#[derive(Clone, Debug, Deserialize)]
pub struct AuditHelper {
    /// The account their votes pay (absent: no link or mapping).
    #[serde(default)]
    pub account: Option<Address>,
    /// Their messages in the channel during the period.
    pub messages: u64,
}

/// Reads an audit file; errors name the file and the JSON path.
pub fn read_audit(path: &Path) -> Result<AuditFile> {
    crate::files::read_json(path)
}
