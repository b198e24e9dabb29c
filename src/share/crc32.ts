/**
 * CRC-32 (IEEE 802.3, the one in zip, gzip and PNG) of a string's UTF-16 code units taken as
 * bytes — share-link payloads are base64url, so every code unit is one ASCII byte. Detects every
 * change of up to 32 consecutive bits, so any single damaged character of a link. Pure.
 */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32 of an ASCII string, as 8 lowercase hex digits.
 * @example crc32Hex('123456789') // 'cbf43926'
 */
export function crc32Hex(text: string): string {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) c = TABLE[(c ^ text.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
