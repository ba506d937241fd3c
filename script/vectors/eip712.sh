#!/usr/bin/env bash
# Generates tests/vectors/eip712.json: for every message type the vault signs, the EIP-712 typed data, its struct
# hash and digest computed here from primitives (cast keccak / cast abi-encode, independent of the contract), and a
# signature by anvil's key 0 made by `cast wallet sign --data` (alloy's typed-data implementation, also independent).
# The forge test checks that the vault's hash* views give these digests and that the signatures verify; the Rust
# side checks its `sol!`-derived hashes against the same file. Deterministic (RFC 6979 signatures): re-running must
# reproduce the file exactly.
set -euo pipefail
. "$(dirname "$0")/../env.sh"
cd "$ROOT"

KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 # anvil key 0 (public test key)
SIGNER=$(cast wallet address --private-key "$KEY" | tr 'A-F' 'a-f')
CHAIN_ID=31337
VAULT=0x00000000000000000000000000000000b0a7b0a7 # the fixed vault address the forge test deploys to
OUT="$ROOT/tests/vectors/eip712.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

lower() { tr 'A-F' 'a-f'; }
k() { cast keccak "$1" | lower; }
enc() { cast abi-encode "$@"; }

DOMAIN_TYPEHASH=$(k "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
DOMAIN_SEPARATOR=$(k "$(enc "f(bytes32,bytes32,bytes32,uint256,address)" "$DOMAIN_TYPEHASH" "$(k BountyVault)" "$(k 1)" $CHAIN_ID $VAULT)")
digest_of() { k "0x1901${DOMAIN_SEPARATOR#0x}${1#0x}"; }

DOMAIN_TYPE='[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}]'
DOMAIN="{\"name\":\"BountyVault\",\"version\":\"1\",\"chainId\":$CHAIN_ID,\"verifyingContract\":\"$VAULT\"}"

# typed_data <primaryType> <types json (without EIP712Domain)> <message json>
typed_data() {
  jq -n --arg primary "$1" --argjson types "$2" --argjson domainType "$DOMAIN_TYPE" --argjson domain "$DOMAIN" \
    --argjson message "$3" '{types: ({EIP712Domain: $domainType} + $types), primaryType: $primary, domain: $domain, message: $message}'
}

# entry <name> <typed data json> <type string> <struct hash>
entry() {
  local name=$1 data=$2 typeString=$3 structHash=$4 digest signature
  digest=$(digest_of "$structHash")
  printf '%s' "$data" >"$tmp/$name.json"
  signature=$(cast wallet sign --data --from-file "$tmp/$name.json" --private-key "$KEY" | lower)
  jq -n --argjson typedData "$data" --arg typeString "$typeString" --arg typeHash "$(k "$typeString")" \
    --arg structHash "$structHash" --arg digest "$digest" --arg signature "$signature" \
    '{typeString: $typeString, typeHash: $typeHash, typedData: $typedData, structHash: $structHash, digest: $digest, signature: $signature}' \
    >"$tmp/$name.entry.json"
}

# --- EpochRoot --------------------------------------------------------------------------------------------------
T="EpochRoot(uint64 epoch,bytes32 root,uint128 total,uint32 count,bytes32 metadataHash,uint256 usdPerToken,uint256 nonce)"
EPOCH=20262
ROOT_=$(k "support-bounty epoch root")
TOTAL=2800000000000000000000
COUNT=7
META=$(k "claims-20262.json bytes")
USD=4250000000000000000
NONCE=3
entry EpochRoot "$(typed_data EpochRoot '{"EpochRoot":[{"name":"epoch","type":"uint64"},{"name":"root","type":"bytes32"},{"name":"total","type":"uint128"},{"name":"count","type":"uint32"},{"name":"metadataHash","type":"bytes32"},{"name":"usdPerToken","type":"uint256"},{"name":"nonce","type":"uint256"}]}' \
  "{\"epoch\":\"$EPOCH\",\"root\":\"$ROOT_\",\"total\":\"$TOTAL\",\"count\":\"$COUNT\",\"metadataHash\":\"$META\",\"usdPerToken\":\"$USD\",\"nonce\":\"$NONCE\"}")" \
  "$T" "$(k "$(enc "f(bytes32,uint64,bytes32,uint128,uint32,bytes32,uint256,uint256)" "$(k "$T")" $EPOCH "$ROOT_" $TOTAL $COUNT "$META" $USD $NONCE)")"

# --- UpdateConfig (nested Config with a dynamic address[]) -----------------------------------------------------------
CONFIG_T="Config(address[] signers,uint8 threshold,uint128 epochCap,uint32 challengePeriod,uint32 claimWindow,address guardian,uint128 disputeBond)"
T="UpdateConfig(Config config,uint256 nonce)$CONFIG_T"
S1=0x70997970c51812dc3a010c7d01b50e0d17dc79c8
S2=0x90f79bf6eb2c4f870365e785982e1f101e93b906
S3=0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc
THRESHOLD=2
CAP=1000000000000000000000000
CHALLENGE=259200
WINDOW=7776000
GUARDIAN=0x15d34aaf54267db7d7c367839aaf71a00a2c6a65
BOND=250000000000000000000
NONCE=4
# EIP-712: an array is hashed as keccak256 of its encoded elements concatenated (each address padded to 32 bytes).
SIGNERS_HASH=$(k "$(enc "f(address,address,address)" $S1 $S2 $S3)")
CONFIG_HASH=$(k "$(enc "f(bytes32,bytes32,uint8,uint128,uint32,uint32,address,uint128)" "$(k "$CONFIG_T")" "$SIGNERS_HASH" $THRESHOLD $CAP $CHALLENGE $WINDOW $GUARDIAN $BOND)")
entry UpdateConfig "$(typed_data UpdateConfig '{"UpdateConfig":[{"name":"config","type":"Config"},{"name":"nonce","type":"uint256"}],"Config":[{"name":"signers","type":"address[]"},{"name":"threshold","type":"uint8"},{"name":"epochCap","type":"uint128"},{"name":"challengePeriod","type":"uint32"},{"name":"claimWindow","type":"uint32"},{"name":"guardian","type":"address"},{"name":"disputeBond","type":"uint128"}]}' \
  "{\"config\":{\"signers\":[\"$S1\",\"$S2\",\"$S3\"],\"threshold\":\"$THRESHOLD\",\"epochCap\":\"$CAP\",\"challengePeriod\":\"$CHALLENGE\",\"claimWindow\":\"$WINDOW\",\"guardian\":\"$GUARDIAN\",\"disputeBond\":\"$BOND\"},\"nonce\":\"$NONCE\"}")" \
  "$T" "$(k "$(enc "f(bytes32,bytes32,uint256)" "$(k "$T")" "$CONFIG_HASH" $NONCE)")"

# --- Withdraw ------------------------------------------------------------------------------------------------------
T="Withdraw(address to,uint256 amount,uint256 nonce)"
TO=0x976ea74026e726554db657fa54763abd0c3a0aa9
AMOUNT=123456789000000000000
NONCE=5
entry Withdraw "$(typed_data Withdraw '{"Withdraw":[{"name":"to","type":"address"},{"name":"amount","type":"uint256"},{"name":"nonce","type":"uint256"}]}' \
  "{\"to\":\"$TO\",\"amount\":\"$AMOUNT\",\"nonce\":\"$NONCE\"}")" \
  "$T" "$(k "$(enc "f(bytes32,address,uint256,uint256)" "$(k "$T")" $TO $AMOUNT $NONCE)")"

# --- Unpause -------------------------------------------------------------------------------------------------------
T="Unpause(uint32 pause,uint256 nonce)"
PAUSE=3
NONCE=6
entry Unpause "$(typed_data Unpause '{"Unpause":[{"name":"pause","type":"uint32"},{"name":"nonce","type":"uint256"}]}' \
  "{\"pause\":\"$PAUSE\",\"nonce\":\"$NONCE\"}")" \
  "$T" "$(k "$(enc "f(bytes32,uint32,uint256)" "$(k "$T")" $PAUSE $NONCE)")"

# --- ResolveDispute ------------------------------------------------------------------------------------------------
T="ResolveDispute(uint64 epoch,bool upheld,uint256 nonce)"
EPOCH_D=20262
UPHELD=true
NONCE=7
entry ResolveDispute "$(typed_data ResolveDispute '{"ResolveDispute":[{"name":"epoch","type":"uint64"},{"name":"upheld","type":"bool"},{"name":"nonce","type":"uint256"}]}' \
  "{\"epoch\":\"$EPOCH_D\",\"upheld\":$UPHELD,\"nonce\":\"$NONCE\"}")" \
  "$T" "$(k "$(enc "f(bytes32,uint64,bool,uint256)" "$(k "$T")" $EPOCH_D $UPHELD $NONCE)")"

# --- ClaimConsent (signed by the helper, not the signers; the same key serves here) ------------------------------
# The consent names the claims it pays: leaf 0 of a two-leaf tree (the signer 5e18, forge's makeAddr("other") 6e18)
# posted as epoch 20262, the tree the forge test builds and pays through the vault. Its root comes from the npm
# @openzeppelin/merkle-tree, independently of the contract and of forge's helper.
REF_T="ClaimRef(uint64 epoch,bytes32 root,uint256 index)"
T="ClaimConsent(address account,address recipient,ClaimRef[] claims,uint256 nonce,uint256 deadline)$REF_T"
ACCOUNT=$SIGNER
OTHER=$(cast wallet address --private-key "$(cast keccak other)" | lower)
CLAIM_ROOT=$(node -e '
  const { StandardMerkleTree } = require("@openzeppelin/merkle-tree");
  const [a, b] = process.argv.slice(1);
  console.log(StandardMerkleTree.of([["0", a, "5000000000000000000"], ["1", b, "6000000000000000000"]],
    ["uint256", "address", "uint256"]).root);
' "$ACCOUNT" "$OTHER")
CLAIM_EPOCH=20262
CLAIM_INDEX=0
RECIPIENT=0x14dc79964da2c08b23698b3d3cc7ca32193d9955
CONSENT_NONCE=0
DEADLINE=1798761600
# EIP-712: an array of structs is hashed as keccak256 of its members' struct hashes concatenated.
CLAIMS_HASH=$(k "$(k "$(enc "f(bytes32,uint64,bytes32,uint256)" "$(k "$REF_T")" $CLAIM_EPOCH "$CLAIM_ROOT" $CLAIM_INDEX)")")
entry ClaimConsent "$(typed_data ClaimConsent '{"ClaimConsent":[{"name":"account","type":"address"},{"name":"recipient","type":"address"},{"name":"claims","type":"ClaimRef[]"},{"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint256"}],"ClaimRef":[{"name":"epoch","type":"uint64"},{"name":"root","type":"bytes32"},{"name":"index","type":"uint256"}]}' \
  "{\"account\":\"$ACCOUNT\",\"recipient\":\"$RECIPIENT\",\"claims\":[{\"epoch\":\"$CLAIM_EPOCH\",\"root\":\"$CLAIM_ROOT\",\"index\":\"$CLAIM_INDEX\"}],\"nonce\":\"$CONSENT_NONCE\",\"deadline\":\"$DEADLINE\"}")" \
  "$T" "$(k "$(enc "f(bytes32,address,address,bytes32,uint256,uint256)" "$(k "$T")" $ACCOUNT $RECIPIENT "$CLAIMS_HASH" $CONSENT_NONCE $DEADLINE)")"

jq -n --arg signer "$SIGNER" --argjson chainId $CHAIN_ID --arg vault $VAULT --arg domainSeparator "$DOMAIN_SEPARATOR" \
  --slurpfile epochRoot "$tmp/EpochRoot.entry.json" --slurpfile updateConfig "$tmp/UpdateConfig.entry.json" \
  --slurpfile withdraw "$tmp/Withdraw.entry.json" --slurpfile unpause "$tmp/Unpause.entry.json" \
  --slurpfile claimConsent "$tmp/ClaimConsent.entry.json" --slurpfile resolveDispute "$tmp/ResolveDispute.entry.json" \
  '{signer: $signer, signerKey: "anvil key 0", domain: {name: "BountyVault", version: "1", chainId: $chainId, verifyingContract: $vault},
    domainSeparator: $domainSeparator,
    EpochRoot: $epochRoot[0], UpdateConfig: $updateConfig[0], Withdraw: $withdraw[0], Unpause: $unpause[0],
    ResolveDispute: $resolveDispute[0], ClaimConsent: $claimConsent[0]}' >"$OUT"
echo "wrote $OUT" >&2
