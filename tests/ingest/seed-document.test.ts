import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFaq, type AnswerNode, type FaqDocument } from '../../src/ingest/index.js';

const SEED = 'seeds/mspt3_24-2-scp.md';
const doc: FaqDocument = parseFaq(readFileSync(SEED, 'utf8'), { path: 'mspt3_24-2-scp.md' });

/** The shape of an answer tree as [line, children] pairs. */
function shape(nodes: readonly AnswerNode[]): unknown[] {
  return nodes.map((n) => (n.children.length > 0 ? [n.line, shape(n.children)] : n.line));
}

function question(line: number) {
  const q = doc.questions.find((x) => x.line === line);
  if (!q) throw new Error(`no question at line ${line}`);
  return q;
}

describe('the bundled seed document (mspt3_24-2-scp.md)', () => {
  it('takes the title from the # heading and the source id from the file name', () => {
    expect(doc.title).toBe('MSP T3 - mspt3_24-2차 (SCP Track)');
    expect(doc.id).toBe('mspt3_24-2-scp');
    expect(doc.path).toBe('mspt3_24-2-scp.md');
    expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has the topics docker, docker-summary (under docker) and kubernetes', () => {
    expect(doc.topics).toEqual([
      { slug: 'docker', title: 'Docker', parentSlug: null, line: 3, description: null },
      { slug: 'docker-summary', title: 'Docker Summary', parentSlug: 'docker', line: 23, description: null },
      { slug: 'kubernetes', title: 'Kubernetes', parentSlug: null, line: 28, description: null },
    ]);
  });

  it('finds the 10 questions, 3 under Docker and 7 under Kubernetes, with their lines', () => {
    expect(doc.questions.map((q) => [q.line, q.topicSlug, q.question])).toEqual([
      [5, 'docker', 'multistage build에서 2-stage만 반영했을 때와 차이는 무엇인가요?'],
      [9, 'docker', 'multistage build에서 builder때문에 1-stage를 해야하는 건가요?'],
      [12, 'docker', 'hands-on 05 실습에서 Baseimage (FROM openjdk:8)는 어디서 어디로 다운로드(pull) 하나요?'],
      [
        30,
        'kubernetes',
        '[Hands-on] 08. Kubernetes Workload(1) 실습에서 registry.k8s.io/liveness 이미지는 hub.docker.com 에서 검색이 안되는데 왜 그런건가요?',
      ],
      [
        34,
        'kubernetes',
        'Deployment나 ReplicaSet에 의해서 Pod들이 만들어져 있는 상태에서 강제로 동일한 spec.의 pod를 하나 더 만들면 어떻게 되나요?',
      ],
      [
        89,
        'kubernetes',
        'K8s 서비스 타입 중에 ExternalName이란 걸 들어본 것 같은데, 이건 서비스 종류에 포함되지 않는건가요?',
      ],
      [
        93,
        'kubernetes',
        'Docker에서는 Volume은 도커가 관리하는 스토리지 이고, Bind mount는 사용자가 지정한 경로를 사용할 수 있었는데, K8s Volume은 다른 의미로 쓰이는건가요?',
      ],
      [97, 'kubernetes', 'Pod에서 파일시스템 모드로 PVC를 요청하면 Node에서도 실제 파일시스템이 만들어지는 건가요?'],
      [
        101,
        'kubernetes',
        '(위 질문에 이어서) 그럼 서버(Volume이 만들어진 곳)에서 df -h 하면 pod에서 요청한 파일시스템이 보이는거죠?',
      ],
      [105, 'kubernetes', 'ConfigMap 교재에서 ConfigMap은 API Object라고 되어있는데, 무슨 뜻인가요?'],
    ]);
  });

  it('keeps inline markdown in the question as written', () => {
    expect(question(30).markdown).toBe(
      '[Hands-on] 08. Kubernetes Workload(1)  실습에서 **registry.k8s.io/liveness** 이미지는 hub.docker.com 에서 검색이 안되는데 왜 그런건가요?',
    );
  });

  it('keeps every answer tree as written, nested bullets nested', () => {
    expect(doc.questions.map((q) => shape(q.answers))).toEqual([
      [6, 7],
      [10],
      [13, 14, [15, [16, [17, [18, 19, 20, 21]]]]],
      [31, 32],
      [35, 36, [37, [38, 39, 40, 41, 42]]],
      [90, 91],
      [94, 95],
      [98, 99],
      [102, 103],
      [106, 107],
    ]);
  });

  it('nests the hands-on 05 answer three levels deep: answer → sub-answer → sub-sub-answer', () => {
    const third = question(12).answers[2];
    expect(third?.markdown).toBe('빌드되는 순서로 보자면 다음과 같습니다.');
    expect(third?.children.map((c) => c.markdown)).toEqual([
      'build context를 docker daemon으로 전달',
      'dockerfile의 명령어를 순서대로 진행',
    ]);
    expect(third?.children[1]?.children.map((c) => c.markdown)).toEqual([
      'FROM에 정의된 Baseimage를 Container registry에서 host 머신으로 pull',
      'HelloDocker.java파일 복사 (COPY)',
      '디렉토리 이동(WORKDIR)',
      '빌드 (RUN javac ...)',
    ]);
  });

  it("stores each answer node's own markdown (without its children), plain text and sanitised HTML", () => {
    const node = question(30).answers[0];
    expect(node?.markdown).toBe(
      '앞의 실습에서 표시한 **nginx:1.18** 과 같은 경우는 앞에 docker hub 의 url이 생략된 것입니다.',
    );
    expect(node?.text).toBe('앞의 실습에서 표시한 nginx:1.18 과 같은 경우는 앞에 docker hub 의 url이 생략된 것입니다.');
    expect(node?.html).toBe(
      '<p>앞의 실습에서 표시한 <strong>nginx:1.18</strong> 과 같은 경우는 앞에 docker hub 의 url이 생략된 것입니다.</p>',
    );
    const parent = question(34).answers[2];
    expect(parent?.markdown).toBe('아래 두 가지 Pod의 내용을 보면');
    expect(parent?.children[3]?.markdown).toBe(
      '또 다른 방법으로는, `kubectl describe`명령으로 조회했을 때 `Controlled By:` 에 ReplicaSet의 정보가 있는지 없는지를 확인해도 됩니다.',
    );
  });

  it('gives the two bash fences after the Deployment/ReplicaSet list to that question, outside any answer node', () => {
    const q = question(34);
    expect(q.snippets.map((s) => [s.line, s.language, s.answerId])).toEqual([
      [43, 'bash', null],
      [69, 'bash', null],
    ]);
    expect(q.snippets[0]?.code.split('\n')[0]).toBe('$ k get po my-nginx-deployment-697d895648-62q6n -o yaml');
    expect(q.snippets[0]?.code.split('\n')).toHaveLength(24);
    expect(q.snippets[0]?.code.endsWith('uid: 458f2fd7-643d-4167-8b83-08f287aa5b1a')).toBe(true);
    expect(q.snippets[1]?.code.split('\n')[0]).toBe('$ kubectl get po my-nginx-4 -o yaml');
    expect(doc.questions.filter((x) => x.snippets.length > 0)).toHaveLength(1);
  });

  it('extracts the links with their labels as written and the answer node they sit in', () => {
    const owners = question(34).links;
    expect(owners).toEqual([
      {
        url: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/',
        text: 'Owners and Dependents',
        title: null,
        line: 42,
        answerId: question(34).answers[2]?.children[4]?.id,
      },
    ]);
    expect(question(89).links).toEqual([
      {
        url: 'https://kubernetes.io/ko/docs/concepts/services-networking/service/#externalname',
        text: 'ExternalName 유',
        title: null,
        line: 91,
        answerId: question(89).answers[1]?.id,
      },
    ]);
    expect(doc.questions.flatMap((q) => q.links)).toHaveLength(2);
  });

  it('records the Docker Summary image as an image of the docker-summary topic', () => {
    expect(doc.topicImages).toEqual([
      {
        url: 'img/docker_summary_24-scp.png',
        alt: '',
        title: null,
        line: 24,
        answerId: null,
        topicSlug: 'docker-summary',
      },
    ]);
    expect(doc.questions.flatMap((q) => q.images)).toEqual([]);
  });

  it('links "(위 질문에 이어서) …" to the question above it and no other question', () => {
    expect(question(101).followUpOf).toBe(question(97).id);
    expect(doc.questions.filter((q) => q.followUpOf !== null)).toHaveLength(1);
  });

  it('reads the one-space-indented bullet and its children as a normal question with two answers', () => {
    const q = question(97);
    expect(q.answers.map((a) => a.markdown)).toEqual([
      '이 부분은 Volume 구성에 따라 다를 수 있을 것 같습니다.',
      'PVC에 의해 별도의 파일시스템이 만들어진다기 보다는, 기 구성되어 있는 파일시스템에 디렉토리가 생성되고 마운트해서 사용하게 됩니다.',
    ]);
    expect(q.answers.every((a) => a.children.length === 0)).toBe(true);
  });

  it('produces no warnings, compact unique ids and content hashes', () => {
    expect(doc.warnings).toEqual([]);
    const ids = doc.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(10);
    for (const id of ids) expect(id).toMatch(/^q_[0-9a-f]{16}$/);
    const answerIds = doc.questions.flatMap((q) => collect(q.answers));
    expect(new Set(answerIds).size).toBe(answerIds.length);
    for (const id of answerIds) expect(id).toMatch(/^a_[0-9a-f]{16}$/);
    for (const s of doc.questions.flatMap((q) => q.snippets)) expect(s.id).toMatch(/^s_[0-9a-f]{16}$/);
    for (const q of doc.questions) expect(q.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives identical output when parsed twice', () => {
    expect(parseFaq(readFileSync(SEED, 'utf8'), { path: 'mspt3_24-2-scp.md' })).toEqual(doc);
  });
});

function collect(nodes: readonly AnswerNode[]): string[] {
  return nodes.flatMap((n) => [n.id, ...collect(n.children)]);
}
