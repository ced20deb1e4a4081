import { describe, expect, it } from 'vitest';
import { browserModeMessage, chooseLaunchMode, npmRunCommand, serverAddress } from './plan';

describe('serverAddress', () => {
  it('uses the server defaults', () => {
    expect(serverAddress({})).toEqual({
      baseUrl: 'http://127.0.0.1:4170',
      healthUrl: 'http://127.0.0.1:4170/api/health',
    });
  });

  it('follows KADESK_PORT and KADESK_HOST', () => {
    expect(serverAddress({ KADESK_PORT: '5000', KADESK_HOST: 'localhost' }).baseUrl).toBe('http://localhost:5000');
  });

  it('connects through loopback when the server listens everywhere', () => {
    expect(serverAddress({ KADESK_HOST: '0.0.0.0' }).baseUrl).toBe('http://127.0.0.1:4170');
    expect(serverAddress({ KADESK_HOST: '::' }).baseUrl).toBe('http://127.0.0.1:4170');
  });

  it('brackets IPv6 hosts', () => {
    expect(serverAddress({ KADESK_HOST: '::1' }).baseUrl).toBe('http://[::1]:4170');
  });
});

describe('chooseLaunchMode', () => {
  it('launches Electron when its binary is there', () => {
    expect(chooseLaunchMode('/x/electron', {})).toEqual({ kind: 'electron', binary: '/x/electron' });
  });

  it('falls back to the browser without the binary', () => {
    expect(chooseLaunchMode(null, {})).toEqual({ kind: 'browser', reason: 'no-electron' });
  });

  it('uses the browser when asked to, binary or not', () => {
    expect(chooseLaunchMode('/x/electron', { KADESK_BROWSER: '1' })).toEqual({ kind: 'browser', reason: 'requested' });
  });
});

describe('browserModeMessage', () => {
  const message = browserModeMessage('http://127.0.0.1:4170', 'no-electron');

  it('tells the URL to open, in Chinese and in English', () => {
    expect(message).toContain('请在浏览器中打开：http://127.0.0.1:4170/');
    expect(message).toContain('Open http://127.0.0.1:4170/ in your browser.');
  });

  it('explains how to get the desktop app', () => {
    expect(message).toContain('npm install electron');
    expect(message).toMatch(/Electron binary is not installed/);
  });

  it('does not blame a missing binary when the browser was requested', () => {
    const requested = browserModeMessage('http://127.0.0.1:4170', 'requested');
    expect(requested).not.toContain('npm install electron');
    expect(requested).toContain('KADESK_BROWSER=1');
  });
});

describe('npmRunCommand', () => {
  it('reuses the npm CLI that started us', () => {
    expect(npmRunCommand('build', { npm_execpath: '/usr/lib/npm/bin/npm-cli.js' }, '/usr/bin/node', 'linux')).toEqual({
      command: '/usr/bin/node',
      args: ['/usr/lib/npm/bin/npm-cli.js', 'run', 'build'],
    });
  });

  it('falls back to npm on the PATH', () => {
    expect(npmRunCommand('build', {}, '/usr/bin/node', 'linux')).toEqual({ command: 'npm', args: ['run', 'build'] });
    expect(npmRunCommand('build', {}, 'C:\\node.exe', 'win32').command).toBe('npm.cmd');
  });
});
