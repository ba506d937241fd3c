// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title MockUniswapV3Pool
/// @notice A devnet stand-in for a Uniswap V3 pool's oracle surface: `slot0`, `observe`, `token0`/`token1`, `fee`,
/// `liquidity`. It keeps an observation array exactly like the real pool's Oracle library: every tick change writes
/// an observation whose tickCumulative grew by `tick × elapsed` and whose secondsPerLiquidityCumulativeX128 grew by
/// `(elapsed << 128) / max(liquidity, 1)`; `observe` interpolates between observations (the tick was constant in
/// between, so this is exact) and extrapolates from the last one with the current tick, and reverts "OLD" before
/// the first. The real pool moves its tick through swaps; here the owner sets it with `setTick`.
contract MockUniswapV3Pool {
    struct Observation {
        uint32 blockTimestamp;
        int56 tickCumulative;
        uint160 secondsPerLiquidityCumulativeX128;
    }

    address public immutable token0;
    address public immutable token1;
    uint24 public immutable fee;
    uint128 public liquidity;

    int24 private currentTick;
    uint160 private currentSqrtPriceX96;
    Observation[] private observations;

    event TickSet(int24 tick, uint160 sqrtPriceX96);

    constructor(address tokenA, address tokenB, uint24 fee_, int24 initialTick, uint128 liquidity_) {
        // The real factory sorts the pair: token0 is the lower address.
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        fee = fee_;
        liquidity = liquidity_;
        currentTick = initialTick;
        currentSqrtPriceX96 = TickMath.getSqrtRatioAtTick(initialTick);
        observations.push(Observation(uint32(block.timestamp), 0, 0));
    }

    /// @notice Moves the price to `tick` from now on (what a swap does to the real pool), writing an observation.
    function setTick(int24 tick) external {
        _write();
        currentTick = tick;
        currentSqrtPriceX96 = TickMath.getSqrtRatioAtTick(tick);
        emit TickSet(tick, currentSqrtPriceX96);
    }

    /// @notice Changes in-range liquidity from now on (affects secondsPerLiquidity only, as in the real pool).
    function setLiquidity(uint128 liquidity_) external {
        _write();
        liquidity = liquidity_;
    }

    function slot0()
        external
        view
        returns (
            uint160 sqrtPriceX96,
            int24 tick,
            uint16 observationIndex,
            uint16 observationCardinality,
            uint16 observationCardinalityNext,
            uint8 feeProtocol,
            bool unlocked
        )
    {
        uint16 cardinality = uint16(observations.length);
        return (currentSqrtPriceX96, currentTick, cardinality - 1, cardinality, cardinality, 0, true);
    }

    function observe(uint32[] calldata secondsAgos)
        external
        view
        returns (int56[] memory tickCumulatives, uint160[] memory secondsPerLiquidityCumulativeX128s)
    {
        tickCumulatives = new int56[](secondsAgos.length);
        secondsPerLiquidityCumulativeX128s = new uint160[](secondsAgos.length);
        for (uint256 i = 0; i < secondsAgos.length; i++) {
            // forge-lint: disable-next-line(block-timestamp)
            require(secondsAgos[i] <= block.timestamp, "OLD");
            Observation memory o = _observeAt(uint32(block.timestamp - secondsAgos[i]));
            tickCumulatives[i] = o.tickCumulative;
            secondsPerLiquidityCumulativeX128s[i] = o.secondsPerLiquidityCumulativeX128;
        }
    }

    function _write() private {
        Observation memory last = observations[observations.length - 1];
        // forge-lint: disable-next-line(block-timestamp)
        if (last.blockTimestamp == uint32(block.timestamp)) {
            return; // the real pool writes at most one observation per block
        }
        observations.push(_transform(last, uint32(block.timestamp)));
    }

    /// @dev Oracle.transform: carries an observation forward to `time` at the current tick and liquidity.
    function _transform(Observation memory last, uint32 time) private view returns (Observation memory) {
        uint32 delta = time - last.blockTimestamp;
        uint128 l = liquidity > 0 ? liquidity : 1;
        return Observation({
            blockTimestamp: time,
            tickCumulative: last.tickCumulative + int56(currentTick) * int56(uint56(delta)),
            secondsPerLiquidityCumulativeX128: last.secondsPerLiquidityCumulativeX128 + ((uint160(delta) << 128) / l)
        });
    }

    /// @dev Oracle.observeSingle: the cumulative values at `target` (<= now).
    function _observeAt(uint32 target) private view returns (Observation memory) {
        uint256 n = observations.length;
        Observation memory last = observations[n - 1];
        if (target >= last.blockTimestamp) {
            return target == last.blockTimestamp ? last : _transform(last, target);
        }
        require(target >= observations[0].blockTimestamp, "OLD");
        // Binary search for the observations at or before and at or after the target.
        uint256 lo = 0;
        uint256 hi = n - 1;
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) / 2;
            if (observations[mid].blockTimestamp <= target) lo = mid;
            else hi = mid;
        }
        Observation memory beforeOrAt = observations[lo];
        Observation memory atOrAfter = observations[hi];
        if (target == beforeOrAt.blockTimestamp) return beforeOrAt;
        if (target == atOrAfter.blockTimestamp) return atOrAfter;
        // Exactly Oracle.observeSingle's interpolation (its rounding included); the tick was constant in between.
        uint32 span = atOrAfter.blockTimestamp - beforeOrAt.blockTimestamp;
        uint32 into = target - beforeOrAt.blockTimestamp;
        int56 tickDelta = atOrAfter.tickCumulative - beforeOrAt.tickCumulative;
        uint256 splDelta = atOrAfter.secondsPerLiquidityCumulativeX128 - beforeOrAt.secondsPerLiquidityCumulativeX128;
        // forge-lint: disable-next-line(unsafe-typecast,divide-before-multiply)
        int56 tickCumulative = beforeOrAt.tickCumulative + (tickDelta / int56(uint56(span))) * int56(uint56(into));
        // forge-lint: disable-next-line(unsafe-typecast)
        uint160 spl = beforeOrAt.secondsPerLiquidityCumulativeX128 + uint160((splDelta * into) / span);
        return
            Observation({
                blockTimestamp: target, tickCumulative: tickCumulative, secondsPerLiquidityCumulativeX128: spl
            });
    }
}

