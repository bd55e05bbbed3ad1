/**
 * Characters user text must never carry into a terminal or a document: C0 and C1 controls but tab and line feed
 * (ESC starts terminal escape sequences, BEL rings, CR overwrites the line), the Unicode line and paragraph
 * separators, and the bidirectional embeddings, overrides and isolates that make text read in another order than it
 * is stored ("Trojan Source", CVE-2021-42574). Each is replaced with U+FFFD, so that something was there stays visible.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function replaceUnsafe(text: string): string {
  return text.replace(UNSAFE, '\uFFFD');
}
