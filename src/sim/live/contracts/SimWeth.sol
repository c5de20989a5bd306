// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./SimToken.sol";

/// WETH9's wrap and unwrap on SimToken's storage layout: `withdraw` burns and pays the ETH back
/// to the caller (an internal transfer) and logs `Withdrawal`, as WETH9 does.
contract SimWeth is SimToken {
    event Deposit(address indexed dst, uint256 wad);
    event Withdrawal(address indexed src, uint256 wad);

    receive() external payable {
        deposit();
    }

    function deposit() public payable {
        balanceOf[msg.sender] += msg.value;
        emit Deposit(msg.sender, msg.value);
    }

    function withdraw(uint256 wad) external {
        require(balanceOf[msg.sender] >= wad, "BALANCE");
        balanceOf[msg.sender] -= wad;
        (bool ok,) = payable(msg.sender).call{value: wad}("");
        require(ok, "SEND");
        emit Withdrawal(msg.sender, wad);
    }
}
