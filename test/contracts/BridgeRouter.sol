// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

interface IERC20Deposit {
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// THORChain-router style: value goes to the vault at once (ETH by call: an internal transfer;
/// tokens by transferFrom), and the Deposit event carries the memo naming the destination.
contract BridgeRouter {
    event Deposit(address indexed to, address indexed asset, uint256 amount, string memo);

    function deposit(address payable vault, address asset, uint256 amount, string calldata memo) external payable {
        if (asset == address(0)) {
            require(msg.value == amount, "VALUE");
            (bool ok,) = vault.call{value: amount}("");
            require(ok, "SEND");
        } else {
            require(msg.value == 0, "NO_VALUE");
            require(IERC20Deposit(asset).transferFrom(msg.sender, vault, amount), "TRANSFER_FROM");
        }
        emit Deposit(vault, asset, amount, memo);
    }
}
