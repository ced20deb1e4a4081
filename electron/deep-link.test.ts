import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, parseDeepLink } from './deep-link';

const ID = '01JD6Q2V3X4Y5Z6A7B8C9D0EFG';

describe('parseDeepLink', () => {
  it('accepts kadesk://conversation/<ULID>, with one trailing slash', () => {
    expect(parseDeepLink(`kadesk://conversation/${ID}`)).toEqual({ kind: 'conversation', conversationId: ID });
    expect(parseDeepLink(`kadesk://conversation/${ID}/`)).toEqual({ kind: 'conversation', conversationId: ID });
    expect(parseDeepLink(`KADESK://Conversation/${ID}`)).toEqual({ kind: 'conversation', conversationId: ID });
  });

  it.each([
    ['not a url', 'conversation'],
    ['other scheme', `https://conversation/${ID}`],
    ['other target', `kadesk://customer/${ID}`],
    ['no id', 'kadesk://conversation/'],
    ['too short', `kadesk://conversation/${ID.slice(1)}`],
    ['lowercase id', `kadesk://conversation/${ID.toLowerCase()}`],
    ['excluded letter', `kadesk://conversation/${ID.slice(0, 25)}U`],
    ['extra segment', `kadesk://conversation/${ID}/reply`],
    ['double slash', `kadesk://conversation/${ID}//`],
    ['query', `kadesk://conversation/${ID}?x=1`],
    ['fragment', `kadesk://conversation/${ID}#x`],
    ['credentials', `kadesk://u:p@conversation/${ID}`],
    ['port', `kadesk://conversation:80/${ID}`],
    ['encoded traversal', `kadesk://conversation/%2e%2e%2F${ID}`],
    ['oversized', `kadesk://conversation/${ID}/${'x'.repeat(300)}`],
  ])('rejects %s', (_label, raw) => {
    expect(parseDeepLink(raw)).toBeNull();
  });
});

describe('deepLinkFromArgv', () => {
  it('finds the link among the executable path and Chromium switches', () => {
    const argv = ['C:\\Kadesk\\Kadesk.exe', '--allow-file-access-from-files', `kadesk://conversation/${ID}`];
    expect(deepLinkFromArgv(argv)).toEqual({ kind: 'conversation', conversationId: ID });
  });

  it('ignores invalid links and arguments that merely contain one', () => {
    expect(deepLinkFromArgv(['/usr/bin/kadesk', 'kadesk://conversation/nope'])).toBeNull();
    expect(deepLinkFromArgv([`--url=kadesk://conversation/${ID}`])).toBeNull();
    expect(deepLinkFromArgv([])).toBeNull();
  });
});
