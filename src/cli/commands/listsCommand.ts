import { Command, Option } from 'commander'
import { ChainwatchError } from '../../errors/index.js'
import { DEFAULT_RETRO_HUNT_DAYS, type RetroHuntResult, retroHunt } from '../../monitoring/index.js'
import {
  type Category,
  categories,
  type ListKind,
  type LoadListResult,
  listKinds,
  loadList,
} from '../../screening/index.js'
import { type CliContext, withStore } from '../withStore.js'

type LoadOptions = {
  kind: ListKind
  name?: string
  comments?: string
  add?: string
  alt?: string
  actors?: string
  category?: Category
  confidence?: string
  label?: string
  publishedAt?: string
  retroHuntDays: string
}

/** `chainwatch lists import|update|show`: sanctions lists and labels, with provenance. */
export function listsCommand(context: CliContext): Command {
  const lists = new Command('lists').description(
    'Sanctions lists and address labels: load, update, show',
  )
  lists.addCommand(
    withLoadOptions(new Command('import'))
      .description(
        'Load a list file as the new version of its list (parsed fully, then swapped in atomically)',
      )
      .argument('<file>', 'list file')
      .action(async (file: string, options: LoadOptions) => load(context, file, options)),
  )
  lists.addCommand(
    withLoadOptions(new Command('update'))
      .description(
        'Download (http/https) or read a list and swap it in; a broken download changes nothing',
      )
      .requiredOption('--from <url-or-file>', 'where to get the list')
      .action(async (options: LoadOptions & { from: string }) =>
        load(context, options.from, options),
      ),
  )
  lists.addCommand(
    new Command('show')
      .description('The active version of every list, with provenance')
      .action(async () => {
        await withStore(context, async (store) => {
          const summaries = await store.lists()
          if (context.json) return context.print(JSON.stringify({ lists: summaries }, null, 2))
          if (summaries.length === 0) return context.print('No lists loaded.')
          for (const s of summaries) {
            context.print(
              `${s.list} v${s.version} [${s.kind}]: ${s.entries} active designations, published ${s.publishedAt ?? 'n/a'}, loaded ${s.loadedAt}, sha256 ${s.sha256.slice(0, 16)}…, from ${s.source}`,
            )
          }
        })
      }),
  )
  return lists
}

function withLoadOptions(command: Command): Command {
  return command
    .addOption(new Option('--kind <kind>', 'list format').choices(listKinds).makeOptionMandatory())
    .option('--name <name>', 'list name, stable across versions (default by kind or file name)')
    .option('--comments <file>', 'OFAC sdn_comments.csv (default: beside the sdn.csv)')
    .option('--add <file>', 'OFAC add.csv (default: beside the sdn.csv)')
    .option('--alt <file>', 'OFAC alt.csv (default: beside the sdn.csv)')
    .option('--actors <file>', 'GraphSense actor pack for TagPacks')
    .addOption(
      new Option('--category <category>', 'address lists: what the addresses are').choices(
        categories,
      ),
    )
    .option('--confidence <0-100>', 'address lists: how sure the source is')
    .option('--label <text>', 'address lists: a label for every address')
    .option('--published-at <date>', 'publication date when the file states none (ISO 8601)')
    .option(
      '--retro-hunt-days <days>',
      're-screen monitored events of the last N days against the designations this version adds',
      String(DEFAULT_RETRO_HUNT_DAYS),
    )
}

async function load(context: CliContext, from: string, options: LoadOptions): Promise<void> {
  const days = Number(options.retroHuntDays)
  if (!(days > 0)) {
    throw new ChainwatchError('input.invalid', '--retro-hunt-days must be a positive number.', {
      meta: { input: options.retroHuntDays },
    })
  }
  await withStore(context, async (store) => {
    const companions = {
      ...(options.comments === undefined ? {} : { comments: options.comments }),
      ...(options.add === undefined ? {} : { add: options.add }),
      ...(options.alt === undefined ? {} : { alt: options.alt }),
    }
    const result = await loadList(
      { store },
      {
        kind: options.kind,
        from,
        companions,
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.actors === undefined ? {} : { actors: options.actors }),
        ...(options.category === undefined ? {} : { category: options.category }),
        ...(options.confidence === undefined ? {} : { confidence: Number(options.confidence) }),
        ...(options.label === undefined ? {} : { label: options.label }),
        ...(options.publishedAt === undefined ? {} : { publishedAt: options.publishedAt }),
      },
    )
    // Designations this version added may match events already decided: raise those alerts now.
    const added =
      result.added === 0
        ? []
        : await store.designationsAddedIn({ list: result.list, version: result.version })
    const hunt = await retroHunt({ store, designations: added, days })
    if (context.json) return context.print(JSON.stringify({ ...result, retroHunt: hunt }, null, 2))
    context.print(describe(result))
    context.print(describeHunt(hunt))
    for (const missing of result.missing)
      context.printError(`  warning: ${missing} not found; its data is missing`)
    for (const r of result.rejected.slice(0, 50))
      context.printError(`  rejected ${r.where}: ${r.input}: ${r.reason}`)
    if (result.rejected.length > 50)
      context.printError(`  … ${result.rejected.length - 50} more (--json)`)
  })
}

function describe(r: LoadListResult): string {
  return `${r.list} v${r.version}: ${r.entries} entries (${r.added} new, ${r.ended} ended, ${r.unchanged} unchanged), ${r.rejected.length} rejected, sha256 ${r.sha256.slice(0, 16)}…`
}

function describeHunt(h: RetroHuntResult): string {
  return `retro-hunt: ${h.designations} new risk designations, ${h.events} past events since ${new Date(h.since * 1000).toISOString()}, ${h.alerts} new alerts (${h.alreadyAlerted} already raised), ${h.elapsedMs} ms`
}
