// Shell quoting for the generated bash scripts: every value that reaches a script — a file name, an
// option, the --drsim command — goes through shellQuote, and nothing else is interpolated unquoted.
import { UserError } from "../../errors.js";

/** Characters that mean nothing to the shell: such a word is left bare. */
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;
/** A control character (line breaks, tab, escape…): only $'…' can write it and stay on one line. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/**
 * `word` as exactly one bash word that expands to `word` and nothing else:
 *  - bare when every character is safe;
 *  - else in single quotes, inside which nothing is special ($, `, \, ;, &, *, !, newlines): only the
 *    quote itself, written '\'' (close, escaped quote, reopen);
 *  - else, when it holds a control character, as $'…' with \xHH escapes, so the quoted word never
 *    spans two lines: a value can't end a comment, split a command or become a heredoc terminator.
 */
export function shellQuote(word: string): string {
  if (word.includes("\0")) throw new UserError(`${JSON.stringify(word)}: a NUL character can't be passed to a command`);
  if (word !== "" && SAFE.test(word)) return word;
  const chars = [...word];
  if (!chars.some(isControl)) return `'${word.replaceAll("'", `'\\''`)}'`;
  const escaped = chars.map((c) =>
    c === "\\" || c === "'" ? `\\${c}` : isControl(c) ? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}` : c,
  );
  return `$'${escaped.join("")}'`;
}

/** Words joined into a command line, each quoted as needed. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}

/** A command given as one string ("apptainer run drsim.sif"): its whitespace-separated words, each taken literally. */
export function commandWords(command: string, option: string): string[] {
  const words = command.trim().split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) throw new UserError(`${option}: expected a command, e.g. "drsim" or "apptainer run drsim.sif"`);
  return words;
}
