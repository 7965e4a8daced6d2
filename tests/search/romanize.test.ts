import { describe, expect, it } from 'vitest';
import { englishSoundKey, hangulSoundKey } from '../../src/search/romanize.js';

describe('sound keys', () => {
  it('give a Hangul loanword and its English original the same key', () => {
    const pairs = [
      ['크래시루프백오프', 'crashloopbackoff'],
      ['스테이트풀셋', 'statefulset'],
      ['크론잡', 'cronjob'],
      ['엔트리포인트', 'entrypoint'],
      ['인그레스', 'ingress'],
      ['노드포트', 'nodeport'],
      ['로드밸런서', 'loadbalancer'],
      ['네임스페이스', 'namespace'],
    ];
    for (const [hangul, english] of pairs) expect(hangulSoundKey(hangul!), hangul).toBe(englishSoundKey(english!));
  });

  it('keep vowels out, so a wrong vowel in the Hangul spelling still meets the term (크론텝 → crontab)', () => {
    expect(hangulSoundKey('크론텝')).toBe(englishSoundKey('crontab'));
  });

  it('tell different terms apart', () => {
    expect(hangulSoundKey('데몬셋')).not.toBe(englishSoundKey('deployment'));
    expect(hangulSoundKey('시크릿')).not.toBe(englishSoundKey('service'));
  });

  it('ignore characters outside their script', () => {
    expect(hangulSoundKey('도커!')).toBe(hangulSoundKey('도커'));
    expect(englishSoundKey('docker-1')).toBe(englishSoundKey('docker'));
  });
});
