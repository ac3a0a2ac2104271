/**
 * `allot export FILE` / `allot import FILE`: a whole tenant in one JSON-lines file, restorable into a
 * database without it — PGlite or PostgreSQL, either way. On the database itself, like `tenants`: the
 * dump and restore are src/platform/db/tenant-dump.ts; this is the command around them.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { dumpTenant } from '../platform/db/tenant-dump.ts';
import { findBootstrapTenant, getTenant } from '../tenants/tenants.ts';
import { RefusedError } from './errors.ts';
import { databaseName, tenantOrBootstrap, withDatabase } from './offline.ts';
import { table } from './output.ts';

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function countsTable(counts: Record<string, number>): string {
  const rows = Object.entries(counts).filter(([, n]) => n > 0);
  return table(
    ['TABLE', 'ROWS'],
    rows.map(([t, n]) => [t, n]),
  );
}

async function exportTo(file: string, tenantId: string | undefined): Promise<void> {
  await withDatabase(async (db, config) => {
    const tenant = await tenantOrBootstrap(db, tenantId);
    const out = file === '-' ? process.stdout : createWriteStream(file);
    const write = async (line: string) => {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    };
    const { dumpTenant } = await import('../platform/db/tenant-dump.ts');
    let result: Awaited<ReturnType<typeof dumpTenant>>;
    try {
      result = await dumpTenant(db, tenant.id, write);
      if (out !== process.stdout) {
        out.end();
        await once(out, 'finish');
      }
    } catch (error) {
      if (out !== process.stdout) {
        out.destroy();
        await rm(file, { force: true });
      }
      throw error;
    }
    const tables = Object.keys(result.counts).length;
    process.stderr.write(
      `${countsTable(result.counts)}Exported tenant ${tenant.id} (${tenant.name}) from ${databaseName(config)}: ${total(result.counts)} rows of ${tables} tables${file === '-' ? '' : ` to ${file}`}.\n`,
    );
  });
}

async function importFrom(file: string): Promise<void> {
  if (file !== '-') await access(file);
  const { readDump, restoreTenant } = await import('../platform/db/tenant-dump.ts');
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    // The header first: a file that is no export is refused before the database is opened.
    const dump = await readDump(lines);
    await withDatabase(
      async (db, config) => {
        const result = await restoreTenant(db, dump, {
          async check(header, trx) {
            if (await getTenant(trx, header.tenant))
              throw new RefusedError(
                `This database holds tenant ${header.tenant} already: nothing was imported. Import into a database without it.`,
              );
            const bootstrap = header.root.is_bootstrap === true ? await findBootstrapTenant(trx) : undefined;
            if (bootstrap)
              throw new RefusedError(
                `The file's tenant ${header.tenant} is a bootstrap tenant, and this database has one already (${bootstrap.id}): nothing was imported. Import into an empty database, before its first allot serve.`,
              );
          },
        });
        process.stdout.write(
          `${countsTable(result.counts)}Imported tenant ${result.header.tenant} (${String(result.header.root.name)}) into ${databaseName(config)}: ${total(result.counts)} rows of ${Object.keys(result.counts).length} tables${result.migrated.length ? `, then migrated: ${result.migrated.join(', ')}` : ''}.\n`,
        );
      },
      { migrate: false },
    );
  } finally {
    lines.close();
  }
}

export function registerDump(program: Command): void {
  program
    .command('export')
    .argument('<file>', 'where to write: tenant.jsonl, or - for stdout')
    .description(
      'Write a whole tenant — its every row — to FILE (JSON lines), from the database itself (DATABASE_URL or ALLOT_DATA_DIR). A PostgreSQL database may keep serving; stop a server using the same PGlite folder first.',
    )
    .summary('Write a whole tenant to a file, from the database itself.')
    .option('-t, --tenant <id>', 'the tenant (default: the bootstrap tenant)')
    .action((file: string, opts: { tenant?: string }) => exportTo(file, opts.tenant));

  program
    .command('import')
    .argument('<file>', 'a file of allot export, or - for stdin')
    .description(
      'Restore a tenant from FILE into the database itself, all or nothing: into a database without that tenant (an empty one for a bootstrap tenant), PGlite or PostgreSQL whichever the file came from.',
    )
    .summary('Restore a tenant from a file of allot export into the database itself.')
    .action((file: string) => importFrom(file));
}
