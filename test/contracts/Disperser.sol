// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

interface IERC20Disperse {
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// disperse.app-style fan-out: ETH through this contract (internal transfers), tokens straight
/// from the sender to each recipient (transferFrom).
contract Disperser {
    function disperseEther(address payable[] calldata recipients, uint256[] calldata values) external payable {
        require(recipients.length == values.length, "LENGTH");
        uint256 total;
        for (uint256 i = 0; i < recipients.length; i++) {
            total += values[i];
            (bool ok,) = recipients[i].call{value: values[i]}("");
            require(ok, "SEND");
        }
        require(total == msg.value, "VALUE");
    }

    function disperseToken(IERC20Disperse token, address[] calldata recipients, uint256[] calldata values) external {
        require(recipients.length == values.length, "LENGTH");
        for (uint256 i = 0; i < recipients.length; i++) {
            require(token.transferFrom(msg.sender, recipients[i], values[i]), "TRANSFER_FROM");
        }
    }
}
