//! `bounty demo`: one whole quarter on a local anvil devnet, every step printed as its user would see it.
//!
//! anvil starts the day before 2026-Q2's TWAP window; the demo deploys a mock RPL, WETH and USDC, two mock
//! Uniswap V3 pools (RPL/WETH, USDC/WETH) and a 2-of-3 vault, funds it; two helpers sign self-reports (one corrects
//! a typo) and a community member tips 50 RPL; the pool prices move through the TWAP week; then the quarter runs
//! with the `examples/` program (its six helpers as the committee's CSV) plus the reports: compute (hourly rule at
//! $30/h, a 1 000 RPL budget plus the 100 % tip match, priced at the TWAP read from the pools), two signers sign,
//! submit, the two-week challenge period passes, one helper claims, `payout` pays the rest, `verify` passes (reports
//! and tips included) and `status` shows the epoch fully paid.

use super::{
    claim::{claim_with, ClaimArgs},
    compute::ComputeArgs,
    payout::{payout_with, PayoutArgs},
    sign::{sign_with, SignArgs},
    status::StatusArgs,
    submit::{submit_with, SubmitArgs},
    verify::VerifyArgs,
};
use crate::opts::{OutputOpts, RpcOpts, SafeBatchOpts, SendOpts, TxOpts, VaultOpt, WalletOpts};
use alloy::primitives::{aliases::I24, utils::parse_units, Address, U256};
use bounty_chain::{
    bindings::{deployable::MockUniswapV3Pool, IBountyVault::Config},
    deploy::{deploy_mock_pool, deploy_mock_token, deploy_vault, mint_and_fund},
    devnet::{mine_at, set_next_timestamp, warp, Devnet},
    vault::EpochPhase,
    Client, Wallet,
};
use clap::Args;
use eyre::{bail, eyre, Result};
use std::{
    path::{Path, PathBuf},
    time::Instant,
};

/// The embedded default inputs: the Rocket Pool example program and its 2026-Q2 shares.
const PROGRAM: &str = include_str!("../../../../examples/program.toml");
const SHARES: &str = include_str!("../../../../examples/shares-2026-Q2.csv");
const EPOCH: &str = "2026-Q2";

/// |tick| of 600 RPL per WETH (RPL ≈ $5 at $3 000 per ETH) and of 3 000 USDC per WETH in base units (10^-9·3).
const RPL_WETH_TICK: i32 = 63_972;
const WETH_USDC_TICK: i32 = 196_256;
const TWO_WEEKS: u32 = 14 * 24 * 3600;

/// Arguments of `bounty demo`.
#[derive(Args, Clone, Debug)]
pub(crate) struct DemoArgs {
    /// Directory for the demo's files (config, shares, claims, signatures). Default: a fresh temp directory.
    #[arg(long)]
    pub(crate) dir: Option<PathBuf>,
}

/// What the devnet holds once deployed.
struct Deployed {
    rpl: Address,
    usdc: Address,
    pool_rpl: Address,
    pool_usdc: Address,
    vault: Address,
}

fn step(n: u32, title: &str) {
    println!("\n━━ {n}. {title} ━━");
}

fn say(cmd: &str) {
    println!("$ {cmd}");
}

