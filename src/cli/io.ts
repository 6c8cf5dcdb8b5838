/** What a CLI command may touch: streams and the environment, injected so tests can drive commands in-process. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  /** Writes text as is (add your own newline). */
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** True when standard input is an interactive terminal. */
  stdinIsTTY: boolean;
}

/** A CLI command: parses its own arguments and resolves to the process exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
}

/** Reads all of standard input as UTF-8 text. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
