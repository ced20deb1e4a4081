// Pinyin initials without a dictionary: under the pinyin collation every Han character
// sorts among the characters read with the same first letter, so the first character of
// each letter's run gives the letter by binary search. 呣 (m) opens M; the often-quoted
// 痳 collates as lín and would send 龙, 路, 罗 … to M.
const LETTERS = 'abcdefghjklmnopqrstwxyz';
const FIRSTS = Array.from('阿八嚓哒妸发旮哈讥咔垃呣拏噢妑七呥仨他屲夕丫帀');
const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
const HAN = /\p{Script=Han}/u;

function initialOf(ch: string): string {
  if (!HAN.test(ch)) return ch.toLowerCase();
  let lo = 0;
  let hi = FIRSTS.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (collator.compare(ch, FIRSTS[mid]!) >= 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found < 0 ? ch : LETTERS[found]!;
}

/** The text with each Han character replaced by its pinyin initial, position for position (分配给我 → fpgw). */
export function pinyinInitials(text: string): string {
  let out = '';
  for (const ch of text) out += ch.length === 1 ? initialOf(ch) : ch;
  return out;
}
