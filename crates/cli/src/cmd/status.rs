//! `bounty status`: the vault at a glance — token, balance, reserved, available, signers and threshold,
//! guardian, paused, and each epoch's phase, claimed share and remainder.

use crate::{
    opts::{OutputOpts, RpcOpts, VaultOpt},
    output::{amount, json, table, utc, Steps},
};
use alloy::primitives::U256;
use bounty_chain::vault::{EpochPhase, VaultState};
use bounty_core::{lines::Term, EpochLabel, ProgramConfig};
use clap::Args;
use eyre::{bail, Result};
use std::path::PathBuf;

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub(crate) vault: VaultOpt,
    /// First block to scan for the vault's events: its deployment block (`bounty deploy` prints it). From 0, a
    /// scan of a long chain takes thousands of requests.
    #[arg(long, env = "BOUNTY_DEPLOY_BLOCK", default_value_t = 0)]
    pub(crate) from_block: u64,
    /// The program config: with a `term`, says which period of it the chain's clock is in, or that it has ended and
    /// how much no live epoch reserves (what a queued `governance withdraw` would return to the DAO).
    #[arg(long, short = 'c')]
    pub(crate) config: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutputOpts,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
}

impl StatusArgs {
    pub(crate) async fn run(self) -> Result<VaultState> {
        let config = self.config.as_deref().map(ProgramConfig::load).transpose()?;
        if let Some(config) = config.as_ref().filter(|c| c.vault != self.vault.vault) {
            bail!("--config {} is the program of vault {}, not {}", config.name, config.vault, self.vault.vault);
        }
        let vault = self.rpc.vault(self.vault.vault, None, None).await?;
        let steps = Steps::start("reading the vault and scanning its events");
        let s = vault.state(self.from_block).await?;
        drop(steps);
        if self.output.json {
            json(&s)?;
        } else {
            print_state(&s);
            if let Some((config, term)) = config.as_ref().and_then(|c| Some((c, c.term?))) {
                print_term(config, term, &s);
            }
        }
        Ok(s)
    }
}

/// Where the chain's clock is in the program's term; once it has ended, what the vault holds that no epoch reserves.
fn print_term(config: &ProgramConfig, term: Term, s: &VaultState) {
    let now = chrono::DateTime::from_timestamp(s.now as i64, 0).unwrap_or_default();
    let current = EpochLabel::containing(now, config.cadence);
    let last_payday = config.schedule_for(term.last()).payday.format("%Y-%m-%d");
    match term.position(current) {
        Some(n) => println!("  term:       period {n} of {} ({term}; last payday {last_payday})", term.periods),
        None if current < term.first => println!("  term:       starts with {} ({term})", term.first),
        None => println!(
            "  term:       ended ({term}; last payday {last_payday}): {} {} is held and reserved by no live epoch,              what a queued `bounty governance withdraw` would return to the DAO",
            amount(s.available, s.decimals),
            s.symbol
        ),
    }
}

fn print_state(s: &VaultState) {
    let (d, sym) = (s.decimals, s.symbol.as_str());
    println!("vault {} on chain {} (block {}, {})", s.vault, s.chain_id, s.block, utc(s.now));
    println!("  token:      {sym} {}", s.token);
    println!("  balance:    {} {sym}", amount(s.balance, d));
    println!("  reserved:   {} {sym}", amount(s.reserved, d));
    println!("  available:  {} {sym}", amount(s.available, d));
    println!(
        "  signers:    {} of {}: {}",
        s.threshold,
        s.signers.len(),
        s.signers.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", ")
    );
    println!("  guardian:   {}", if s.guardian.is_zero() { "none".to_string() } else { s.guardian.to_string() });
    println!(
        "  epoch cap:  {}",
        if s.epoch_cap.is_zero() {
            "none (hard cap 2^96-1 base units)".to_string()
        } else {
            format!("{} {sym}", amount(s.epoch_cap, d))
        }
    );
    println!(
        "  periods:    challenge {}, claim window {}",
        duration(s.challenge_period.into()),
        duration(s.claim_window.into())
    );
    println!("  paused:     {}", if s.paused { "YES" } else { "no" });
    println!(
        "  live:       {} of at most {} epochs{}",
        s.live_epochs.len(),
        s.max_live_epochs,
        if U256::from(s.live_epochs.len()) >= s.max_live_epochs {
            " — full: the next post waits until an expired or paid-out epoch is swept"
        } else {
            ""
        }
    );
    let p = &s.this_period;
    let senders: std::collections::BTreeSet<_> = p.contributions.iter().map(|c| c.from).collect();
    println!(
        "  funded in {}: {} {sym} in {} contribution(s) from {} sender(s) (tips, and the DAO's own funding)",
        p.label,
        amount(p.total, d),
        p.contributions.len(),
        senders.len()
    );
    println!("  nonce:      {}", s.nonce);
    for q in &s.queued {
        let when = match q.state.as_str() {
            "queued" if q.eta <= s.now => format!("executable now until {} (`bounty execute`)", utc(q.expires_at)),
            "queued" => format!("executable from {} (cancellable until then) until {}", utc(q.eta), utc(q.expires_at)),
            "expired" => format!("expired at {}: sign and queue it again", utc(q.expires_at)),
            "void" => format!("void: queued under configuration {}, which has changed", q.generation),
            other => other.to_string(),
        };
        println!("  queued:     {} at nonce {} ({}): {when}", q.kind, q.nonce, q.id);
    }
    if s.epochs.is_empty() {
        println!("  no epochs posted yet");
        return;
    }
    let mut t =
        table(&["epoch", "status", &format!("total ({sym})"), "claimed", &format!("remaining ({sym})"), "leaves"]);
    for e in &s.epochs {
        let status = match e.phase {
            EpochPhase::Pending => format!("pending, claimable in {}", duration(e.activates_at.saturating_sub(s.now))),
            EpochPhase::Active if e.remaining.is_zero() => "active, paid out: sweepable".to_string(),
            EpochPhase::Active if e.expires_at != 0 => format!("active until {}", utc(e.expires_at)),
            other => other.to_string(),
        };
        let pct = if e.total.is_zero() { 0 } else { (e.claimed * U256::from(10_000u64) / e.total).to::<u64>() };
        t.add_row(vec![
            bounty_core::EpochNumber(e.epoch).to_string(),
            status,
            amount(e.total, d),
            format!("{}.{:02}%", pct / 100, pct % 100),
            amount(e.remaining, d),
            e.count.to_string(),
        ]);
    }
    println!("{t}");
    for dispute in &s.disputes {
        let unanswered = if dispute.expirable_at <= s.now {
            "unanswered: anyone may end it now (`bounty dispute FILE --expire`)".to_string()
        } else {
            format!("the signers resolve it, or anyone may end it unanswered from {}", utc(dispute.expirable_at))
        };
        println!(
            "  dispute:    {} by {} with a bond of {} {sym}, since {}; {unanswered}",
            bounty_core::EpochNumber(dispute.epoch),
            dispute.disputer,
            amount(dispute.bond, d),
            utc(dispute.opened_at)
        );
    }
    for refund in &s.refunds {
        println!(
            "  refund:     {} {sym} credited to {} (a dispute bond; it withdraws it with `bounty dispute FILE \
             --withdraw-refund`)",
            amount(refund.amount, d),
            refund.account
        );
    }
}

/// Seconds as "13d 4h 5m".
pub(crate) fn duration(secs: u64) -> String {
    let (d, h, m, s) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, _) => format!("{m}m {s}s"),
        (0, _, _) => format!("{h}h {m}m"),
        _ => format!("{d}d {h}h {m}m"),
    }
}
