// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// Forwards the ETH it receives to `to`: one internal transfer per call (live ingest tests).
contract Forwarder {
    function forward(address payable to) external payable {
        (bool ok,) = to.call{value: msg.value}("");
        require(ok, "SEND");
    }
}
