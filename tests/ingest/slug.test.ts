import { describe, expect, it } from 'vitest';
import { slugify, sourceIdFromPath } from '../../src/ingest/index.js';

describe('slugify', () => {
  it('lower-cases and joins words with dashes', () => {
    expect(slugify('Docker')).toBe('docker');
    expect(slugify('Kubernetes')).toBe('kubernetes');
    expect(slugify('Docker Summary')).toBe('docker-summary');
  });

  it('keeps Hangul and other Unicode letters and digits', () => {
    expect(slugify('쿠버네티스 기초 2')).toBe('쿠버네티스-기초-2');
    expect(slugify('インストールと環境')).toBe('インストールと環境');
    expect(slugify('Ünïcödé Straße')).toBe('ünïcödé-straße');
  });

  it('turns punctuation runs into one dash and trims dashes', () => {
    expect(slugify('  C++ / C# (basics)!  ')).toBe('c-c-basics');
    expect(slugify('Q&A: part_1')).toBe('q-a-part-1');
  });

  it('ignores {#anchor} attributes and a closing ### sequence', () => {
    expect(slugify('적용 전략 {#adoption-strategy}')).toBe('적용-전략');
    expect(slugify('Docker Summary ###')).toBe('docker-summary');
  });

  it('drops emoji, including their variation selectors', () => {
    expect(slugify('🖥️ Operating System')).toBe('operating-system');
    expect(slugify('❔ FAQ')).toBe('faq');
  });

  it('gives the same slug for NFC and NFD input', () => {
    expect(slugify('도커'.normalize('NFD'))).toBe('도커');
  });
});

describe('sourceIdFromPath', () => {
  it('is the file path without extension, keeping underscores', () => {
    expect(sourceIdFromPath('mspt3_24-2-scp.md')).toBe('mspt3_24-2-scp');
  });

  it('joins folders with dashes and lower-cases', () => {
    expect(sourceIdFromPath('Courses/K8s Basics.markdown')).toBe('courses-k8s-basics');
    expect(sourceIdFromPath('a\\b.md')).toBe('a-b');
  });
});
