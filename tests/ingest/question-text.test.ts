import { describe, expect, it } from 'vitest';
import {
  isFaqHeading,
  isFollowUp,
  isNonContentHeading,
  isQuestionLike,
  stripLabel,
} from '../../src/ingest/shapes/question-text.js';

describe('isQuestionLike', () => {
  it.each([
    'How do I install it?',
    'Why',
    'Can I self-host',
    'What is a Pod? (#12)',
    '컨테이너란 무엇인가요?',
    '이건 서비스 종류에 포함되지 않는건가요',
    'TCP와 UDP의 차이를 설명해주세요.',
    'Explain the event loop.',
    'transformers のバージョンは？',
    'モデルをロードできませんか',
    '如何显示CPU和内存利用率？',
    '为什么不能启动',
    'Q: Is it free',
    '1. What is printed?',
  ])('reads %j as a question', (text) => {
    expect(isQuestionLike(text)).toBe(true);
  });

  it.each([
    'Installation',
    'The config file is missing.',
    'Docker Summary',
    '네, 맞습니다.',
    'Is.',
    '자세한 내용은 문서를 참조하세요.',
    '',
  ])('does not read %j as a question', (text) => {
    expect(isQuestionLike(text)).toBe(false);
  });
});

describe('stripLabel', () => {
  it.each([
    ['Q: Why?', 'Why?'],
    ['**Q: Why?**', '**Why?**'],
    ['**Q:** Why?', 'Why?'],
    ['질문: 왜요?', '왜요?'],
    ['Q1. Why?', 'Why?'],
  ])('turns the question %j into %j', (input, output) => {
    expect(stripLabel(input, 'question')).toBe(output);
  });

  it('removes answer labels', () => {
    expect(stripLabel('A: Yes.', 'answer')).toBe('Yes.');
    expect(stripLabel('답변: 네.', 'answer')).toBe('네.');
  });
});

describe('headings and markers', () => {
  it('recognises follow-up markers and nothing else', () => {
    expect(isFollowUp('(위 질문에 이어서) 그럼요?')).toBe(true);
    expect(isFollowUp('Follow-up question: and then?')).toBe(true);
    expect(isFollowUp('(Hands-on) 08. 실습')).toBe(false);
  });

  it('recognises FAQ section headings in several languages and decorations', () => {
    for (const heading of [
      'FAQ',
      '❔ FAQ',
      'Frequently Asked Questions',
      '자주 묻는 질문',
      'よくある質問',
      '常见问题',
      'FAQs:',
    ]) {
      expect(isFaqHeading(heading)).toBe(true);
    }
    expect(isFaqHeading('FAQ about pricing')).toBe(false);
  });

  it('recognises page furniture headings', () => {
    for (const heading of ['References', 'Further Information', 'Contents', 'Table of Contents', '목차', '참고 자료']) {
      expect(isNonContentHeading(heading)).toBe(true);
    }
    expect(isNonContentHeading('Referencing other pods')).toBe(false);
  });
});
