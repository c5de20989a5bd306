// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

interface IPair {
    function token0() external view returns (address);
    function swap(uint256 amount0Out, uint256 amount1Out, address to) external;
}

interface IERC20From {
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// A tiny router: pays the pair from the caller (as UniswapV2Router02 does) and swaps for an exact
/// output the caller computed, so the swap's in-leg and out-leg are in one transaction.
contract SwapRouter {
    function swapExactIn(address pair, address tokenIn, uint256 amountIn, uint256 amountOut, address to)
        external
    {
        require(IERC20From(tokenIn).transferFrom(msg.sender, pair, amountIn), "TRANSFER_FROM");
        if (tokenIn == IPair(pair).token0()) IPair(pair).swap(0, amountOut, to);
        else IPair(pair).swap(amountOut, 0, to);
    }
}
