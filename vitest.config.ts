import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Each test file builds its own app on its own database, so files can run
    // in parallel; two workers match the 2-core CI machine.
    pool: 'forks',
    maxWorkers: 2,
    // Generous limits: tests that start processes (seed CLI, built server) take seconds on a
    // quiet machine but many times that on a shared, loaded one; a real hang still fails.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