/// @notice Uniswap V3's TickMath.getSqrtRatioAtTick (v3-core, ported to 0.8 with `unchecked`), so that `slot0`
/// reports the same sqrtPriceX96 the real pool would for a tick.
library TickMath {
    int24 internal constant MAX_TICK = 887272;

    function getSqrtRatioAtTick(int24 tick) internal pure returns (uint160 sqrtPriceX96) {
        unchecked {
            // forge-lint: disable-next-line(unsafe-typecast)
            uint256 absTick = tick < 0 ? uint256(-int256(tick)) : uint256(int256(tick));
            // forge-lint: disable-next-line(unsafe-typecast)
            require(absTick <= uint256(int256(MAX_TICK)), "T");

            uint256 ratio =
                absTick & 0x1 != 0 ? 0xfffcb933bd6fad37aa2d162d1a594001 : 0x100000000000000000000000000000000;
            if (absTick & 0x2 != 0) ratio = (ratio * 0xfff97272373d413259a46990580e213a) >> 128;
            if (absTick & 0x4 != 0) ratio = (ratio * 0xfff2e50f5f656932ef12357cf3c7fdcc) >> 128;
            if (absTick & 0x8 != 0) ratio = (ratio * 0xffe5caca7e10e4e61c3624eaa0941cd0) >> 128;
            if (absTick & 0x10 != 0) ratio = (ratio * 0xffcb9843d60f6159c9db58835c926644) >> 128;
            if (absTick & 0x20 != 0) ratio = (ratio * 0xff973b41fa98c081472e6896dfb254c0) >> 128;
            if (absTick & 0x40 != 0) ratio = (ratio * 0xff2ea16466c96a3843ec78b326b52861) >> 128;
            if (absTick & 0x80 != 0) ratio = (ratio * 0xfe5dee046a99a2a811c461f1969c3053) >> 128;
            if (absTick & 0x100 != 0) ratio = (ratio * 0xfcbe86c7900a88aedcffc83b479aa3a4) >> 128;
            if (absTick & 0x200 != 0) ratio = (ratio * 0xf987a7253ac413176f2b074cf7815e54) >> 128;
            if (absTick & 0x400 != 0) ratio = (ratio * 0xf3392b0822b70005940c7a398e4b70f3) >> 128;
            if (absTick & 0x800 != 0) ratio = (ratio * 0xe7159475a2c29b7443b29c7fa6e889d9) >> 128;
            if (absTick & 0x1000 != 0) ratio = (ratio * 0xd097f3bdfd2022b8845ad8f792aa5825) >> 128;
            if (absTick & 0x2000 != 0) ratio = (ratio * 0xa9f746462d870fdf8a65dc1f90e061e5) >> 128;
            if (absTick & 0x4000 != 0) ratio = (ratio * 0x70d869a156d2a1b890bb3df62baf32f7) >> 128;
            if (absTick & 0x8000 != 0) ratio = (ratio * 0x31be135f97d08fd981231505542fcfa6) >> 128;
            if (absTick & 0x10000 != 0) ratio = (ratio * 0x9aa508b5b7a84e1c677de54f3e99bc9) >> 128;
            if (absTick & 0x20000 != 0) ratio = (ratio * 0x5d6af8dedb81196699c329225ee604) >> 128;
            if (absTick & 0x40000 != 0) ratio = (ratio * 0x2216e584f5fa1ea926041bedfe98) >> 128;
            if (absTick & 0x80000 != 0) ratio = (ratio * 0x48a170391f7dc42444e8fa2) >> 128;

            if (tick > 0) ratio = type(uint256).max / ratio;

            // Round up to go from Q128.128 to Q128.96, so getTickAtSqrtRatio of the output gives back the tick.
            sqrtPriceX96 = uint160((ratio >> 32) + (ratio % (1 << 32) == 0 ? 0 : 1));
        }
    }
}
