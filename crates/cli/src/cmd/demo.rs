//! `bounty demo`: one whole quarter on a local anvil devnet, every step printed as its user would see it.
//!
//! anvil starts the day before 2026-Q2's TWAP window; the demo deploys a mock RPL, WETH and USDC, two mock
//! Uniswap V3 pools (RPL/WETH, USDC/WETH) and a 2-of-3 vault, funds it, moves the pool prices through the TWAP
//! week, then runs the quarter with the `examples/` program and shares: compute (hourly rule at $30/h, capped at
//! 1 000 RPL, priced at the TWAP read from the pools), two signers sign, submit, the two-week challenge period
//! passes, one helper claims, `payout` pays the rest, `verify` passes and `status` shows the epoch fully paid.

use super::{
    claim::{claim_with, ClaimArgs},
    compute::{self, ComputeArgs},
    payout::{payout_with, PayoutArgs},
    sign::{sign_with, SignArgs},
    status::{self, StatusArgs},
    submit::{submit_with, SubmitArgs},
    verify::{self, VerifyArgs},
};
use crate::opts::{RpcOpts, VaultOpt, WalletOpts};
use alloy::primitives::{aliases::I24, utils::parse_units, Address, U256};
use bounty_chain::{
    bindings::{deployable::{MockERC20, MockUniswapV3Pool}, IBountyVault::Config},
    deploy::{deploy_mock_pool, deploy_mock_token, deploy_vault},
    devnet::{mine_at, set_next_timestamp, warp, Devnet},
    vault::{EpochPhase, Vault},
    Chain, Wallet,
};
use clap::Args;
use eyre::{bail, eyre, Result};
use std::{path::PathBuf, time::Instant};

/// The embedded default inputs: the Rocket Pool example program and its 2026-Q2 shares.
const PROGRAM: &str = include_str!("../../../../examples/program.toml");
const SHARES: &str = include_str!("../../../../examples/shares-2026-Q2.csv");
const EPOCH: &str = "2026-Q2";

/// |tick| of 600 RPL per WETH (RPL ≈ $5 at $3 000 per ETH) and of 3 000 USDC per WETH in base units (10^-9·3).
const RPL_WETH_TICK: i32 = 63_972;
const WETH_USDC_TICK: i32 = 196_256;
const TWO_WEEKS: u32 = 14 * 24 * 3600;

#[derive(Args, Clone, Debug)]
pub struct DemoArgs {
    /// Directory for the demo's files (config, shares, claims, signatures). Default: a fresh temp directory.
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

fn step(n: u32, title: &str) {
    println!("\n━━ {n}. {title} ━━");
}

fn say(cmd: &str) {
    println!("$ {cmd}");
}

pub async fn run(args: &DemoArgs) -> Result<()> {
    let started = Instant::now();
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => std::env::temp_dir().join(format!("bounty-demo-{}", std::process::id())),
    };
    std::fs::create_dir_all(&dir)?;
    let template = bounty_core::ProgramConfig::from_toml_str(PROGRAM, "examples/program.toml")?;
    let schedule = template.schedule_for(template.epoch_label(EPOCH)?);
    let twap_start = schedule.twap_start.timestamp() as u64;
    let twap_end = schedule.twap_end.timestamp() as u64;

    step(1, "devnet");
    let devnet = Devnet::spawn(Some(twap_start - 24 * 3600))?;
    let url = devnet.url.clone();
    let wallet = |i: usize| Wallet::Local(devnet.keys[i].clone());
    let (deployer, signers, relayer) = (wallet(0), [wallet(1), wallet(2), wallet(3)], wallet(4));
    println!("anvil at {url} (chain 31337), clock set to {}", crate::output::utc(twap_start - 24 * 3600));
    let chain = Chain::connect(&url, Some(31337), Some(deployer.clone())).await?;

