import { describe, expect, it } from 'vitest';
import { parseFaq } from '../../src/ingest/index.js';

const parse = (markdown: string, path = 'faq.md') => parseFaq(markdown, { path });
const questions = (markdown: string) => parse(markdown).questions.map((q) => q.question);

describe('bullet questions with nested answers', () => {
  it('reads each top-level question bullet as a question and its nested bullets as the answer tree', () => {
    const doc = parse(
      '# T\n\n- What is a Pod?\n  - The smallest unit.\n    - It holds containers.\n- What is a Node?\n  - A machine.\n',
    );
    expect(
      doc.questions.map((q) => [
        q.line,
        q.question,
        q.answers.map((a) => [a.markdown, a.children.map((c) => c.markdown)]),
      ]),
    ).toEqual([
      [3, 'What is a Pod?', [['The smallest unit.', ['It holds containers.']]]],
      [6, 'What is a Node?', [['A machine.', []]]],
    ]);
  });

  it('does not read an ordinary list of statements as questions', () => {
    const doc = parse('# T\n\n- apples\n- pears\n- plums\n');
    expect(doc.questions).toEqual([]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['FAQ_WARN_NO_QUESTIONS']);
  });

  it('reads a statement bullet with nested answer bullets as a question, and the table after the list as its answer', () => {
    const doc = parse(
      [
        '## Kubernetes',
        '',
        '- Service와 Ingress 차이가 헷갈립니다.',
        '  - Service는 Pod 묶음에 고정 주소를 줍니다.',
        '- Pod가 자꾸 재시작돼요',
        '  - `kubectl logs --previous` 로 직전 로그를 확인하세요.',
        '- kubectl apply 하면 에러가 납니다',
        '  - 에러 메시지의 첫 줄이 원인을 알려 줍니다.',
        '',
        '| 증상 | 원인 |',
        '| --- | --- |',
        '| forbidden | 권한 |',
        '',
      ].join('\n'),
    );
    expect(doc.questions.map((q) => [q.line, q.question, q.answers.length])).toEqual([
      [3, 'Service와 Ingress 차이가 헷갈립니다.', 1],
      [5, 'Pod가 자꾸 재시작돼요', 1],
      [7, 'kubectl apply 하면 에러가 납니다', 2],
    ]);
    expect(doc.questions[2]?.answers[1]?.markdown).toContain('| forbidden | 권한 |');
    expect(doc.warnings).toEqual([]);
  });

  it('does not read an outline of labels, or a line introducing its list, as statement questions', () => {
    const outline = parse(
      '## Data structures\n\n- linked list\n  - single linked list\n  - double linked list\n- tree\n  - binary tree\n',
    );
    expect(outline.questions).toEqual([]);
    expect(outline.topics[0]?.description?.markdown).toContain('- linked list');
    expect(
      questions('- Requirements for the lab machine:\n  - You need Docker installed before class starts.\n'),
    ).toEqual([]);
  });

  it('keeps a multi-paragraph answer item as one node with its paragraphs, dedented', () => {
    const doc = parse('- Why?\n  - First line\n    continued.\n\n    Second paragraph.\n');
    expect(doc.questions[0]?.answers.map((a) => a.markdown)).toEqual(['First line\ncontinued.\n\nSecond paragraph.']);
  });

  it('reads interview prompts that end in a request as questions', () => {
    expect(
      questions('- TCP와 UDP의 차이를 설명해주세요.\n- OSI 7계층을 비교해 주세요.\n- Explain the event loop.\n'),
    ).toEqual(['TCP와 UDP의 차이를 설명해주세요.', 'OSI 7계층을 비교해 주세요.', 'Explain the event loop.']);
  });

  it('reads nested bullets that are all questions as follow-up questions of their parent', () => {
    const doc = parse(
      '- What is a closure?\n  - Where would you use one?\n  - How do they leak memory?\n- What is hoisting?\n',
    );
    const [closure, where, how, hoisting] = doc.questions;
    expect(doc.questions.map((q) => q.question)).toEqual([
      'What is a closure?',
      'Where would you use one?',
      'How do they leak memory?',
      'What is hoisting?',
    ]);
    expect([where?.followUpOf, how?.followUpOf, hoisting?.followUpOf]).toEqual([closure?.id, closure?.id, null]);
  });
});

