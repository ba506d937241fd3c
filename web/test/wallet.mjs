// The browser wallet of the tests: an EIP-1193 provider injected into the page (as MetaMask injects
// `window.ethereum`) that forwards every request to anvil, where the account is unlocked and anvil signs. What a
// person does in a wallet's popup (approve, reject, refuse to switch chains) is a per-test setting; the chain, the
// vault and every signature are real.

/** Installs the wallet into `page` before any of its scripts run. */
export async function injectWallet(page, devnet, options) {
  const wallet = {
    account: options.account,
    /** What `eth_chainId` answers: the devnet's 31337, or another chain to test a wallet on the wrong one. */
    chainId: options.chainId ?? 31337,
    /** Whether `wallet_switchEthereumChain` works (a person may refuse it). */
    allowSwitch: options.allowSwitch ?? true,
    /** Whether the person approves transactions and signatures in the popup. */
    approve: options.approve ?? true,
    requests: [],
  };
  await page.exposeFunction("__testWallet", async (method, params) => {
    wallet.requests.push(method);
    const userRejected = { error: { code: 4001, message: "User rejected the request." } };
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return { result: [wallet.account] };
      case "eth_chainId":
        return { result: `0x${wallet.chainId.toString(16)}` };
      case "wallet_switchEthereumChain": {
        if (!wallet.allowSwitch) return userRejected;
        wallet.chainId = Number(params[0].chainId);
        return { result: null };
      }
      case "eth_sendTransaction":
      case "eth_signTypedData_v4":
      case "personal_sign":
        if (!wallet.approve) return userRejected;
        if (method === "eth_sendTransaction" && params[0].from.toLowerCase() !== wallet.account.toLowerCase()) {
          return { error: { code: 4100, message: "The requested account has not been authorized." } };
        }
        break;
    }
    if (wallet.chainId !== 31337) {
      return { error: { code: -32603, message: `wallet is on chain ${wallet.chainId}` } };
    }
    try {
      return { result: await devnet.rpc(method, params) };
    } catch (e) {
      return { error: { code: e.code ?? -32603, message: e.message, data: e.data } };
    }
  });
  await page.addInitScript(() => {
    const listeners = {};
    window.ethereum = {
      isTestWallet: true,
      async request({ method, params = [] }) {
        const answer = await window.__testWallet(method, params);
        if (answer.error) {
          const error = new Error(answer.error.message);
          error.code = answer.error.code;
          error.data = answer.error.data;
          throw error;
        }
        return answer.result;
      },
      on(event, fn) {
        (listeners[event] ??= []).push(fn);
      },
      removeListener(event, fn) {
        listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
      },
    };
  });
  return wallet;
}
