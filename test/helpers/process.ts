import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/allot.js', import.meta.url));

/** Runs the `allot` CLI to completion. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `allot serve` on a free port and resolves once it listens and has printed its start block. */
export async function startServerProcess(
  env: Record<string, string>,
  options: { bin?: string; cwd?: string } = {},
): Promise<{ child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [options.bin ?? BIN, 'serve', '--port', '0'], {
    env: { ...process.env, LOG_LEVEL: 'info', ALLOT_JOBS: '0', ...env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      // Ready once it listens and has printed its closing block (the key shown once, the links).
      const m = /Allot listening on (http:\/\/[\d.:]+)/.exec(output);
      if (m?.[1] && output.includes('Allot is running.')) resolve(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then((code) => reject(new Error(`allot serve exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}
