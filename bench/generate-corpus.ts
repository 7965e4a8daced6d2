/**
 * Deterministic generator of realistic Korean + English FAQ markdown for
 * scale benchmarks (seed time, search latency, search quality distractors).
 * Same options → same files, so runs are comparable.
 */

export interface GeneratedFile {
  path: string;
  markdown: string;
}

export interface GenerateOptions {
  questions: number;
  files: number;
  seed?: number;
  /**
   * Bullet files as tight lists (no blank line between questions, code
   * fenced inside the item), with link reference definitions: the shape
   * that made the seed quadratic before chunking learned to cut there.
   */
  tight?: boolean;
}

/** mulberry32: tiny, fast, good enough for picking words. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = [
  'Docker',
  'Kubernetes',
  'Networking',
  'Storage',
  'Security',
  'CI/CD',
  'Monitoring',
  'Linux',
  'Java',
  'Python',
  'Database',
  'Cloud',
];
const TERMS_EN = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'Service',
  'Ingress',
  'ConfigMap',
  'Secret',
  'Volume',
  'PVC',
  'Node',
  'Namespace',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'HPA',
  'Helm chart',
  'container',
  'image',
  'registry',
  'Dockerfile',
  'build context',
  'multistage build',
  'bind mount',
  'overlay network',
  'port mapping',
  'health check',
  'liveness probe',
  'readiness probe',
  'rolling update',
  'load balancer',
  'DNS',
  'TLS certificate',
  'Prometheus',
  'Grafana',
  'Jenkins',
  'GitHub Actions',
  'Terraform',
  'PostgreSQL',
  'Redis',
  'Kafka',
  'nginx',
  'JVM heap',
  'garbage collector',
  'virtualenv',
];
const TERMS_KO = [
  '파드',
  '디플로이먼트',
  '레플리카셋',
  '서비스',
  '인그레스',
  '컨피그맵',
  '시크릿',
  '볼륨',
  '노드',
  '네임스페이스',
  '컨테이너',
  '이미지',
  '레지스트리',
  '빌드',
  '배포',
  '네트워크',
  '스토리지',
  '보안',
  '모니터링',
  '로그',
  '인증서',
  '데이터베이스',
  '캐시',
  '클러스터',
  '스케줄러',
  '오토스케일링',
  '롤링 업데이트',
  '헬스 체크',
  '환경 변수',
  '포트',
  '방화벽',
  '권한',
  '메모리',
  '디스크',
];
const QUESTION_TEMPLATES = [
  (a: string, b: string) => `${a}에서 ${b}를 설정하면 어떻게 되나요?`,
  (a: string, b: string) => `${a}와 ${b}의 차이는 무엇인가요?`,
  (a: string, b: string) => `${a}를 사용할 때 ${b}는 어디에 저장되나요?`,
  (a: string, b: string) => `${a} 실습에서 ${b}가 동작하지 않는 이유는 무엇인가요?`,
  (a: string, b: string) => `How do I configure ${a} together with ${b}?`,
  (a: string, b: string) => `Why does ${a} fail when ${b} is missing?`,
  (a: string, b: string) => `What is the difference between ${a} and ${b}?`,
  (a: string, b: string) => `${a}의 ${b} 값을 변경하려면 어떻게 해야 하나요?`,
];
const ANSWER_TEMPLATES = [
  (a: string, b: string) => `${a}는 ${b}와 함께 사용할 수 있습니다.`,
  (a: string, b: string) => `기본적으로 ${a}의 설정은 ${b}에 의해 관리됩니다.`,
  (a: string, b: string) => `**${a}** 를 먼저 확인하고, \`${b.toLowerCase().replace(/\s+/g, '-')}\` 값을 점검하세요.`,
  (a: string, b: string) => `You can set ${a} in the spec and refer to ${b} by name.`,
  (a: string, b: string) =>
    `자세한 내용은 [${a} 문서](https://example.com/docs/${encodeURIComponent(a)}) 를 참고하세요. ${b}도 함께 보시면 됩니다.`,
  (a: string, b: string) => `${a} changes are applied by a rolling update; ${b} keeps serving meanwhile.`,
];
const CODE = [
  (a: string) =>
    `$ kubectl describe ${a.toLowerCase().replace(/\s+/g, '')} my-app\nName:         my-app\nNamespace:    default\nControlled By:  ReplicaSet/my-app-697d895648`,
  (a: string) =>
    `$ docker build -t ${a.toLowerCase().replace(/\s+/g, '-')}:1.0 .\n$ docker run -it --rm -p 8080:80 ${a.toLowerCase().replace(/\s+/g, '-')}:1.0`,
  (a: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${a.toLowerCase().replace(/\s+/g, '-')}\ndata:\n  LOG_LEVEL: info`,
];

/**
 * Generate `questions` questions spread over `files` markdown files, mixing
 * the bullet Q&A shape of the bundled seed with one-heading-per-question files.
 */