describe('question hints inside answers', () => {
  it('keeps nested question bullets as answers when the other questions have real answers', () => {
    const doc = parse(
      '- Why does my build fail?\n  - Did you install Node?\n  - Is PATH set?\n- How do I deploy?\n  - Run deploy.sh.\n',
    );
    expect(doc.questions.map((q) => [q.question, q.answers.map((a) => a.markdown)])).toEqual([
      ['Why does my build fail?', ['Did you install Node?', 'Is PATH set?']],
      ['How do I deploy?', ['Run deploy.sh.']],
    ]);
  });
});

describe('follow-up markers', () => {
  it.each([
    ['(위 질문에 이어서) 그럼 B는요?'],
    ['(이어서) 그럼 B는요?'],
    ['Follow-up: and B?'],
    ['(follow-up) and B?'],
  ])('links %s to the question above', (text) => {
    const doc = parse(`- What is A?\n  - A.\n- ${text}\n  - B.\n`);
    expect(doc.questions[1]?.followUpOf).toBe(doc.questions[0]?.id);
    expect(doc.questions[0]?.followUpOf).toBeNull();
  });
});

describe('one heading per question', () => {
  it('reads headings above the question level as topics and nests them', () => {
    const doc = parse('# Guide\n\n## Kubernetes\n\n### Pods\n\n#### What is a Pod?\n\nA group of containers.\n');
    expect(doc.topics.map((t) => [t.slug, t.parentSlug])).toEqual([
      ['kubernetes', null],
      ['pods', 'kubernetes'],
    ]);
    expect(doc.questions.map((q) => [q.question, q.topicSlug, q.answers.length])).toEqual([
      ['What is a Pod?', 'pods', 1],
    ]);
  });

  it('counts statement headings at the question level when they have content, but not References', () => {
    const md =
      '# FAQ\n\n## How do I start?\n\nRun it.\n\n## Known limitations\n\nIt is slow.\n\n## Why is it slow?\n\nPhysics.\n\n## References\n\n- [x](https://x.example)\n';
    expect(questions(md)).toEqual(['How do I start?', 'Known limitations', 'Why is it slow?']);
  });

  it('does not read a statement heading over a table of contents as a question', () => {
    const md =
      '# FAQ\n\n## All questions\n\n- [Why?](#why)\n- [How?](#how)\n\n## Why?\n\nBecause.\n\n## How?\n\nLike so.\n\n## Pricing\n\nFree.\n';
    expect(questions(md)).toEqual(['Why?', 'How?', 'Pricing']);
  });

  it('reads sub-question headings below a question as questions, other sub-headings as answer content', () => {
    const md =
      '# FAQ\n\n## Why immutability?\n\nBecause.\n\n### How does equality checking work?\n\nBy reference.\n\n### Further Information\n\n- [docs](https://d.example)\n\n## What about performance?\n\nFine.\n';
    const doc = parse(md);
    expect(doc.questions.map((q) => q.question)).toEqual([
      'Why immutability?',
      'How does equality checking work?',
      'What about performance?',
    ]);
    expect(doc.questions[1]?.answers.map((a) => a.markdown)).toEqual([
      'By reference.',
      '### Further Information',
      '[docs](https://d.example)',
    ]);
  });

  it("reads numbered question headings ('### 1. …') without their numbers", () => {
    const doc = parse(
      '# Quiz\n\n### 1. What is printed?\n\n```js\nconsole.log(1)\n```\n\n### 2. Which is true?\n\nB.\n',
    );
    expect(doc.questions.map((q) => [q.markdown, q.snippets.length])).toEqual([
      ['What is printed?', 1],
      ['Which is true?', 0],
    ]);
  });

  it('does not read numbered section headings of a guide as questions', () => {
    const doc = parse('# Guide\n\n## 1. Overview\n\nIt does things.\n\n## 2. Setup\n\n- Install it.\n', 'guide.md');
    expect(doc.questions).toEqual([]);
  });

  it('reads closed ATX headings, setext headings and {#id} attributes as a reader sees them', () => {
    const md =
      'Setup\n=====\n\nHow do I install it?\n--------------------\n\nWith npm.\n\n## Can I self-host? ##\n\nYes.\n\n## Is there an API? {#api}\n\nYes.\n';
    expect(questions(md)).toEqual(['How do I install it?', 'Can I self-host?', 'Is there an API?']);
  });

  it("reads a heading without a space after the hashes ('###Video') as a heading", () => {
    expect(questions('# FAQ\n\n### Why is it slow?\n\nA.\n\n###Why does it crash?\n\nB.\n')).toEqual([
      'Why is it slow?',
      'Why does it crash?',
    ]);
  });

  it("joins '### Q1' / '**(Or)**' / '### Q2' into one question asked two ways", () => {
    expect(
      questions(
        '# FAQ\n\n### How to bind handlers?\n**(Or)**\n### How to use this?\n\nThree ways.\n\n### What is JSX?\n\nSyntax.\n',
      ),
    ).toEqual(['How to bind handlers? (Or) How to use this?', 'What is JSX?']);
  });

  it('reads raw <h3> html headings as headings', () => {
    expect(
      questions(
        '# FAQ\n\n<h3 name="config">\nDoes it support configuration files?\n</h3>\n\nYes.\n\n<h3 name="x">\nIs it fast?\n</h3>\n\nVery.\n',
      ),
    ).toEqual(['Does it support configuration files?', 'Is it fast?']);
  });

  it('decides the question level per section: ### in one, #### under sub-topics in another', () => {
    const md =
      '# Guide\n\n## Basics\n\n### What is it?\n\nA tool.\n\n### Why use it?\n\nSpeed.\n\n## Cloud\n\n### AWS\n\n#### Does it run on EC2?\n\nYes.\n\n#### Does it run on Lambda?\n\nNo.\n';
    const doc = parse(md);
    expect(doc.questions.map((q) => [q.question, q.topicSlug])).toEqual([
      ['What is it?', 'basics'],
      ['Why use it?', 'basics'],
      ['Does it run on EC2?', 'aws'],
      ['Does it run on Lambda?', 'aws'],
    ]);
    expect(doc.topics.map((t) => [t.slug, t.parentSlug])).toEqual([
      ['basics', null],
      ['cloud', null],
      ['aws', 'cloud'],
    ]);
  });

  it('reads statement headings as questions in an FAQ whose headings never ask', () => {
    const doc = parse(
      '# Frequently Asked Questions\n\n## adb issues\n\n### adb not found\n\nInstall it.\n\n### Device unauthorized\n\nAccept the prompt.\n',
    );
    expect(doc.questions.map((q) => [q.question, q.topicSlug])).toEqual([
      ['adb not found', 'adb-issues'],
      ['Device unauthorized', 'adb-issues'],
    ]);
  });
});