impl DemoArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let started = Instant::now();
        let dir = match &self.dir {
            Some(d) => d.clone(),
            None => std::env::temp_dir().join(format!("bounty-demo-{}", std::process::id())),
        };
        std::fs::create_dir_all(&dir)?;
        let template = bounty_core::ProgramConfig::from_toml_str(PROGRAM, "examples/program.toml")?;
        let schedule = template.schedule_for(template.epoch_label(EPOCH)?);
        let twap_start = schedule.twap_start.timestamp() as u64;
        let twap_end = schedule.twap_end.timestamp() as u64;

        step(1, "devnet");
        let devnet = Devnet::spawn(Some(twap_start - 24 * 3600)).await?;
        let wallet = |i: usize| Wallet::Local(devnet.keys[i].clone());
        let (deployer, signers, relayer) = (wallet(0), [wallet(1), wallet(2), wallet(3)], wallet(4));
        println!("anvil at {} (chain 31337), clock set to {}", devnet.url, utc(twap_start - 24 * 3600));
        let chain = Client::connect(&devnet.url, Some(31337), Some(deployer.clone())).await?;

        step(2, "deploy: mock RPL, WETH, USDC, two Uniswap V3 pools, and a 2-of-3 BountyVault");
        let d = deploy(&chain, &deployer, &signers).await?;
        step(3, "fund the vault with 2 000 RPL");
        fund(&chain, &d).await?;
        let files = write_inputs(&dir, &d, deployer.address())?;
        let rpc = RpcOpts { rpc_url: devnet.url.clone(), chain_id: Some(31337) };
        step(4, "the reporting window: helpers report their hours from their wallets; a community member tips");
        report_and_tip(&chain, &files, &d, [wallet(5), wallet(6), wallet(7)], &rpc).await?;
        step(5, "the TWAP week: RPL trades around $5 while the pools accumulate ticks");
        twap_week(&chain, &d, twap_start, twap_end).await?;
        run_quarter(&files, &rpc, &signers, &deployer, relayer, d.vault).await?;
        println!(
            "\nthe quarter ran end to end in {:.1} s; files in {}",
            started.elapsed().as_secs_f64(),
            dir.display()
        );
        drop(devnet);
        Ok(())
    }
}

fn utc(ts: u64) -> String {
    crate::output::utc(ts)
}

/// Mock RPL, WETH and USDC, the two pools, and a 2-of-3 vault capped at 1 000 RPL with a two-week challenge.
async fn deploy(chain: &Client, deployer: &Wallet, signers: &[Wallet; 3]) -> Result<Deployed> {
    let rpl = deploy_mock_token(chain, "Rocket Pool Protocol", "RPL", 18).await?;
    let weth = deploy_mock_token(chain, "Wrapped Ether", "WETH", 18).await?;
    let usdc = deploy_mock_token(chain, "USD Coin", "USDC", 6).await?;
    let usdc_tick = if weth < usdc { -WETH_USDC_TICK } else { WETH_USDC_TICK };
    let pool_rpl = deploy_mock_pool(chain, rpl, weth, 3000, rpl_tick(rpl, weth, RPL_WETH_TICK)).await?;
    let pool_usdc = deploy_mock_pool(chain, usdc, weth, 500, usdc_tick).await?;
    let signer_addresses: Vec<Address> = signers.iter().map(Wallet::address).collect();
    let cap: u128 = parse_units("1100", 18)?.get_absolute().to();
    let config = Config {
        signers: signer_addresses.clone(),
        threshold: 2,
        epochCap: cap,
        challengePeriod: TWO_WEEKS,
        claimWindow: 180 * 24 * 3600,
        guardian: deployer.address(),
        disputeBond: parse_units("100", 18)?.get_absolute().to(),
    };
    let vault = deploy_vault(chain, rpl, bounty_core::Cadence::Quarterly, config).await?.address;
    println!("RPL {rpl}\nWETH {weth}\nUSDC {usdc}\npool RPL/WETH {pool_rpl}\npool USDC/WETH {pool_usdc}");
    println!("vault {vault}: signers {signer_addresses:?}, threshold 2, epoch cap 1100 RPL, challenge 14 days");
    Ok(Deployed { rpl, usdc, pool_rpl, pool_usdc, vault })
}

/// The RPL/WETH pool's tick for |tick| `magnitude`, signed by the pool's token order.
fn rpl_tick(rpl: Address, weth: Address, magnitude: i32) -> i32 {
    if rpl < weth {
        -magnitude
    } else {
        magnitude
    }
}

async fn fund(chain: &Client, d: &Deployed) -> Result<()> {
    let amount = parse_units("2000", 18)?.get_absolute();
    say(&format!("bounty fund --vault {} --amount 2000", d.vault));
    mint_and_fund(chain, d.vault, amount).await?;
    println!("funded: the vault holds 2000 RPL");
    Ok(())
}

