/**
 * Uploaded evidence and inspection photos are type-checked by content, not by the name or the declared
 * type: the first bytes must be a JPEG, PNG, WebP or PDF signature, and the declared type must agree.
 */
export const EVIDENCE_MAX_BYTES = 8 * 1024 * 1024;

export type EvidenceType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

/** Null when acceptable, else the i18n code of the problem. */
export function evidenceProblem(bytes: Uint8Array, declared: string | undefined, imagesOnly = false): string | null {
  if (bytes.length === 0) return 'evidence.empty';
  if (bytes.length > EVIDENCE_MAX_BYTES) return 'evidence.too_large';
  const actual = sniffEvidenceType(bytes);
  if (!actual || (imagesOnly && actual === 'application/pdf')) return 'evidence.type_not_allowed';
  const d = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (d && d !== 'application/octet-stream' && d !== actual) return 'evidence.type_mismatch';
  return null;
}