describe('Q:/A: and emphasised question paragraphs', () => {
  it('reads Q: and A: lines, removing the labels', () => {
    const doc = parse(
      '# FAQ\n\nQ: Is it free?\nA: Yes.\n\nQ: Is it open source?\n\nA: Also yes.\n\nSee the licence.\n',
    );
    expect(doc.questions.map((q) => [q.line, q.markdown, q.answers.map((a) => a.markdown)])).toEqual([
      [3, 'Is it free?', ['Yes.']],
      [6, 'Is it open source?', ['Also yes.', 'See the licence.']],
    ]);
  });

  it('reads bold and italic question paragraphs, with the following blocks as the answer', () => {
    const doc = parse(
      '# FAQ\n\n**Why is the sky blue?**\n\nRayleigh scattering.\n\n*질문: 이건 무엇인가요?*\n\n```js\nx()\n```\n',
    );
    expect(doc.questions.map((q) => [q.question, q.markdown, q.answers.length, q.snippets.length])).toEqual([
      ['Why is the sky blue?', '**Why is the sky blue?**', 1, 0],
      ['이건 무엇인가요?', '*이건 무엇인가요?*', 0, 1],
    ]);
  });

  it('reads a bold question line with the answer on the following lines of the paragraph', () => {
    const doc = parse('## FAQ\n\n**Does it scale?**\nYes, horizontally.\n\n**Is it free?**  \nYes.\n');
    expect(
      doc.questions.map((q) => [q.line, q.markdown, q.question, q.answers.map((a) => [a.line, a.markdown])]),
    ).toEqual([
      [3, '**Does it scale?**', 'Does it scale?', [[4, 'Yes, horizontally.']]],
      [6, '**Is it free?**', 'Is it free?', [[7, 'Yes.']]],
    ]);
  });

  it('does not read a bold label that is not a question as one', () => {
    expect(parse('**Note**\n\nNothing here.\n').questions).toEqual([]);
  });

  it("reads '> question' blockquotes with the paragraphs after them as the answer", () => {
    const doc = parse('FAQ\n---\n\n> Can I put it in a submodule?\n\nYes:\n\n    git submodule add x\n');
    expect(
      doc.questions.map((q) => [q.question, q.answers.map((a) => a.markdown), q.snippets.map((s) => s.language)]),
    ).toEqual([['Can I put it in a submodule?', ['Yes:'], [null]]]);
  });
});

