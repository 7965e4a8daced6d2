/**
 * Worker thread for parseSeedFiles: parses the files it is sent (their
 * bytes, read once by the main thread), one at a time, and posts each
 * FaqDocument and its search terms back (structured clone).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSynonymTagger } from '../search/synonym-tokens.js';
import { parseSeedFile, type WorkerSetup, type WorkerTask } from './parse-files.js';

const { synonyms, limits } = workerData as WorkerSetup;
const tagger = createSynonymTagger(synonyms);

parentPort?.on('message', ({ index, file, bytes }: WorkerTask) => {
  try {
    parentPort?.postMessage({ index, outcome: parseSeedFile(file, bytes, tagger, limits) });
  } catch (error) {
    parentPort?.postMessage({ index, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
