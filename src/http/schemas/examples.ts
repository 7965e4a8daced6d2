/**
 * Example values for the OpenAPI document, taken from the bundled seed
 * (seeds/mspt3_24-2-scp.md) so the docs show what the API really answers;
 * tests/http/openapi.test.ts checks they still exist there.
 */
export const EXAMPLE = {
  questionId: 'q_7e776441fd5fa331',
  question:
    'Deployment나 ReplicaSet에 의해서 Pod들이 만들어져 있는 상태에서 강제로 동일한 spec.의 pod를 하나 더 만들면 어떻게 되나요?',
  questionLine: 34,
  contentHash: 'fc53426811a40188c7aeb0bcfaaa48b4f3e3bb7a1fc82054b0ce97464698a466',
  timestamp: '2026-01-01T00:00:00.000Z',
  topicSlug: 'kubernetes',
  topicTitle: 'Kubernetes',
  sourceId: 'mspt3_24-2-scp',
  sourcePath: 'mspt3_24-2-scp.md',
  snippetId: 's_4acaa13397510bbf',
  snippetLanguage: 'bash',
  score: 0.87,
} as const;