describe('numbered questions', () => {
  it('reads an ordered list of questions', () => {
    const doc = parse('## FAQ\n\n1. How do I log in?\n   - Use SSO.\n2. How do I log out?\n   - Click the avatar.\n');
    expect(doc.questions.map((q) => [q.line, q.question, q.answers.map((a) => a.markdown)])).toEqual([
      [3, 'How do I log in?', ['Use SSO.']],
      [5, 'How do I log out?', ['Click the avatar.']],
    ]);
  });

  it('splits an answer written as a lazy continuation line off the question', () => {
    const doc = parse(
      '## FAQ\n\n1. How to get new data?\nRun the extract job.\n\n2. Which contracts are used?\n\n```\n0x9F34\n```\n',
    );
    expect(
      doc.questions.map((q) => [q.line, q.markdown, q.answers.map((a) => [a.line, a.markdown]), q.snippets.length]),
    ).toEqual([
      [3, 'How to get new data?', [[4, 'Run the extract job.']], 0],
      [6, 'Which contracts are used?', [], 1],
    ]);
  });
});

describe('<details> questions', () => {
  it('reads the summary (tags stripped) as the question and the content as markdown', () => {
    const md =
      '# Q\n\n<details>\n  <summary><h3>1. What is virtualisation?</h3></summary>\n\n- It abstracts hardware.\n  - Like VMs.\n\n</details>\n';
    const doc = parse(md);
    expect(
      doc.questions.map((q) => [q.line, q.question, q.answers.map((a) => [a.line, a.markdown, a.children.length])]),
    ).toEqual([[4, 'What is virtualisation?', [[6, 'It abstracts hardware.', 1]]]]);
  });

  it('reads a raw <ul> of questions inside <details> as follow-up questions', () => {
    const md =
      '<details>\n<summary>What is Docker?</summary>\n<ul>\n<li> Is it a VM?</li>\n<li> Why is it popular?</li>\n</ul>\n</details>\n';
    const doc = parse(md);
    expect(doc.questions.map((q) => [q.line, q.question])).toEqual([
      [2, 'What is Docker?'],
      [4, 'Is it a VM?'],
      [5, 'Why is it popular?'],
    ]);
    expect(doc.questions.slice(1).map((q) => q.followUpOf)).toEqual([doc.questions[0]?.id, doc.questions[0]?.id]);
  });

  it('keeps an answer-revealing <details> (정답) inside a heading question as an answer node with children', () => {
    const md =
      '# Quiz\n\n###### 1. 무엇이 출력 될까요?\n\n- A: 1\n- B: 2\n\n<details><summary><b>정답</b></summary>\n<p>\n\n#### 정답: B\n\n설명입니다.\n\n</p>\n</details>\n';
    const q = parse(md).questions[0];
    expect(q?.question).toBe('무엇이 출력 될까요?');
    expect(q?.answers.map((a) => [a.markdown, a.children.map((c) => c.markdown)])).toEqual([
      ['A: 1', []],
      ['B: 2', []],
      ['정답', ['#### 정답: B', '설명입니다.']],
    ]);
    expect(parse(md).topics).toEqual([]);
  });

  it('ignores a <details> template inside an html comment', () => {
    expect(parse('## FAQ\n\n<!--\n<details><summary>Template?</summary></details>\n-->\n').questions).toEqual([]);
  });
});

