/**
 * Worker thread for parseSeedFiles: parses the files it is sent, one at a
 * time, and posts each FaqDocument back (structured clone).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseSeedFile } from './parse-files.js';

const { seedsDir } = workerData as { seedsDir: string };

parentPort?.on('message', ({ index, file }: { index: number; file: string }) => {
  try {
    parentPort?.postMessage({ index, outcome: parseSeedFile(seedsDir, file) });
  } catch (error) {
    parentPort?.postMessage({ index, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
