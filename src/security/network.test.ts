import { describe, expect, it } from 'vitest';
import { networkOf } from './network.js';

describe('networkOf', () => {
  it('counts an IPv4 address alone, also when written as IPv6', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('203.0.113.8')).not.toBe(networkOf('203.0.113.7'));
    expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /56, however it is written', () => {
    const one = networkOf('2001:db8:1234:5600::1');
    expect(one).toBe('20010db8123456/56');
    for (const same of [
      '2001:db8:1234:56ff:ffff:ffff:ffff:ffff',
      '2001:0DB8:1234:5601:a:b:c:d',
      '2001:db8:1234:5600:0:0:0:1',
      '2001:db8:1234:5600::1%eth0',
    ])
      expect(networkOf(same), same).toBe(one);
    expect(networkOf('2001:db8:1234:5700::1')).not.toBe(one);
    expect(networkOf('::1')).toBe('00000000000000/56');
    expect(networkOf('2001:db8::192.0.2.1')).toBe('20010db8000000/56');
  });
});
