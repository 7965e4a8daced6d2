/**
 * Worker thread for parseSeedFiles: parses the files it is sent, one at a
 * time, and posts each FaqDocument and its search terms back (structured clone).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSynonymTagger } from '../search/synonym-tokens.js';
import { parseSeedFile, type WorkerSetup } from './parse-files.js';

const { seedsDir, synonyms } = workerData as WorkerSetup;
const tagger = createSynonymTagger(synonyms);

parentPort?.on('message', ({ index, file }: { index: number; file: string }) => {
  try {
    parentPort?.postMessage({ index, outcome: parseSeedFile(seedsDir, file, tagger) });
  } catch (error) {
    parentPort?.postMessage({ index, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
