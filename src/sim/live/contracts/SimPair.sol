// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

interface ISimToken {
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// A Uniswap-V2-style pair that pays out exactly what it is told (the simulator planned the
/// amounts; no reserves or invariant) and logs the V2 `Swap` event. Its tokens are parameters
/// because `sim live` installs runtime code only (no constructor, no immutables).
contract SimPair {
    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );

    function swap(
        address token0,
        address token1,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address to
    ) external {
        if (amount0Out > 0) require(ISimToken(token0).transfer(to, amount0Out), "OUT0");
        if (amount1Out > 0) require(ISimToken(token1).transfer(to, amount1Out), "OUT1");
        emit Swap(msg.sender, amount0In, amount1In, amount0Out, amount1Out, to);
    }
}