describe('tables of contents and page furniture', () => {
  it('never reads a list of in-page anchor links as questions', () => {
    const md =
      '# FAQ\n\n- [Why?](#why)\n- [How?](#how)\n  - [Really how?](#really)\n\n## Why?\n\nBecause.\n\n## How?\n\nLike this.\n';
    expect(questions(md)).toEqual(['Why?', 'How?']);
  });

  it('skips a table of contents written as a table, silently', () => {
    const md =
      '# Q\n\n| No. | Questions |\n| --- | --- |\n| 1 | [What is X?](#what-is-x) |\n| 2 | [What is Y?](#what-is-y) |\n\n### What is X?\n\nX.\n\n### What is Y?\n\nY.\n';
    const doc = parse(md);
    expect(doc.questions.map((q) => q.question)).toEqual(['What is X?', 'What is Y?']);
    expect(doc.warnings).toEqual([]);
  });

  it("keeps content before the first question, prose or code, as the document's description", () => {
    const doc = parse('# Q\n\nIntro prose is fine.\n\n```sh\nmake\n```\n\n- What is X?\n  - X.\n');
    expect(doc.warnings).toEqual([]);
    expect(doc.description).toMatchObject({ markdown: 'Intro prose is fine.\n\n```sh\nmake\n```', line: 3 });
    expect(doc.description?.html).toContain('<pre><code class="language-sh">make');
  });

  it("skips 'back to top' navigation links between questions", () => {
    const doc = parse(
      "- What is X?\n- What is Y?\n\n<a href='#toc'><small>목차로 돌아가기</small></a>\n\n[⬆ Back to top](#top)\n",
    );
    expect(doc.questions.map((q) => q.answers.length)).toEqual([0, 0]);
  });
});

describe('topic headings', () => {
  it('does not make a menu section (only lists of links) a topic over the sections after it', () => {
    const md =
      '# Bank\n\n## Contributing\n\n1. [People](#people)\n1. [How](https://e.example/CONTRIBUTING.md)\n\n#### General questions:\n\n* What did you learn this week?\n* What excites you?\n';
    const doc = parse(md);
    expect(doc.topics).toEqual([
      { slug: 'general-questions', title: 'General questions', parentSlug: null, line: 8, description: null },
    ]);
    expect(doc.questions.map((q) => q.topicSlug)).toEqual(['general-questions', 'general-questions']);
  });

  it('lists only topics that hold questions, images or a description, with their ancestors', () => {
    const doc = parse(
      '# G\n\n## Install\n\nRun it.\n\n## Empty\n\n## Cloud\n\n### AWS\n\n- Does it run on EC2?\n  - Yes.\n',
    );
    expect(doc.topics.map((t) => [t.slug, t.parentSlug, t.description?.markdown ?? null])).toEqual([
      ['install', null, 'Run it.'],
      ['cloud', null, null],
      ['aws', 'cloud', null],
    ]);
  });
});

describe('READMEs with an FAQ section', () => {
  it('only takes questions from the FAQ section, whatever its heading decoration', () => {
    const md =
      '# tool\n\n## Why this tool?\n\nBecause.\n\n## ❔ FAQ\n\n### Does it work on Windows?\n\nYes.\n\n## License\n\n- Is it MIT?\n';
    expect(questions(md)).toEqual(['Does it work on Windows?']);
  });
});