    step(2, "deploy: mock RPL, WETH, USDC, two Uniswap V3 pools, and a 2-of-3 BountyVault");
    let rpl = deploy_mock_token(&chain, "Rocket Pool Protocol", "RPL", 18).await?;
    let weth = deploy_mock_token(&chain, "Wrapped Ether", "WETH", 18).await?;
    let usdc = deploy_mock_token(&chain, "USD Coin", "USDC", 6).await?;
    let rpl_tick = |m: i32| if rpl < weth { -m } else { m };
    let usdc_tick = if weth < usdc { -WETH_USDC_TICK } else { WETH_USDC_TICK };
    let pool_rpl = deploy_mock_pool(&chain, rpl, weth, 3000, rpl_tick(RPL_WETH_TICK)).await?;
    let pool_usdc = deploy_mock_pool(&chain, usdc, weth, 500, usdc_tick).await?;
    let signer_addresses: Vec<Address> = signers.iter().map(Wallet::address).collect();
    let cap: u128 = parse_units("1000", 18)?.get_absolute().to();
    let vault_address = deploy_vault(
        &chain,
        rpl,
        Config {
            signers: signer_addresses.clone(),
            threshold: 2,
            epochCap: cap,
            challengePeriod: TWO_WEEKS,
            claimWindow: 180 * 24 * 3600,
            guardian: deployer.address(),
        },
    )
    .await?;
    println!("RPL {rpl}\nWETH {weth}\nUSDC {usdc}\npool RPL/WETH {pool_rpl}\npool USDC/WETH {pool_usdc}");
    println!("vault {vault_address}: signers {signer_addresses:?}, threshold 2, epoch cap 1000 RPL, challenge 14 days");

    step(3, "fund the vault with 2 000 RPL");
    let fund = parse_units("2000", 18)?.get_absolute();
    MockERC20::new(rpl, &chain.provider).mint(deployer.address(), fund).send().await?.get_receipt().await?;
    let vault = Vault::at(chain.clone(), vault_address).await?;
    say(&format!("bounty fund --vault {vault_address} --amount {fund}"));
    crate::output::execute(&chain, &vault.approve_token(fund).await?, false).await?;
    crate::output::execute(&chain, &vault.fund(fund), false).await?;

    step(4, "the TWAP week: RPL trades around $5 while the pools accumulate ticks");
    // Mainnet has a block every 12 s, so the blocks bounding the window sit at its edges; on this devnet blocks
    // are mined on demand, so mine one exactly at the window's start and end.
    mine_at(&chain.provider, twap_start).await?;
    let pool = MockUniswapV3Pool::new(pool_rpl, &chain.provider);
    for (offset_days, m) in [(0u64, 63_900), (2, 64_100), (5, 63_800)] {
        let at = twap_start + offset_days * 24 * 3600 + 600;
        set_next_timestamp(&chain.provider, at).await?;
        pool.setTick(I24::try_from(rpl_tick(m))?).send().await?.get_receipt().await?;
        println!("{}: RPL/WETH tick → {}", crate::output::utc(at), rpl_tick(m));
    }
    mine_at(&chain.provider, twap_end).await?;
    mine_at(&chain.provider, twap_end + 3600).await?;
    println!("{}: payday", crate::output::utc(twap_end + 3600));

    // The program config for this devnet: the example with the deployed addresses.
    let mut config: toml::Table = toml::from_str(PROGRAM)?;
    config.insert("chain_id".into(), toml::Value::Integer(31337));
    config.insert("vault".into(), vault_address.to_string().into());
    let table = |c: &mut toml::Table, key: &str| -> Result<toml::Table> {
        c.get(key).and_then(|v| v.as_table()).cloned().ok_or_else(|| eyre!("examples/program.toml has no [{key}]"))
    };
    let mut token = table(&mut config, "token")?;
    token.insert("address".into(), rpl.to_string().into());
    config.insert("token".into(), token.into());
    let mut price = table(&mut config, "price")?;
    price.insert("pools".into(), toml::Value::Array(vec![pool_rpl.to_string().into(), pool_usdc.to_string().into()]));
    let mut quote = price.get("quote").and_then(|q| q.as_table()).cloned().unwrap_or_default();
    quote.insert("address".into(), usdc.to_string().into());
    price.insert("quote".into(), quote.into());
    config.insert("price".into(), price.into());
    let config_path = dir.join("program.toml");
    std::fs::write(&config_path, toml::to_string(&config)?)?;
    let shares_path = dir.join("shares-2026-Q2.csv");
    std::fs::write(&shares_path, SHARES)?;
    let claims_path = dir.join("claims-2026-Q2.json");
    let _ = std::fs::remove_file(&claims_path); // a re-run with --dir starts the quarter afresh
    for old in bounty_chain::SignatureFile::find_for(&claims_path)? {
        std::fs::remove_file(old)?;
    }
    let rpc = RpcOpts { rpc_url: url.clone(), chain_id: Some(31337) };

