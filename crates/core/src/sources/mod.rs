//! Where support happens, read from export files in their platforms' documented formats — never from the
//! platforms themselves: Discord through DiscordChatExporter's JSON ([`discord`]); helpdesk tickets through Zendesk's
//! API JSON or a generic CSV ([`tickets`]); the forum thread's pasted self-reports through Discourse's topic JSON
//! ([`discourse`]). A platform's user becomes a payout
//! address only through a link its wallet signed ([`link`]) or the committee's identity mapping ([`identity`]),
//! where every row carries its reason; a user
//! with no mapping is listed as not paid, never dropped silently. What an intake derived is recorded in the claims
//! file ([`record`]).

pub mod discord;
pub mod discourse;
pub mod identity;
pub mod link;
pub mod record;
pub mod tickets;
