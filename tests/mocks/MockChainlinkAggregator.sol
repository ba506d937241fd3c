// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title MockPhaseAggregator
/// @notice One phase's underlying aggregator, as an AggregatorProxy sees it: rounds numbered 1, 2, … with
/// `latestRound`, `getRoundData` reverting "No data present" for unknown rounds (as the OCR aggregators do).
contract MockPhaseAggregator {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
    }

    address public immutable proxy;
    uint8 public immutable decimals;
    uint256 public latestRound;
    mapping(uint256 => Round) private rounds;

    constructor(uint8 decimals_) {
        proxy = msg.sender;
        decimals = decimals_;
    }

    function push(int256 answer, uint256 updatedAt) external returns (uint80 aggregatorRound) {
        require(msg.sender == proxy, "only proxy");
        latestRound += 1;
        rounds[latestRound] = Round(answer, updatedAt, updatedAt);
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint80(latestRound);
    }

    function getRoundData(uint80 roundId)
        public
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory r = rounds[roundId];
        require(r.updatedAt != 0, "No data present");
        return (roundId, r.answer, r.startedAt, r.updatedAt, roundId);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return getRoundData(uint80(latestRound));
    }
}

/// @title MockChainlinkAggregator
/// @notice A devnet stand-in for a Chainlink price feed *proxy* (EACAggregatorProxy): the interface consumers call
/// (`decimals`, `description`, `version`, `latestRoundData`, `getRoundData`) plus `phaseId`, `phaseAggregators`
/// and `aggregator`. As on the real proxy, round ids are `phaseId << 64 | aggregatorRound`, a new phase points the
/// proxy at a fresh aggregator whose rounds start again at 1, and `getRoundData` reaches rounds of earlier phases.
/// Rounds are pushed by the owner (the real feed's oracles report them).
contract MockChainlinkAggregator {
    uint256 private constant PHASE_OFFSET = 64;

    uint8 public immutable decimals;
    string public description;
    uint256 public constant version = 4;
    uint16 public phaseId;
    mapping(uint16 => MockPhaseAggregator) public phaseAggregators;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewPhase(uint16 phaseId, address aggregator);

    constructor(uint8 decimals_, string memory description_) {
        decimals = decimals_;
        description = description_;
        _startNewPhase();
    }

    /// @notice The current phase's aggregator.
    function aggregator() external view returns (address) {
        return address(phaseAggregators[phaseId]);
    }

    /// @notice Reports a new round with `updatedAt` = now.
    function pushRound(int256 answer) external returns (uint80 roundId) {
        return pushRoundAt(answer, block.timestamp);
    }

    /// @notice Reports a new round stamped `updatedAt` (not in the future, not before the previous round).
    function pushRoundAt(int256 answer, uint256 updatedAt) public returns (uint80 roundId) {
        // forge-lint: disable-next-line(block-timestamp)
        require(updatedAt <= block.timestamp, "future round");
        uint80 aggregatorRound = phaseAggregators[phaseId].push(answer, updatedAt);
        roundId = _proxyRoundId(phaseId, aggregatorRound);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }

    /// @notice Switches the proxy to a new aggregator (a Chainlink feed upgrade): round ids jump to the next phase.
    function startNewPhase() external returns (uint16) {
        return _startNewPhase();
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        uint16 current = phaseId;
        (uint80 r, int256 a, uint256 s, uint256 u, uint80 ar) = phaseAggregators[current].latestRoundData();
        return (_proxyRoundId(current, r), a, s, u, _proxyRoundId(current, ar));
    }

    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        // forge-lint: disable-next-line(unsafe-typecast)
        uint16 phase = uint16(roundId >> PHASE_OFFSET);
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 aggregatorRound = uint64(roundId);
        MockPhaseAggregator agg = phaseAggregators[phase];
        require(address(agg) != address(0), "No data present");
        (, int256 a, uint256 s, uint256 u, uint80 ar) = agg.getRoundData(aggregatorRound);
        return (roundId, a, s, u, _proxyRoundId(phase, ar));
    }

    function _startNewPhase() private returns (uint16) {
        phaseId += 1;
        MockPhaseAggregator agg = new MockPhaseAggregator(decimals);
        phaseAggregators[phaseId] = agg;
        emit NewPhase(phaseId, address(agg));
        return phaseId;
    }

    function _proxyRoundId(uint16 phase, uint80 aggregatorRound) private pure returns (uint80) {
        return uint80((uint256(phase) << PHASE_OFFSET) | aggregatorRound);
    }
}
