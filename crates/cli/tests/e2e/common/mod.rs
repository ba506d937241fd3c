//! The end-to-end harness: every test gets its own anvil (free port, killed on drop), the real forge-built vault
//! and mock token deployed from the committed artifacts, a program config and shares CSV in a temp directory, and
//! runs the real `bounty` binary against it.

pub(crate) mod proxy;
pub(crate) mod safe_exec;

use alloy::{
    hex,
    primitives::{utils::parse_units, Address, U256},
    signers::local::PrivateKeySigner,
};
use bounty_chain::{
    bindings::{IBountyVault::Config, IERC20},
    deploy::deploy_vault,
    vault::Vault,
    Client, Wallet,
};
use bounty_devnet::{
    contracts::MockBlocklistERC20,
    deploy::{deploy_mock_token, mint_and_fund},
    warp, Devnet,
};
use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

pub(crate) const EPOCH: &str = "2026-Q2";
pub(crate) const EPOCH_NUMBER: u64 = 20262;
pub(crate) const DAY: u32 = 24 * 3600;

/// How a test wants its vault.
pub(crate) struct Setup {
    pub(crate) challenge_period: u32,
    pub(crate) claim_window: u32,
    /// Whole tokens funded into the vault (0 = none).
    pub(crate) fund: u64,
    /// (key index, hours) per helper; keys 5..=9 are the helpers.
    pub(crate) hours: Vec<(usize, &'static str)>,
    /// The first vault signer is a real 2-of-3 Safe v1.4.1 owned by keys 6, 7 and 8 (the others: keys 1 and 2).
    pub(crate) safe_signer: bool,
    /// anvil's first block time (unix seconds); default: now.
    pub(crate) genesis: Option<u64>,
    /// The token keeps a blocklist, as USDC does (`MockBlocklistERC20`): a transfer to a listed address reverts.
    pub(crate) blocklist_token: bool,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            challenge_period: DAY,
            claim_window: 365 * DAY,
            fund: 2_000,
            hours: vec![(5, "40"), (6, "25.5"), (7, "12"), (8, "7.25"), (9, "3")],
            safe_signer: false,
            genesis: None,
            blocklist_token: false,
        }
    }
}

pub(crate) struct World {
    pub(crate) devnet: Devnet,
    pub(crate) dir: tempfile::TempDir,
    pub(crate) client: Client,
    pub(crate) token: Address,
    pub(crate) vault: Address,
    pub(crate) config: PathBuf,
    pub(crate) shares: PathBuf,
    pub(crate) claims: PathBuf,
    /// The RPC the `bounty` runs use: the devnet's, or a proxy in front of it ([`World::through`]).
    pub(crate) rpc_url: String,
    /// The Safe signer, with [`Setup::safe_signer`].
    pub(crate) safe: Option<Address>,
}

impl World {
    pub(crate) async fn new(setup: Setup) -> Self {
        let devnet = Devnet::spawn(setup.genesis).await.expect("anvil starts");
        let deployer = Wallet::Local(devnet.keys[0].clone());
        let chain = Client::connect(&devnet.url, Some(31337), Some(deployer.clone())).await.unwrap();
        let token = if setup.blocklist_token {
            let (name, symbol) = ("Rocket Pool Protocol".to_string(), "RPL".to_string());
            *MockBlocklistERC20::deploy(&chain.provider, name, symbol, 18).await.unwrap().address()
        } else {
            deploy_mock_token(&chain, "Rocket Pool Protocol", "RPL", 18).await.unwrap()
        };
        let (signers, safe) = if setup.safe_signer {
            let owners = (6..=8).map(|i| devnet.keys[i].address()).collect();
            let safe = bounty_devnet::deploy::deploy_safe(&chain, owners, 2).await.unwrap();
            (vec![safe, devnet.keys[1].address(), devnet.keys[2].address()], Some(safe))
        } else {
            ((1..=3).map(|i| devnet.keys[i].address()).collect(), None)
        };
        let mut signers: Vec<Address> = signers;
        signers.sort();
        let deployed = deploy_vault(
            &chain,
            token,
            bounty_core::Cadence::Quarterly,
            Config {
                signers,
                threshold: 2,
                epochCap: parse_units("1000", 18).unwrap().get_absolute().to(),
                challengePeriod: setup.challenge_period,
                claimWindow: setup.claim_window,
                guardian: Address::ZERO,
                disputeBond: 10 * 10u128.pow(18),
            },
        )
        .await
        .unwrap();
        let (vault, deploy_block) = (deployed.address, deployed.block);
        if setup.fund > 0 {
            let amount = U256::from(setup.fund) * U256::from(10u64).pow(U256::from(18u64));
            mint_and_fund(&chain, vault, amount).await.unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("program.toml");
        std::fs::write(
            &config,
            format!(
                "name = \"e2e\"\nchain_id = 31337\nvault = \"{vault}\"\ndeploy_block = {deploy_block}\ncadence = \"quarterly\"\nepoch_cap = \"1000\"\n\n\
                 [token]\naddress = \"{token}\"\nsymbol = \"RPL\"\ndecimals = 18\n\n[budget]\ntokens = \"1000\"\n\n\
                 [rule]\nkind = \"pro-rata\"\n"
            ),
        )
        .unwrap();
        let shares = dir.path().join("shares.csv");
        let mut csv = String::from("account,hours,handle\n");
        for (i, hours) in &setup.hours {
            csv.push_str(&format!("{},{hours},helper{i}\n", devnet.keys[*i].address()));
        }
        std::fs::write(&shares, csv).unwrap();
        let claims = dir.path().join("claims.json");
        let rpc_url = devnet.url.clone();
        Self { devnet, dir, client: chain, token, vault, config, shares, claims, rpc_url, safe }
    }

    pub(crate) fn key(&self, i: usize) -> &PrivateKeySigner {
        &self.devnet.keys[i]
    }

    pub(crate) fn address(&self, i: usize) -> Address {
        self.devnet.keys[i].address()
    }

    pub(crate) fn key_hex(&self, i: usize) -> String {
        hex::encode_prefixed(self.devnet.keys[i].to_bytes())
    }

    /// From now on the `bounty` runs reach the devnet through `url` (a fault-injecting proxy); the test's own reads
    /// and warps still go straight to anvil.
    pub(crate) fn through(mut self, url: String) -> Self {
        self.rpc_url = url;
        self
    }

    /// Runs `bounty` with `args` against this devnet (ETH_RPC_URL set, no terminal).
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_bounty"))
            .args(args)
            .env("ETH_RPC_URL", &self.rpc_url)
            .env_remove("ETH_CHAIN_ID")
            .env_remove("BOUNTY_VAULT")
            .output()
            .expect("bounty runs")
    }

