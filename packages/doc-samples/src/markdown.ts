/** Fenced code blocks of a Markdown file, with the fence's info string and where the code starts. */

/** One fenced block: the info string as written, its first word, and the code between the fences. */
export interface FencedBlock {
  /** The info string after the opening fence, trimmed (`ts fragment=client`). */
  readonly info: string;
  /** Its first word, lower-cased (`ts`); empty for a bare fence. */
  readonly lang: string;
  /** The code, without the fences, ending with a newline. */
  readonly code: string;
  /** 1-based line of the code's first line in the file. */
  readonly line: number;
}

const OPENING = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Every fenced block of a CommonMark document, in order. A block is closed by a fence of the same
 * character at least as long as the opening one; an unclosed block runs to the end, as CommonMark says.
 */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING.exec(lines[index] ?? '');
    if (!opening) continue;
    const fence = opening[1] ?? '```';
    const info = (opening[2] ?? '').trim();
    // A backtick fence's info string may not contain backticks: that line is inline code, not a fence.
    if (fence.startsWith('`') && info.includes('`')) continue;
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const start = index + 1;
    let end = start;
    while (end < lines.length && !closing.test(lines[end] ?? '')) end++;
    const code = lines.slice(start, end).join('\n');
    blocks.push({
      info,
      lang: (info.split(/\s+/)[0] ?? '').toLowerCase(),
      code: code.endsWith('\n') || code === '' ? code : `${code}\n`,
      line: start + 1,
    });
    index = end;
  }
  return blocks;
}
