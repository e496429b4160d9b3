// Kanaria's own console output (not function or API logs, which go to the logs service).
export interface Logger {
  info(line: string): void;
  error(line: string): void;
}

export function createLogger(quiet: boolean): Logger {
  return {
    info: (line) => {
      if (!quiet) process.stdout.write(`${line}\n`);
    },
    error: (line) => process.stderr.write(`${line}\n`),
  };
}
