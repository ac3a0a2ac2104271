import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The floor for usage ingest: PostgreSQL's `COPY` of the same rows (an event id, its account, feature,
 * quantity and time, under a primary key on the tenant and the id), in batches of `size`, by
 * `clients` at once — what the fastest loader could do with no HTTP, no validation, no counting and
 * no de-duplication beyond the key's index. On PostgreSQL it runs against the same server through
 * its own pool; on PGlite against a fresh in-memory instance in this process (a second one beside
 * the server's, the same engine), with `COPY … FROM '/dev/blob'`.
 */
export async function copyBaseline(
  databaseUrl: string | undefined,
  size: number,
  clients: number,
  seconds: number,
): Promise<number> {
  const table = `bench_copy_${process.pid}`;
  const create = `create table ${table} (tenant_id text not null, id text not null, account_id text not null,
    feature text not null, quantity bigint not null, at timestamptz not null, primary key (tenant_id, id))`;
  const csv = (batch: number) => {
    const at = new Date().toISOString();
    let out = '';
    for (let j = 0; j < size; j++) out += `ten_bench,e${batch}-${j},acct_bench,tickets,1,${at}\n`;
    return out;
  };
  let next = 0;
  let rows = 0;
  let started = 0;
  let deadline = 0;
  const start = () => {
    started = performance.now();
    deadline = started + seconds * 1000;
  };
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
    await pool.query(create);
    start();
    try {
      await Promise.all(
        Array.from({ length: clients }, async () => {
          const client = await pool.connect();
          try {
            while (performance.now() < deadline) {
              const data = csv(next++);
              await new Promise<void>((resolve, reject) => {
                const stream = client.query(copyFrom(`copy ${table} from stdin with (format csv)`));
                stream.on('finish', resolve);
                stream.on('error', reject);
                stream.end(data);
              });
              rows += size;
            }
          } finally {
            client.release();
          }
        }),
      );
      return rows / ((performance.now() - started) / 1000);
    } finally {
      await pool.query(`drop table ${table}`);
      await pool.end();
    }
  }
  const db = await PGlite.create('memory://');
  try {
    await db.query(create);
    start();
    // PGlite runs one statement at a time: clients only queue, as they do against the server's PGlite.
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < deadline) {
          await db.query(`copy ${table} from '/dev/blob' with (format csv)`, [], {
            blob: new Blob([csv(next++)]),
          });
          rows += size;
        }
      }),
    );
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await db.close();
  }
}
