/**
 * Pages of rows in chain order with a keyset on the block height: each page ends at a block
 * boundary, so no block is split between pages, and memory stays bounded by the page size (or
 * by the largest block, which is read whole when it runs past a page).
 */
export async function* pagesByBlock<R extends { readonly block_height: number }>({
  fromBlock,
  pageSize,
  page,
  block,
}: {
  readonly fromBlock: number
  readonly pageSize: number
  /** Up to `limit` rows from block `from` on, in chain order. */
  readonly page: (from: number, limit: number) => Promise<R[]>
  /** Every row of one block, in chain order. */
  readonly block: (height: number) => Promise<R[]>
}): AsyncGenerator<R[]> {
  let from = fromBlock
  for (;;) {
    const rows = await page(from, pageSize)
    if (rows.length === 0) return
    const last = rows[rows.length - 1]?.block_height ?? from
    if (rows.length < pageSize) {
      yield rows
      return
    }
    const complete = rows.filter((row) => row.block_height < last)
    if (complete.length > 0) yield complete
    yield await block(last)
    from = last + 1
  }
}