export function generateCorpus(options: GenerateOptions): GeneratedFile[] {
  const rand = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const term = (): string => (rand() < 0.5 ? pick(TERMS_EN) : pick(TERMS_KO));
  const files: GeneratedFile[] = [];
  const perFile = Math.ceil(options.questions / options.files);
  let made = 0;
  for (let f = 0; f < options.files && made < options.questions; f += 1) {
    const headingStyle = f % 4 === 3;
    const lines: string[] = [`# Generated FAQ ${f + 1} (${pick(TOPICS)} course)`, ''];
    const count = Math.min(perFile, options.questions - made);
    const topics = [pick(TOPICS), pick(TOPICS), pick(TOPICS)];
    for (let q = 0; q < count; q += 1) {
      if (q % Math.ceil(count / topics.length) === 0)
        lines.push(`## ${topics[Math.floor(q / Math.ceil(count / topics.length))]}`, '');
      // The running number keeps every question text unique, as real FAQs are.
      const question = `${pick(QUESTION_TEMPLATES)(term(), term())} (#${made + 1})`;
      const answers = 1 + Math.floor(rand() * 3);
      if (headingStyle) {
        lines.push(`### ${question}`, '');
        for (let a = 0; a < answers; a += 1) lines.push(pick(ANSWER_TEMPLATES)(term(), term()), '');
      } else if (options.tight) {
        lines.push(`- ${question}`);
        for (let a = 0; a < answers; a += 1) {
          lines.push(`  - ${pick(ANSWER_TEMPLATES)(term(), term())}`);
          if (rand() < 0.3) lines.push(`    - ${pick(ANSWER_TEMPLATES)(term(), term())}`);
        }
        if (rand() < 0.1) lines.push(`  - See [the ${pick(TOPICS)} guide][guide-${made % 50}].`);
        if (rand() < 0.15)
          lines.push(
            '  ```bash',
            ...pick(CODE)(term())
              .split('\n')
              .map((line) => `  ${line}`),
            '  ```',
          );
      } else {
        lines.push(`- ${question}`);
        for (let a = 0; a < answers; a += 1) {
          lines.push(`  - ${pick(ANSWER_TEMPLATES)(term(), term())}`);
          if (rand() < 0.3) lines.push(`    - ${pick(ANSWER_TEMPLATES)(term(), term())}`);
        }
        lines.push('');
      }
      if (!(options.tight && !headingStyle) && rand() < 0.15) lines.push('```bash', pick(CODE)(term()), '```', '');
      made += 1;
    }
    if (options.tight) {
      lines.push('');
      for (let g = 0; g < 50; g += 1) lines.push(`[guide-${g}]: https://docs.example.com/guide/${g}`);
    }
    files.push({ path: `generated-${String(f + 1).padStart(4, '0')}.md`, markdown: lines.join('\n') });
  }
  return files;
}