    step(5, "compute (committee): hourly rule, $30/h, capped at 1 000 RPL, at the 7-day TWAP");
    say(&format!("bounty compute --config {} --shares {} --epoch {EPOCH}", config_path.display(), shares_path.display()));
    compute::run(&ComputeArgs {
        config: config_path.clone(),
        shares: shares_path.clone(),
        epoch: EPOCH.into(),
        price_file: None,
        out: Some(claims_path.clone()),
        json: false,
        rpc: rpc.clone(),
    })
    .await?;

    step(6, "sign (two of the three signers)");
    for signer in &signers[..2] {
        say(&format!("bounty sign {} --keystore …  (signer {})", claims_path.display(), signer.address()));
        sign_with(&SignArgs { file: claims_path.clone(), yes: true, rpc: rpc.clone(), wallet: WalletOpts::default() }, signer.clone())
            .await?;
    }

    step(7, "submit (anyone)");
    say(&format!("bounty submit {}", claims_path.display()));
    let submit = SubmitArgs { file: claims_path.clone(), sigs: vec![], dry_run: false, rpc: rpc.clone(), wallet: WalletOpts::default() };
    submit_with(&submit, Some(deployer.clone())).await?;

    step(8, "the two-week challenge period passes (nobody vetoes)");
    let now = warp(&chain.provider, u64::from(TWO_WEEKS) + 1).await?;
    println!("clock → {}", crate::output::utc(now));

    let loaded = bounty_chain::claims::LoadedClaims::read(&claims_path)?;
    let helper = loaded.file.claims.first().ok_or_else(|| eyre!("the example has no claims"))?;
    step(9, &format!("a helper claims ({})", helper.handle.clone().unwrap_or_else(|| helper.account.to_string())));
    say(&format!("bounty claim {} --account {}", claims_path.display(), helper.account));
    println!("(sent from a relayer wallet: `claim` is callable by anyone and always pays the account)");
    let claim = ClaimArgs {
        files: vec![claims_path.clone()],
        account: Some(helper.account),
        to: None,
        calldata: false,
        consent: None,
        dry_run: false,
        json: false,
        rpc: rpc.clone(),
        wallet: WalletOpts::default(),
    };
    claim_with(&claim, Some(relayer)).await?;

    step(10, "payday push: payout pays everyone else");
    say(&format!("bounty payout {}", claims_path.display()));
    let payout = PayoutArgs {
        file: claims_path.clone(),
        batch_size: None,
        max_batches: None,
        dry_run: false,
        json: false,
        rpc: rpc.clone(),
        wallet: WalletOpts::default(),
    };
    payout_with(&payout, Some(deployer.clone())).await?;
    say(&format!("bounty payout {}   # a re-run pays nothing twice", claims_path.display()));
    payout_with(&payout, Some(deployer.clone())).await?;

    step(11, "verify (any community member)");
    say(&format!("bounty verify {}", claims_path.display()));
    if !verify::run(&VerifyArgs { file: claims_path.clone(), offline: false, json: false, rpc: rpc.clone() }).await? {
        bail!("verify failed");
    }

    step(12, "status");
    say(&format!("bounty status --vault {vault_address}"));
    let state = status::run(&StatusArgs { vault: VaultOpt { vault: vault_address }, from_block: 0, json: false, rpc }).await?;
    let epoch = state.epochs.iter().find(|e| e.epoch == loaded.file.epoch).ok_or_else(|| eyre!("epoch not on chain"))?;
    if epoch.phase != EpochPhase::Active || epoch.remaining != U256::ZERO {
        bail!("the epoch is not fully paid: {} left", epoch.remaining);
    }
    println!(
        "\nthe quarter ran end to end in {:.1} s; files in {}",
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    drop(devnet);
    Ok(())
}
