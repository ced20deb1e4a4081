import { describe, expect, it } from 'vitest';
import { decideNavigation } from './navigation';

const APP = 'app://kadesk';

describe('decideNavigation', () => {
  it('allows navigation within the app origin', () => {
    expect(decideNavigation('app://kadesk/index.html#/inbox', APP)).toEqual({ action: 'allow' });
  });

  it('allows the dev server origin when that is the app origin', () => {
    expect(decideNavigation('http://localhost:5173/settings', 'http://localhost:5173')).toEqual({ action: 'allow' });
  });

  it('sends web links to the system browser', () => {
    expect(decideNavigation('https://example.com/a', APP)).toEqual({
      action: 'open-external',
      url: 'https://example.com/a',
    });
  });

  it('does not treat the Kadesk server as part of the app', () => {
    expect(decideNavigation('http://127.0.0.1:4170/', APP)).toEqual({
      action: 'open-external',
      url: 'http://127.0.0.1:4170/',
    });
  });

  it('blocks other schemes and other app hosts', () => {
    expect(decideNavigation('file:///C:/Windows/System32/calc.exe', APP)).toEqual({ action: 'block' });
    expect(decideNavigation('app://other/index.html', APP)).toEqual({ action: 'block' });
    expect(decideNavigation('about:blank', APP)).toEqual({ action: 'block' });
  });
});
