import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('proxy and research settings', () => {
  it('takes a number of proxies or their addresses', () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ LONGITUDE_TRUST_PROXY: '1' }).trustProxy).toEqual({ hops: 1 });
    expect(
      loadConfig({ LONGITUDE_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).trustProxy,
    ).toEqual({ addresses: ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'] });
    expect(loadConfig({}, { LONGITUDE_TRUST_PROXY: 'loopback' }).trustProxy).toEqual({
      addresses: ['loopback'],
    });
  });

  it('refuses anything else with a sentence naming the variable', () => {
    for (const bad of ['0', '11', 'true', 'proxy.example.org', '10.0.0.0/33', '1.2.3.4/8/1'])
      expect(() => loadConfig({ LONGITUDE_TRUST_PROXY: bad }), bad).toThrow(
        `LONGITUDE_TRUST_PROXY must be the number of proxies in front of the server (1 to 10) or their addresses, such as 127.0.0.1 or 10.0.0.0/8,::1 (got ${JSON.stringify(bad)}).`,
      );
  });

  it('takes a research token of at least 32 characters and never repeats a bad one', () => {
    const token = 'x'.repeat(32);
    expect(loadConfig({ LONGITUDE_RESEARCH_TOKEN: token }).researchToken).toBe(token);
    expect(loadConfig({}).researchToken).toBeUndefined();
    const short = 'secret-but-short';
    expect(() => loadConfig({ LONGITUDE_RESEARCH_TOKEN: short })).toThrow(
      'LONGITUDE_RESEARCH_TOKEN must be at least 32 characters',
    );
    try {
      loadConfig({ LONGITUDE_RESEARCH_TOKEN: short });
    } catch (error) {
      expect(String(error)).not.toContain(short);
    }
    expect(() => loadConfig({ LONGITUDE_RESEARCH_TOKEN: `${token} with spaces` })).toThrow(
      'LONGITUDE_RESEARCH_TOKEN must be printable ASCII without spaces',
    );
  });
});
