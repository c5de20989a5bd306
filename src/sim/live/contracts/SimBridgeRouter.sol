// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./SimPair.sol";

/// THORChain-router style: the value goes straight to the vault (ETH by call: an internal
/// transfer; tokens by transferFrom) and `Deposit` carries the memo naming the destination.
contract SimBridgeRouter {
    event Deposit(address indexed to, address indexed asset, uint256 amount, string memo);

    function deposit(address payable vault, address asset, uint256 amount, string calldata memo)
        external
        payable
    {
        if (asset == address(0)) {
            require(msg.value == amount, "VALUE");
            (bool ok,) = vault.call{value: amount}("");
            require(ok, "SEND");
        } else {
            require(msg.value == 0, "NO_VALUE");
            require(ISimToken(asset).transferFrom(msg.sender, vault, amount), "TRANSFER_FROM");
        }
        emit Deposit(vault, asset, amount, memo);
    }
}
