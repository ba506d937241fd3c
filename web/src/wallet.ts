// The visitor's injected EIP-1193 wallet (MetaMask, Rabby, Frame, a Safe app): connect, move it to the vault's
// chain, and a viem wallet client over it. Reads go through the public client (the manifest's RPC, or the wallet's
// own when there is none), so a wallet's RPC is never the only source of truth.
import {
  createPublicClient,
  createWalletClient,
  custom,
  getAddress,
  http,
  type Address,
  type Chain,
  type EIP1193Provider,
  type PublicClient,
  type WalletClient,
} from "viem";
import { arbitrum, base, gnosis, mainnet, optimism, optimismSepolia, polygon, sepolia } from "viem/chains";

/** Chains the page knows by name (with ENS on mainnet); any other id still works, named by its number. Not all of
 * `viem/chains`: that would multiply the page's size for names nobody pays on. */
const KNOWN_CHAINS: Chain[] = [mainnet, sepolia, optimism, optimismSepolia, arbitrum, base, polygon, gnosis];

declare global {
  interface Window {
    ethereum?: EIP1193Provider;
  }
}

/** The wallet is on another chain and would not (or could not) switch. */
export class WrongChainError extends Error {}
export class NoWalletError extends Error {}

/** viem's description of `chainId` (with its ENS contracts on mainnet), or a bare one for a devnet. */
export function chainFor(chainId: number, rpcUrl?: string): Chain {
  const known = KNOWN_CHAINS.find((c) => c.id === chainId);
  if (known) return rpcUrl ? { ...known, rpcUrls: { default: { http: [rpcUrl] } } } : known;
  return {
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: rpcUrl ? [rpcUrl] : [] } },
  };
}

/** "Optimism (chain 10)", or "chain 31337" for a chain the page does not know by name. */
export function describeChain(chain: Chain): string {
  return chain.name === `chain ${chain.id}` ? chain.name : `${chain.name} (chain ${chain.id})`;
}

export function publicClientFor(chain: Chain, rpcUrl: string | undefined): PublicClient {
  if (rpcUrl) return createPublicClient({ chain, transport: http(rpcUrl, { retryCount: 2 }) }) as PublicClient;
  if (window.ethereum) return createPublicClient({ chain, transport: custom(window.ethereum) }) as PublicClient;
  throw new NoWalletError("Enter an RPC URL for this chain, or connect a wallet, to read the vault.");
}

export interface Connected {
  account: Address;
  wallet: WalletClient;
}

/** Asks the wallet for an account and for the vault's chain. */
export async function connect(chain: Chain): Promise<Connected> {
  const provider = window.ethereum;
  if (!provider) {
    throw new NoWalletError(
      "No browser wallet found. Install MetaMask, Rabby or Frame (or open this page in your wallet's browser).",
    );
  }
  const accounts = (await provider.request({ method: "eth_requestAccounts" })) as string[];
  if (accounts.length === 0) throw new NoWalletError("The wallet shared no account.");
  await ensureChain(provider, chain);
  const account = getAddress(accounts[0]);
  return { account, wallet: createWalletClient({ account, chain, transport: custom(provider) }) };
}

/** Switches the wallet to `chain`, adding it first when the wallet does not know it (EIP-3326, EIP-3085). */
export async function ensureChain(provider: EIP1193Provider, chain: Chain): Promise<void> {
  const current = Number(await provider.request({ method: "eth_chainId" }));
  if (current === chain.id) return;
  const hex = `0x${chain.id.toString(16)}` as const;
  try {
    await provider.request({ method: "wallet_switchEthereumChain", params: [{ chainId: hex }] });
  } catch (e) {
    if ((e as { code?: number }).code === 4902 && chain.rpcUrls.default.http.length > 0) {
      await provider.request({
        method: "wallet_addEthereumChain",
        params: [
          {
            chainId: hex,
            chainName: chain.name,
            nativeCurrency: chain.nativeCurrency,
            rpcUrls: [...chain.rpcUrls.default.http],
          },
        ],
      });
    } else {
      throw new WrongChainError(
        `Your wallet is on chain ${current}; this vault is on ${describeChain(chain)}. ` +
          `Switch your wallet to chain ${chain.id} and connect again.`,
      );
    }
  }
  const after = Number(await provider.request({ method: "eth_chainId" }));
  if (after !== chain.id) {
    throw new WrongChainError(
      `Your wallet is still on chain ${after}; this vault is on ${describeChain(chain)}.`,
    );
  }
}