describe('links', () => {
  it('records autolinks and bare URLs with an empty label, other links with theirs', () => {
    const doc = parse(
      '### Where?\n\nSee <https://a.example/x>, www.b.example, [the docs](https://c.example "Docs") or me@d.example.\n',
    );
    expect(doc.questions[0]?.links.map((l) => [l.url, l.text, l.title])).toEqual([
      ['https://a.example/x', '', null],
      ['http://www.b.example', '', null],
      ['https://c.example', 'the docs', 'Docs'],
      ['mailto:me@d.example', '', null],
    ]);
  });

  it('appends the definitions a reference link uses to the markdown of its question and answer', () => {
    const doc = parse(
      '- Is [Helm][h] required?\n  - See [the docs][d] and [Helm][h].\n\n[h]: https://helm.sh\n[d]: https://d.example "Docs"\n',
    );
    const q = doc.questions[0];
    expect(q?.markdown).toBe('Is [Helm][h] required?\n\n[h]: https://helm.sh');
    expect(q?.question).toBe('Is Helm required?');
    expect(q?.answers[0]?.markdown).toBe(
      'See [the docs][d] and [Helm][h].\n\n[d]: https://d.example "Docs"\n[h]: https://helm.sh',
    );
    expect(q?.answers[0]?.html).toBe(
      '<p>See <a href="https://d.example" title="Docs">the docs</a> and <a href="https://helm.sh">Helm</a>.</p>',
    );
  });

  it('records links in the question itself with answerId null', () => {
    const doc = parse('- Is [Helm](https://helm.sh) required?\n  - No.\n');
    expect(doc.questions[0]?.links).toEqual([
      { url: 'https://helm.sh', text: 'Helm', title: null, line: 1, answerId: null },
    ]);
  });
});

describe('code', () => {
  it('makes code quoted in a blockquote a snippet of the answer node, keeping it in the quote', () => {
    const doc = parse('### Device not detected?\n\n>     ERROR: no device\n\nCheck the cable.\n');
    const q = doc.questions[0];
    expect(q?.answers.map((a) => a.markdown)).toEqual(['>     ERROR: no device', 'Check the cable.']);
    expect(q?.snippets.map((s) => [s.line, s.language, s.code, s.answerId])).toEqual([
      [3, null, 'ERROR: no device', q?.answers[0]?.id],
    ]);
  });

  it('lower-cases the first word of the fence info as the language', () => {
    const doc = parse('### How?\n\n```JavaScript {1,3} title="x"\nx()\n```\n\n```\nplain\n```\n');
    expect(doc.questions[0]?.snippets.map((s) => s.language)).toEqual(['javascript', null]);
  });
});

describe('topic images and html', () => {
  it('records an image under a topic heading, outside any question, as a topic image', () => {
    const doc = parse('## Docker\n\n- Why?\n  - Because.\n\n### Summary\n![diagram](img/d.png "Overview")\n');
    expect(doc.topicImages).toEqual([
      { url: 'img/d.png', alt: 'diagram', title: 'Overview', line: 7, answerId: null, topicSlug: 'summary' },
    ]);
    expect(doc.topics.map((t) => [t.slug, t.parentSlug])).toEqual([
      ['docker', null],
      ['summary', 'docker'],
    ]);
  });

  it('extracts images inside answers, including html <img> tags', () => {
    const doc = parse('### How does it look?\n\n![shot](a.png)\n\n<img src="b.png" alt="B">\n');
    expect(doc.questions[0]?.images.map((i) => [i.url, i.alt, i.line])).toEqual([
      ['a.png', 'shot', 3],
      ['b.png', 'B', 5],
    ]);
  });

  it('sanitises answer html: no scripts, no event handlers, no javascript: links', () => {
    const doc = parse(
      '### Is it safe?\n\n<script>alert(1)</script>\n\nClick <a href="javascript:alert(1)" onclick="x()">here</a> or [there](javascript:alert(2)).\n',
    );
    const html = doc.questions[0]?.answers.map((a) => a.html).join('\n') ?? '';
    expect(html).not.toMatch(/<script|onclick|javascript:/i);
    expect(html).toContain('here');
  });

  it("keeps a topic's question-less content as its description, and warns when structured content follows a question", () => {
    const doc = parse('## Intro\n\nWelcome.\n\n- What is it?\n  - A tool.\n\n---\n\n```sh\norphan\n```\n');
    expect(doc.topics[0]?.description?.markdown).toBe('Welcome.\n\n```sh\norphan\n```');
    expect(doc.warnings.map((w) => [w.code, w.line, w.message])).toEqual([
      ['FAQ_WARN_UNPLACED_CONTENT', 10, "a code block follows no question; kept in the description of topic 'intro'"],
    ]);
  });
});