/// Mainnet has a block every 12 s, so the blocks bounding the window sit at its edges; on this devnet blocks are
/// mined on demand, so mine one exactly at the window's start and end, and move the RPL price in between.
async fn twap_week(chain: &Client, d: &Deployed, twap_start: u64, twap_end: u64) -> Result<()> {
    mine_at(&chain.provider, twap_start).await?;
    let pool = MockUniswapV3Pool::new(d.pool_rpl, &chain.provider);
    let weth = pool.token0().call().await?;
    let weth = if weth == d.rpl { pool.token1().call().await? } else { weth };
    for (offset_days, m) in [(0u64, 63_900), (2, 64_100), (5, 63_800)] {
        let at = twap_start + offset_days * 24 * 3600 + 600;
        set_next_timestamp(&chain.provider, at).await?;
        let tick = rpl_tick(d.rpl, weth, m);
        pool.setTick(I24::try_from(tick)?).send().await?.get_receipt().await?;
        println!("{}: RPL/WETH tick → {tick}", utc(at));
    }
    mine_at(&chain.provider, twap_end).await?;
    mine_at(&chain.provider, twap_end + 3600).await?;
    println!("{}: payday", utc(twap_end + 3600));
    Ok(())
}

/// The demo's files: the example program with the deployed addresses, and its shares.
struct DemoFiles {
    config: PathBuf,
    /// The committee's rows, for the helpers without a wallet (the example's six).
    shares: PathBuf,
    claims: PathBuf,
    /// Signed self-reports.
    reports: PathBuf,
}

/// Two helpers sign their own hours (one corrects a typo with a second report), the ledger is printed, and a
/// community member tips 50 RPL into the vault.
async fn report_and_tip(
    chain: &Client,
    files: &DemoFiles,
    d: &Deployed,
    people: [Wallet; 3],
    rpc: &RpcOpts,
) -> Result<()> {
    let config = bounty_core::ProgramConfig::load(&files.config)?;
    let label = config.epoch_label(EPOCH)?;
    let (_, now) = bounty_chain::vault::Vault::at(chain.clone(), d.vault).await?.now().await?;
    let [alice, bob, carol] = people;
    for (who, hours, handle, note, sequence) in [
        (&alice, "2.5", "alice", "typo", now),
        (&alice, "25", "alice", "#support, US evenings", now + 60),
        (&bob, "18", "bob", "smoothing pool questions", now + 120),
    ] {
        say(&format!(
            "bounty report -c program.toml -e {EPOCH} --hours {hours} --handle {handle} --note {note:?}   ({})",
            who.address()
        ));
        let report = bounty_core::SelfReport {
            program: config.name.clone(),
            chain_id: config.chain_id,
            vault: config.vault,
            epoch: label,
            account: who.address(),
            handle: handle.into(),
            measure: config.rule.measure(),
            value: hours.parse()?,
            note: note.into(),
            sequence,
        };
        let file = bounty_chain::report::sign(who, report).await?;
        file.write(&files.reports.join(file.file_name()))?;
    }
    say(&format!("bounty reports {}", files.reports.display()));
    super::report::ReportsArgs {
        dir: files.reports.clone(),
        epoch: None,
        output: OutputOpts::default(),
        rpc: rpc.clone(),
    }
    .run()
    .await?;
    say(&format!("bounty fund --tip --vault {} --amount 50   ({})", d.vault, carol.address()));
    let tip = parse_units("50", 18)?.get_absolute();
    let token = bounty_chain::bindings::deployable::MockERC20::new(d.rpl, &chain.provider);
    token.mint(carol.address(), tip).send().await?.get_receipt().await?;
    let tipper = Client::connect(&rpc.rpc_url, rpc.chain_id, Some(carol.clone())).await?;
    let vault = bounty_chain::vault::Vault::at(tipper.clone(), d.vault).await?;
    crate::output::execute(&tipper, &vault.approve_token(tip).await?, false).await?;
    crate::output::execute(&tipper, &vault.fund(tip), false).await?;
    Ok(())
}

