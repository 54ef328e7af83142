export default async function globalTeardown(): Promise<void> {
  await globalThis.__DDP_TEST_TEARDOWN__?.();
}
