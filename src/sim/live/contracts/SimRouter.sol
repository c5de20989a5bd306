// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./SimPair.sol";

interface ISimWeth {
    function withdraw(uint256 wad) external;
}

/// Uniswap-V2-router `swapExactTokensForETH` through one pair: the trader's tokens go into the
/// pair (transferFrom), the pair pays WETH to the router, the router unwraps it and sends the
/// ETH on to `to`. Pair, tokens and amounts are parameters (no constructor state).
contract SimRouter {
    receive() external payable {}

    function swapExactTokensForETH(
        address pair,
        address token,
        address weth,
        uint256 amountIn,
        uint256 amountOut,
        address to
    ) external {
        require(ISimToken(token).transferFrom(msg.sender, pair, amountIn), "IN");
        if (token < weth) {
            SimPair(pair).swap(token, weth, amountIn, 0, 0, amountOut, address(this));
        } else {
            SimPair(pair).swap(weth, token, 0, amountIn, amountOut, 0, address(this));
        }
        ISimWeth(weth).withdraw(amountOut);
        (bool ok,) = payable(to).call{value: amountOut}("");
        require(ok, "SEND");
    }
}