fn write_inputs(dir: &Path, d: &Deployed, dao: Address) -> Result<DemoFiles> {
    let mut config: toml::Table = toml::from_str(PROGRAM)?;
    config.insert("chain_id".into(), toml::Value::Integer(31337));
    config.insert("vault".into(), d.vault.to_string().into());
    // The Rocket Pool thread's tip jar: the DAO matches community tips 100 %, up to 100 RPL on top of its 1 000
    // (its own funding excluded); the vault's epoch cap leaves room for the match.
    config.insert("epoch_cap".into(), "1100".into());
    let budget: toml::Table = toml::from_str(&format!(
        "tokens = \"1000\"\nmatch = {{ percent = \"100\", cap = \"100\", exclude = [\"{dao}\"] }}"
    ))?;
    config.insert("budget".into(), budget.into());
    let table = |c: &toml::Table, key: &str| -> Result<toml::Table> {
        c.get(key).and_then(|v| v.as_table()).cloned().ok_or_else(|| eyre!("examples/program.toml has no [{key}]"))
    };
    let mut token = table(&config, "token")?;
    token.insert("address".into(), d.rpl.to_string().into());
    config.insert("token".into(), token.into());
    let mut price = table(&config, "price")?;
    let pools = vec![d.pool_rpl.to_string().into(), d.pool_usdc.to_string().into()];
    price.insert("pools".into(), toml::Value::Array(pools));
    let mut quote = price.get("quote").and_then(|q| q.as_table()).cloned().unwrap_or_default();
    quote.insert("address".into(), d.usdc.to_string().into());
    price.insert("quote".into(), quote.into());
    config.insert("price".into(), price.into());
    let files = DemoFiles {
        config: dir.join("program.toml"),
        shares: dir.join("shares-2026-Q2.csv"),
        claims: dir.join("claims-2026-Q2.json"),
        reports: dir.join("reports"),
    };
    let _ = std::fs::remove_dir_all(&files.reports);
    std::fs::create_dir_all(&files.reports)?;
    std::fs::write(&files.config, toml::to_string(&config)?)?;
    std::fs::write(&files.shares, SHARES)?;
    // A re-run with --dir starts the quarter afresh.
    let _ = std::fs::remove_file(&files.claims);
    for old in bounty_chain::SignatureFile::find_for(&files.claims)? {
        std::fs::remove_file(old)?;
    }
    Ok(files)
}

/// Steps 6 to 13, each as its user runs it.
async fn run_quarter(
    files: &DemoFiles,
    rpc: &RpcOpts,
    signers: &[Wallet; 3],
    deployer: &Wallet,
    relayer: Wallet,
    vault: Address,
) -> Result<()> {
    compute_sign_submit(files, rpc, signers, deployer).await?;
    step(9, "the two-week challenge period passes (nobody vetoes)");
    let chain = Client::connect(&rpc.rpc_url, rpc.chain_id, None).await?;
    let now = warp(&chain.provider, u64::from(TWO_WEEKS) + 1).await?;
    println!("clock → {}", utc(now));
    claim_and_pay(&files.claims, rpc, deployer, relayer).await?;
    verify_and_status(&files.claims, rpc, vault).await
}

