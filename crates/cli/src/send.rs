//! The one path a transaction takes out of `bounty`. Every plan is simulated first, then, by the options: printed
//! for another wallet to send (`--calldata`), left at the simulation (`--dry-run`), written with the plans after it
//! as one Safe Transaction Builder batch (`--safe-batch`), or sent and mined. Plans in a row (an approval, then the
//! call that spends it) are simulated together first, each on the state the ones before leave (`eth_simulateV1`), so
//! nothing is mined unless every step would succeed; on a node without it, each is simulated as the one before is
//! mined.

use crate::opts::{EpochTxArgs, SafeBatchOpts, SendOpts, TxOpts};
use alloy::primitives::Address;
use bounty_chain::{safe_batch::SafeBatch, vault::Vault, Sent, TxPlan};
use eyre::Result;

/// Sends `plans` in order the way `tx` and `safe` say. `sender` is who will send them when this tool does not
/// (`--calldata`: the simulation runs from that account). The last mined transaction, if any was sent.
pub(crate) async fn send(
    vault: &Vault,
    plans: &[TxPlan],
    tx: &TxOpts,
    safe: &SafeBatchOpts,
    sender: Option<Address>,
) -> Result<Option<Sent>> {
    let Some(first) = plans.first() else { return Ok(None) };
    if let (Some(path), Some(safe)) = (&safe.safe_batch, safe.from_safe) {
        let sim = vault.client.simulate(first, Some(safe)).await?;
        println!("  simulated {} from the Safe {safe}: ok, gas estimate {}", first.action, sim.gas);
        then(&plans[1..], "simulated by the Safe app with the batch");
        write_safe_batch(vault, plans, safe, path)?;
        return Ok(None);
    }
    if tx.calldata {
        let sim = vault.client.simulate(first, sender).await?;
        println!("send from your wallet, in this order (the first simulated ok, gas estimate {}):", sim.gas);
        for plan in plans {
            println!("  {}\n    to:    {}\n    value: 0\n    data:  {}", plan.action, plan.to, plan.data);
        }
        return Ok(None);
    }
    let sequence = match (plans.len(), vault.client.sender().or(sender)) {
        (2.., Some(from)) => vault.client.simulate_sequence(plans, from).await?,
        _ => None,
    };
    if let Some(gas) = &sequence {
        for (plan, gas) in plans.iter().zip(gas) {
            println!("  simulated {} after the steps before it: ok, gas {gas}", plan.action);
        }
    }
    if tx.dry_run {
        let sim = vault.client.simulate(first, None).await?;
        println!("  simulated {}: ok, gas estimate {}", first.action, sim.gas);
        println!("  dry run, not sent:\n    to:   {}\n    data: {}", first.to, first.data);
        if sequence.is_none() {
            then(&plans[1..], "not simulated: it needs the transaction above mined");
        }
        return Ok(None);
    }
    let mut last = None;
    for plan in plans {
        let sim = vault.client.simulate(plan, None).await?;
        println!("  simulated {}: ok, gas estimate {}", plan.action, sim.gas);
        let sent = vault.client.send_simulated(plan, &sim).await?;
        println!("  sent {}: tx {} (block {}, gas used {})", plan.action, sent.hash, sent.block, sent.gas_used);
        last = Some(sent);
    }
    Ok(last)
}

/// [`send`] with a command's [`SendOpts`].
pub(crate) async fn send_with(opts: &SendOpts, vault: &Vault, plans: &[TxPlan]) -> Result<Option<Sent>> {
    send(vault, plans, &opts.tx, &opts.safe, None).await
}

/// The one-epoch transactions that need no threshold (`veto`, `sweep`): true when it was sent.
pub(crate) async fn epoch_tx(args: &EpochTxArgs, action: &str, plan: impl FnOnce(&Vault) -> TxPlan) -> Result<bool> {
    let vault = args.send.vault(args.vault.vault, None, action).await?;
    Ok(send_with(&args.send, &vault, &[plan(&vault)]).await?.is_some())
}

fn then(rest: &[TxPlan], why: &str) {
    for plan in rest {
        println!("  then {} ({why})", plan.action);
    }
}

/// `plans` as one Transaction Builder batch at `path`, for `safe`'s owners to import, sign and execute.
fn write_safe_batch(vault: &Vault, plans: &[TxPlan], safe: Address, path: &std::path::Path) -> Result<()> {
    let actions: Vec<&str> = plans.iter().map(|p| p.action.as_str()).collect();
    let name = if actions.len() > 3 {
        format!("{} and {} more", actions[..2].join(", "), actions.len() - 2)
    } else {
        actions.join(", ")
    };
    let batch = SafeBatch {
        chain_id: vault.client.chain_id,
        safe,
        name,
        description: format!("support-bounty vault {}: {}", vault.address, actions.join("; then ")),
        // The app records when a batch was made; the clock is read here, where the file is written.
        created_at_ms: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64),
        transactions: plans.to_vec(),
    };
    batch.write(path)?;
    println!(
        "wrote {} ({} transaction{}) for the Safe {safe}: in the Safe app, open Transaction Builder and drop the \
         file in; the owners sign and execute it there",
        path.display(),
        plans.len(),
        if plans.len() == 1 { "" } else { "s, run atomically through MultiSendCallOnly" }
    );
    Ok(())
}
