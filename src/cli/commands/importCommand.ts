import { Command, Option } from 'commander'
import { type ImportSummary, importFiles, recordKinds, sourceFormats } from '../../ingest/index.js'
import { createProgressBar } from '../progressBar.js'
import { type CliContext, withStore } from '../withStore.js'

type ImportOptions = {
  format?: string
  kind?: string
  chain?: string
  strict: boolean
  batchSize: string
}

/** `chainwatch import PATH...`: bulk import of exports and raw blocks. */
export function importCommand(context: CliContext): Command {
  return new Command('import')
    .description(
      'Import chain data files: ethereum-etl / BigQuery crypto_ethereum exports (CSV or JSON lines), bitcoin-etl / BigQuery crypto_bitcoin exports (JSON lines), raw Bitcoin blocks (binary or hex) and blk*.dat files (optionally .bz2). Format and record kind are detected per file.',
    )
    .argument('<paths...>', 'files to import (a directory stands for the files in it)')
    .addOption(new Option('--format <format>', 'force the file format').choices(sourceFormats))
    .addOption(new Option('--kind <kind>', 'force the record kind').choices(recordKinds))
    .option('--chain <chain>', 'chain the data belongs to (default: bitcoin or ethereum by format)')
    .option('--strict', 'stop at the first bad row and write nothing of its batch', false)
    .option('--batch-size <records>', 'records per database transaction', '50000')
    .action(async (paths: string[], options: ImportOptions) => {
      await withStore(context, async (store) => {
        const progress =
          context.stderr.isTTY && !context.json ? createProgressBar(context.stderr) : undefined
        const result = await importFiles(
          { store },
          {
            paths,
            strict: options.strict,
            batchSize: Number.parseInt(options.batchSize, 10),
            ...(options.format === undefined ? {} : { format: options.format }),
            ...(options.kind === undefined ? {} : { kind: options.kind }),
            ...(options.chain === undefined ? {} : { chain: options.chain }),
            ...(progress ? { onProgress: progress.update } : {}),
          },
        )
        progress?.done()
        if (context.json) {
          context.print(JSON.stringify(result, null, 2))
          return
        }
        for (const summary of result.files) context.print(describe(summary))
        for (const summary of result.files)
          for (const error of summary.errors)
            context.printError(`  ${error.file}:${error.line}: ${error.reason}`)
        const bad = result.files.reduce((sum, s) => sum + s.badRows, 0)
        const rows = result.files.reduce((sum, s) => sum + s.rows, 0)
        context.print(
          `Imported ${result.files.length} file(s): ${rows.toLocaleString('en-US')} rows, ${bad.toLocaleString('en-US')} bad, ${result.resolved.inputs} inputs and ${result.resolved.transfers} transfers resolved, in ${(result.durationMs / 1000).toFixed(1)} s`,
        )
      })
    })
}

function describe(s: ImportSummary): string {
  const inserted = Object.entries<number>(s.inserted)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`)
    .join(', ')
  const resumed = s.resumedAfter > 0 ? `, resumed after row ${s.resumedAfter}` : ''
  return `${s.file} [${s.format} ${s.kind}]: ${s.rows.toLocaleString('en-US')} rows, ${s.records.toLocaleString('en-US')} records, new: ${inserted === '' ? 'none' : inserted}, ${plural(s.badRows, 'bad row')}${resumed}`
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}