    /// Runs and asserts success; returns stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "bounty {args:?} failed:\n{stdout}\n{stderr}");
        stdout.into_owned()
    }

    /// Runs and asserts failure; returns stdout + stderr.
    pub(crate) fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(!out.status.success(), "bounty {args:?} should have failed:\n{text}");
        text
    }

    pub(crate) fn path(&self, p: &Path) -> String {
        p.display().to_string()
    }

    /// `bounty compute` into `self.claims`.
    pub(crate) fn compute(&self) -> String {
        self.compute_to(&self.claims)
    }

    /// `bounty compute` of `self.shares` into `out`.
    pub(crate) fn compute_to(&self, out: &Path) -> String {
        self.ok(&[
            "compute",
            "-c",
            &self.path(&self.config),
            "-s",
            &self.path(&self.shares),
            "-e",
            EPOCH,
            "-o",
            &self.path(out),
        ])
    }

    /// `bounty sign` by key `i`.
    pub(crate) fn sign(&self, file: &Path, i: usize) -> String {
        self.ok(&["sign", &self.path(file), "--yes", "--private-key", &self.key_hex(i)])
    }

    pub(crate) fn submit(&self, file: &Path) -> Output {
        self.run(&["submit", &self.path(file), "--private-key", &self.key_hex(0)])
    }

    /// compute → two signatures → submit.
    pub(crate) fn post(&self) {
        self.compute();
        self.sign(&self.claims.clone(), 1);
        self.sign(&self.claims.clone(), 2);
        let out = self.submit(&self.claims);
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub(crate) async fn warp(&self, seconds: u64) {
        warp(&self.client.provider, seconds).await.unwrap();
    }

    /// `n` whole tokens in base units.
    pub(crate) fn whole(n: u64) -> U256 {
        U256::from(n) * U256::from(10u64).pow(U256::from(18u64))
    }

    /// Mints `whole` tokens to `to` (the mock token's public mint), waiting for the receipt.
    pub(crate) async fn mint(&self, to: Address, whole: u64) {
        let token = bounty_devnet::contracts::MockERC20::new(self.token, &self.client.provider);
        token.mint(to, Self::whole(whole)).send().await.unwrap().get_receipt().await.unwrap();
    }

    pub(crate) async fn balance(&self, who: Address) -> U256 {
        IERC20::new(self.token, &self.client.provider).balanceOf(who).call().await.unwrap()
    }

    pub(crate) async fn vault(&self) -> Vault {
        Vault::at(self.client.clone(), self.vault).await.unwrap()
    }

    pub(crate) fn loaded(&self) -> bounty_core::LoadedClaims {
        bounty_core::LoadedClaims::read(&self.claims).unwrap()
    }
}

/// Borrowed arguments for [`World::ok`] and friends from owned ones built up in a test.
pub(crate) fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}