describe('warnings', () => {
  it('warns FAQ_WARN_NO_QUESTIONS for a document without questions', () => {
    expect(parse('# Changelog\n\nNothing to see.\n', 'notes/changelog.md').warnings).toEqual([
      {
        file: 'notes/changelog.md',
        line: 1,
        code: 'FAQ_WARN_NO_QUESTIONS',
        message: 'no recognisable questions in this file',
      },
    ]);
  });

  it('warns about a question without an answer, with its line', () => {
    const doc = parse('- What is A?\n  - A.\n- What is B?\n');
    expect(doc.warnings.map((w) => [w.code, w.line])).toEqual([['FAQ_WARN_EMPTY_ANSWER', 3]]);
  });

  it('summarises many unanswered questions in one warning', () => {
    const doc = parse('- What is A?\n- What is B?\n- What is C?\n- What is D?\n- What is E?\n');
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]?.message).toMatch(/^5 of 5 questions have no answer/);
  });

  it('warns about front matter that is not YAML and falls back to the heading title', () => {
    const doc = parse('---\ntitle: [unclosed\n---\n\n# Real title\n\n- Why?\n  - Because.\n');
    expect(doc.title).toBe('Real title');
    expect(doc.warnings.map((w) => [w.code, w.line])).toEqual([['FAQ_WARN_FRONT_MATTER', 1]]);
  });

  it('takes a lone top-level ## heading with only an introduction under it as the title, not a topic', () => {
    const doc = parse(
      '**简体中文 | [English](en.md)**\n\n## TrafficMonitor 常见问题\n这里是常见问题。\n\n### 如何显示CPU？\n\n打开设置。\n\n### 如何更改文本？\n\n打开选项。\n',
    );
    expect(doc.title).toBe('TrafficMonitor 常见问题');
    expect(doc.topics).toEqual([]);
    expect(doc.questions.map((q) => q.question)).toEqual(['如何显示CPU？', '如何更改文本？']);
  });

  it('reads several # headings with questions under them as topics, not the first as a title', () => {
    const doc = parse(
      '# Docker\n\n- What is an image?\n  - A template.\n\n# Kubernetes\n\n- What is a Pod?\n  - A group.\n',
      'course.md',
    );
    expect(doc.title).toBe('course');
    expect(doc.questions.map((q) => q.topicSlug)).toEqual(['docker', 'kubernetes']);
  });

  it('falls back to the file name for the title', () => {
    expect(parse('- Why?\n  - Because.\n', 'course/week-1.md').title).toBe('week-1');
  });
});

describe('navigation bars between answers', () => {
  it("drops ':arrow_up:[Top](#toc)' blockquotes under heading questions", () => {
    const md =
      '# JS\n\n### What is a closure?\n\n- A function with its scope.\n\n> :arrow_double_up:[Top](#js)    :leftwards_arrow_with_hook:[Back](https://e.example/#js)\n> - []()\n';
    expect(parse(md).questions[0]?.answers.map((a) => a.markdown)).toEqual(['A function with its scope.']);
  });

  it('keeps a quote that merely contains an anchor link', () => {
    const md = '# JS\n\n### Closure?\n\n> Closures are explained in [the scope section](#scope) in detail.\n';
    expect(parse(md).questions[0]?.answers).toHaveLength(1);
  });
});