/// Steps 6–8: the committee computes, two signers sign, anyone submits.
async fn compute_sign_submit(files: &DemoFiles, rpc: &RpcOpts, signers: &[Wallet; 3], deployer: &Wallet) -> Result<()> {
    let claims = &files.claims;
    step(
        6,
        "compute (committee): reports + the committee's CSV, hourly $30/h at the 7-day TWAP, 1 000 RPL + the tip match",
    );
    say(&format!(
        "bounty compute --config {} --reports {} --shares {} --epoch {EPOCH}",
        files.config.display(),
        files.reports.display(),
        files.shares.display()
    ));
    ComputeArgs {
        config: files.config.clone(),
        shares: Some(files.shares.clone()),
        reports: Some(files.reports.clone()),
        adjustments: None,
        epoch: EPOCH.into(),
        price_file: None,
        out: Some(claims.clone()),
        output: OutputOpts::default(),
        rpc: rpc.clone(),
    }
    .run()
    .await?;

    step(7, "sign (two of the three signers)");
    for signer in &signers[..2] {
        say(&format!("bounty sign {} --keystore …  (signer {})", claims.display(), signer.address()));
        let args = SignArgs {
            file: claims.clone(),
            safe: None,
            typed_data: false,
            import: None,
            signer: None,
            yes: true,
            rpc: rpc.clone(),
            wallet: WalletOpts::default(),
        };
        sign_with(&args, signer.clone()).await?;
    }

    step(8, "submit (anyone)");
    say(&format!("bounty submit {}", claims.display()));
    let submit = SubmitArgs {
        file: claims.clone(),
        sigs: vec![],
        send: SendOpts {
            tx: TxOpts::default(),
            safe: SafeBatchOpts::default(),
            rpc: rpc.clone(),
            wallet: WalletOpts::default(),
        },
    };
    submit_with(&submit, Some(deployer.clone())).await
}

/// Steps 10–11: one helper claims, the payday push pays everyone else (and a re-run pays nobody twice).
async fn claim_and_pay(claims: &Path, rpc: &RpcOpts, deployer: &Wallet, relayer: Wallet) -> Result<()> {
    let claims = &claims.to_path_buf();
    let loaded = bounty_core::LoadedClaims::read(claims)?;
    let helper = loaded.file.claims.first().ok_or_else(|| eyre!("the example has no claims"))?;
    step(10, &format!("a helper claims ({})", helper.handle.clone().unwrap_or_else(|| helper.account.to_string())));
    say(&format!("bounty claim {} --account {}", claims.display(), helper.account));
    println!("(sent from a relayer wallet: `claim` is callable by anyone and always pays the account)");
    let claim = ClaimArgs {
        files: vec![claims.clone()],
        account: Some(crate::opts::AddressOrName::Address(helper.account)),
        to: None,
        calldata: false,
        consent: None,
        tx: TxOpts::default(),
        output: OutputOpts::default(),
        safe: SafeBatchOpts::default(),
        rpc: rpc.clone(),
        wallet: WalletOpts::default(),
    };
    claim_with(&claim, Some(relayer)).await?;

    step(11, "payday push: payout pays everyone else");
    say(&format!("bounty payout {}", claims.display()));
    let payout = PayoutArgs {
        file: claims.clone(),
        batch_size: None,
        max_batches: None,
        tx: TxOpts::default(),
        output: OutputOpts::default(),
        safe: SafeBatchOpts::default(),
        rpc: rpc.clone(),
        wallet: WalletOpts::default(),
    };
    payout_with(&payout, Some(deployer.clone())).await?;
    say(&format!("bounty payout {}   # a re-run pays nothing twice", claims.display()));
    payout_with(&payout, Some(deployer.clone())).await
}

/// Steps 12–13: anyone verifies; status shows the epoch fully paid.
async fn verify_and_status(claims: &Path, rpc: &RpcOpts, vault: Address) -> Result<()> {
    let claims = &claims.to_path_buf();
    let loaded = bounty_core::LoadedClaims::read(claims)?;
    step(12, "verify (any community member)");
    say(&format!("bounty verify {}", claims.display()));
    let verify = VerifyArgs { file: claims.clone(), offline: false, output: OutputOpts::default(), rpc: rpc.clone() };
    if !verify.run().await? {
        bail!("verify failed");
    }

    step(13, "status");
    say(&format!("bounty status --vault {vault}"));
    let status =
        StatusArgs { vault: VaultOpt { vault }, from_block: 0, output: OutputOpts::default(), rpc: rpc.clone() };
    let state = status.run().await?;
    let epoch =
        state.epochs.iter().find(|e| e.epoch == loaded.file.epoch).ok_or_else(|| eyre!("epoch not on chain"))?;
    if epoch.phase != EpochPhase::Active || epoch.remaining != U256::ZERO {
        bail!("the epoch is not fully paid: {} left", epoch.remaining);
    }
    Ok(())
}
