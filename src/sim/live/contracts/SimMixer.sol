// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// A fixed-denomination mixer with Tornado Cash's events and no proofs: `deposit` takes the
/// denomination, `withdraw` (sent by a relayer) pays it out less the relayer's fee. The
/// denomination is a parameter because `sim live` installs runtime code only.
contract SimMixer {
    uint32 public nextIndex;

    event Deposit(bytes32 indexed commitment, uint32 leafIndex, uint256 timestamp);
    event Withdrawal(address to, bytes32 nullifierHash, address indexed relayer, uint256 fee);

    function deposit(bytes32 commitment) external payable {
        require(msg.value > 0, "VALUE");
        emit Deposit(commitment, nextIndex, block.timestamp);
        nextIndex += 1;
    }

    function withdraw(
        address payable recipient,
        bytes32 nullifierHash,
        address payable relayer,
        uint256 fee,
        uint256 denomination
    ) external {
        require(fee <= denomination, "FEE");
        (bool ok,) = recipient.call{value: denomination - fee}("");
        require(ok, "SEND");
        if (fee > 0) {
            (bool paid,) = relayer.call{value: fee}("");
            require(paid, "FEE_SEND");
        }
        emit Withdrawal(recipient, nullifierHash, relayer, fee);
    }
}
