// Byte builders for PMD messages in tests, written from the published layout (little-endian).

/** Little-endian two's complement bytes of `v` in `bytes` bytes. */
export function le(v: number, bytes: number): number[] {
  const out: number[] = [];
  const u = BigInt.asUintN(8 * bytes, BigInt(v));
  for (let i = 0; i < bytes; i++) out.push(Number((u >> BigInt(8 * i)) & 0xffn));
  return out;
}

/** PMD frame header: measurement type, u64 timestamp (ns since 2000-01-01), frame type. */
export function pmdHeader(type: number, ns: bigint, frameType: number): number[] {
  const out = [type];
  for (let i = 0n; i < 8n; i++) out.push(Number((ns >> (8n * i)) & 0xffn));
  out.push(frameType);
  return out;
}
