//! `bounty`: compute, sign, submit, claim, pay out and verify support bounties on a BountyVault.
//! The binary is thin: argument parsing, printing, and calls into `bounty-chain` and `bounty-core`.

mod advice;
mod cmd;
mod connect;
mod opts;
mod output;
mod send;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "bounty",
    version,
    about = "Recurring support bounties on a BountyVault: compute, sign, submit, claim, pay out, verify."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Config + shares CSV + epoch (+ price) → claims file (signers).
    Compute(cmd::compute::ComputeArgs),
    /// Sign an epoch's root or a governance proposal (EIP-712 typed data; works with a Ledger).
    Sign(cmd::sign::SignArgs),
    /// Collect signature files, check them, and post a root or queue a governance action (idempotent for roots).
    Submit(cmd::submit::SubmitArgs),
    /// Execute a queued governance action once its challenge period has passed (anyone).
    Execute(cmd::queued::QueuedArgs),
    /// Cancel a queued governance action before it runs (one signer or the guardian).
    Cancel(cmd::queued::QueuedArgs),
    /// Veto a pending root (one signer or the guardian).
    Veto(cmd::veto::VetoArgs),
    /// Dispute a pending root with a bond, recording the failing verify checks (anyone); --expire ends an
    /// unanswered dispute.
    Dispute(cmd::dispute::DisputeArgs),
    /// Close an epoch (anyone): once expired, its unclaimed remainder returns to the available budget; an active
    /// epoch paid out in full may close at once. Either way it leaves the vault's live set.
    Sweep(cmd::sweep::SweepArgs),
    /// Propose a config change, withdraw or unpause (then sign → submit → execute); pause now.
    Governance(cmd::governance::GovernanceArgs),
    /// Claim every unclaimed active epoch of an account in one transaction (helpers).
    Claim(cmd::claim::ClaimArgs),
    /// Sign a gasless claim consent anyone can relay (helpers).
    ClaimSig(cmd::claim_sig::ClaimSigArgs),
    /// Pay every unclaimed leaf of an epoch in gas-sized batches (resumable).
    Payout(cmd::payout::PayoutArgs),
    /// Re-derive a claims file and check it against the vault and the TWAP sources (community).
    Verify(cmd::verify::VerifyArgs),
    /// The vault's balances, signers and epochs.
    Status(cmd::status::StatusArgs),
    /// Every payment with its period, lines, USD value at the period's price, time and transaction; a helper's
    /// tax CSV with --account and --csv (anyone).
    Ledger(cmd::ledger::LedgerArgs),
    /// The TWAP over an epoch's window from Uniswap V3, Chainlink or a CSV series.
    Twap(cmd::twap::TwapArgs),
    /// An epoch's dates: reporting window, compute day, TWAP window, payday.
    Schedule(cmd::schedule::ScheduleArgs),
    /// Deploy a BountyVault.
    Deploy(cmd::deploy::DeployArgs),
    /// Approve and fund a vault.
    Fund(cmd::fund::FundArgs),
    /// Helpers: sign your own hours (or USD, tokens, votes) for a period with the wallet that is paid.
    Report(cmd::report::ReportArgs),
    /// Committee: a period's inputs from a platform export (a Discord vote round), mapped to wallets through the
    /// identity mapping, with an audit file.
    Intake(cmd::intake::IntakeArgs),
    /// Helpers: sign, from the wallet that is paid, that a platform user (Discord, helpdesk, forum) is you.
    Link(cmd::link::LinkArgs),
    /// Everyone: the period's signed reports as a table (who, how much, when, superseded or not), with totals.
    Reports(cmd::report::ReportsArgs),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command).await {
        Ok(code) => code,
        Err(e) => {
            let top = e.to_string();
            eprintln!("error: {top}");
            // Our typed errors already quote their source in the message; print only causes that add something.
            for cause in e.chain().skip(1).map(|c| c.to_string()).filter(|c| !top.contains(c.as_str())) {
                eprintln!("  caused by: {cause}");
            }
            if let Some(hint) = advice::hint(&e) {
                eprintln!("hint: {hint}");
            }
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> eyre::Result<ExitCode> {
    match command {
        Command::Compute(a) => a.run().await.map(drop)?,
        Command::Report(a) => a.run().await?,
        Command::Reports(a) => a.run().await?,
        Command::Sign(a) => a.run().await.map(drop)?,
        Command::Submit(a) => a.run().await?,
        Command::Execute(a) => a.execute().await?,
        Command::Cancel(a) => a.cancel().await?,
        Command::Veto(a) => a.run().await?,
        Command::Sweep(a) => a.run().await?,
        Command::Dispute(a) => a.run().await?,
        Command::Governance(a) => a.run().await?,
        Command::Claim(a) => a.run().await?,
        Command::ClaimSig(a) => a.run().await?,
        Command::Payout(a) => a.run().await?,
        Command::Verify(a) => {
            if !a.run().await? {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Status(a) => a.run().await.map(drop)?,
        Command::Ledger(a) => a.run().await?,
        Command::Intake(a) => a.run().await?,
        Command::Link(a) => a.run().await?,
        Command::Twap(a) => a.run().await.map(drop)?,
        Command::Schedule(a) => a.run()?,
        Command::Deploy(a) => a.run().await.map(drop)?,
        Command::Fund(a) => a.run().await?,
    }
    Ok(ExitCode::SUCCESS)
}
