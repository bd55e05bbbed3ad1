/**
 * A second process for the file store's lock test: opens the DATA_DIR given as
 * the first argument. Prints `opened` and exits 0 if it got the folder;
 * otherwise prints the error's code and message and exits 2.
 *
 * Run with: node --import tsx test/support/open-file-store.script.ts <dataDir>
 */
import { FileStore } from '../../adapters/store/file.store.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: open-file-store.script.ts <dataDir>');
  process.exit(64);
}
try {
  const store = await FileStore.open(dataDir);
  await store.close();
  console.log('opened');
} catch (error) {
  const code = (error as { code?: unknown }).code;
  console.error(`${String(code)}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
