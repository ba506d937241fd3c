//! Solidity bindings: the vault's interface (the single source of its types, errors, events and EIP-712 messages)
//! and the slices of the real ERC-20, Uniswap V3 and Chainlink interfaces this crate reads.

// Generated code: the event constructors mirror the interface's event fields (RootPosted has 9), and the generated
// enums and calls carry the interface's NatSpec only where solc would.
#[allow(clippy::too_many_arguments, missing_docs)]
mod vault_interface {
    alloy::sol!(
        #[sol(rpc, all_derives, extra_derives(serde::Serialize, serde::Deserialize))]
        "../../contracts/interfaces/IBountyVault.sol"
    );
}
pub use vault_interface::IBountyVault;

#[allow(missing_docs)]
mod external {
    use alloy::sol;

    sol! {
        /// The ERC-20 surface the vault's token needs (RPL, PERP, or the devnet mock).
        #[sol(rpc)]
        interface IERC20 {
            function name() external view returns (string);
            function symbol() external view returns (string);
            function decimals() external view returns (uint8);
            function balanceOf(address account) external view returns (uint256);
            function allowance(address owner, address spender) external view returns (uint256);
            function approve(address spender, uint256 amount) external returns (bool);
            function transfer(address to, uint256 amount) external returns (bool);
            event Transfer(address indexed from, address indexed to, uint256 value);
        }

        /// ERC-1271: how a contract wallet (a Safe) says a signature is its own.
        #[sol(rpc)]
        interface IERC1271 {
            function isValidSignature(bytes32 hash, bytes signature) external view returns (bytes4 magicValue);
        }

        /// The Safe (v1.4.1) surface a Safe signer needs read: who owns it and how many must sign.
        #[sol(rpc)]
        interface ISafe {
            function getOwners() external view returns (address[] memory);
            function getThreshold() external view returns (uint256);
        }

        /// Uniswap V3 pool: the oracle surface (IUniswapV3PoolState / IUniswapV3PoolDerivedState / immutables).
        #[sol(rpc)]
        interface IUniswapV3Pool {
            function token0() external view returns (address);
            function token1() external view returns (address);
            function fee() external view returns (uint24);
            function slot0() external view returns (
                uint160 sqrtPriceX96,
                int24 tick,
                uint16 observationIndex,
                uint16 observationCardinality,
                uint16 observationCardinalityNext,
                uint8 feeProtocol,
                bool unlocked
            );
            function observe(uint32[] calldata secondsAgos) external view returns (
                int56[] memory tickCumulatives,
                uint160[] memory secondsPerLiquidityCumulativeX128s
            );
        }

        /// Chainlink price feed proxy (AggregatorV3Interface + the proxy's phase accessors).
        #[sol(rpc)]
        interface IChainlinkFeed {
            function decimals() external view returns (uint8);
            function description() external view returns (string);
            function phaseId() external view returns (uint16);
            function phaseAggregators(uint16 phaseId) external view returns (address);
            function latestRoundData() external view returns (
                uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound
            );
            function getRoundData(uint80 roundId) external view returns (
                uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound
            );
        }

        /// A phase's underlying aggregator (only `latestRound` is needed, to walk back across a phase boundary).
        #[sol(rpc)]
        interface IChainlinkAggregator {
            function latestRound() external view returns (uint256);
        }
    }
}
pub use external::{IChainlinkAggregator, IChainlinkFeed, ISafe, IUniswapV3Pool, IERC1271, IERC20};

/// The ENS surface name resolution needs: the registry (at `alloy::ens::ENS_ADDRESS` on mainnet) and a resolver's
/// `addr`. Declared by hand because the npm artifacts' ABIs repeat parameter names that `sol!` refuses; the devnet
/// crate deploys the real contracts from those artifacts' bytecode.
#[allow(missing_docs)]
pub mod ens {
    alloy::sol! {
        #[sol(rpc)]
        interface IEnsRegistry {
            function owner(bytes32 node) external view returns (address);
            function resolver(bytes32 node) external view returns (address);
            function setSubnodeOwner(bytes32 node, bytes32 label, address owner) external returns (bytes32);
            function setResolver(bytes32 node, address resolver) external;
        }

        #[sol(rpc)]
        interface IAddrResolver {
            function addr(bytes32 node) external view returns (address);
            function setAddr(bytes32 node, address a) external;
        }
    }
}

impl From<bounty_core::Cadence> for IBountyVault::Cadence {
    fn from(c: bounty_core::Cadence) -> Self {
        match c {
            bounty_core::Cadence::Quarterly => Self::Quarterly,
            bounty_core::Cadence::Monthly => Self::Monthly,
        }
    }
}
