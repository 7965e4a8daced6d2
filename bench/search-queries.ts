/**
 * Labelled search queries over the bundled seed (seeds/mspt3_24-2-scp.md).
 * Each names the question(s) a reader typing it is looking for, by a
 * fragment of the question text that occurs in exactly one question.
 */

export type QueryKind =
  'korean' | 'english' | 'mixed' | 'particles' | 'transliteration' | 'typo' | 'partial' | 'code' | 'normalisation';

export interface LabelledQuery {
  q: string;
  kind: QueryKind;
  /** Fragments of the relevant questions' text; any of them in the top 5 counts. */
  relevant: string[];
  /**
   * For generic queries (one term, or terms many questions share): which
   * generated distractor questions are just as right an answer. Every inner
   * list must be matched by one of its alternatives (English as a whole
   * word, Korean as a substring), in the question text or, with
   * `scope: 'text'`, anywhere in question, answers or code.
   */
  atScale?: { all: string[][]; scope?: 'question' | 'text' };
}

const DOCKER = ['docker', '도커'];
const VOLUME = ['volume', '볼륨'];
const POD = ['pod', '파드'];
const REPLICASET = ['replicaset', '레플리카셋'];
const CONFIGMAP = ['configmap', '컨피그맵'];
const BIND_MOUNT = ['bind mount', '바인드 마운트'];
const MULTISTAGE = ['multistage', '멀티스테이지'];

/** Fragments naming the ten questions of the bundled seed. */
export const Q = {
  multistageDiff: '2-stage만 반영했을 때와 차이',
  multistageBuilder: 'builder때문에 1-stage',
  baseimagePull: 'Baseimage (FROM openjdk:8)',
  registryLiveness: 'registry.k8s.io/liveness',
  replicasetPod: '강제로 동일한 spec.의 pod',
  externalName: 'ExternalName이란',
  dockerVolume: 'Bind mount는 사용자가 지정한',
  pvcFilesystem: 'PVC를 요청하면 Node에서도',
  dfFollowUp: 'df -h 하면 pod에서',
  configMapObject: 'ConfigMap은 API Object',
} as const;

export const LABELLED_QUERIES: LabelledQuery[] = [
  // Korean prose and Korean forms of English terms
  {
    q: '멀티스테이지 빌드 차이',
    kind: 'transliteration',
    relevant: [Q.multistageDiff],
    atScale: { all: [MULTISTAGE, ['build', '빌드'], ['차이', 'difference']] },
  },
  { q: '멀티스테이지 빌드에서 1-stage를 꼭 해야 하나요', kind: 'korean', relevant: [Q.multistageBuilder] },
  { q: '베이스 이미지는 어디서 다운로드 되나요', kind: 'korean', relevant: [Q.baseimagePull] },
  {
    q: '도커 데몬',
    kind: 'transliteration',
    relevant: [Q.baseimagePull],
    atScale: { all: [DOCKER, ['daemon', '데몬']] },
  },
  { q: '레지스트리 liveness 이미지 검색', kind: 'mixed', relevant: [Q.registryLiveness] },
  { q: '레플리카셋 파드 강제로 만들면', kind: 'transliteration', relevant: [Q.replicasetPod] },
  {
    q: '디플로이먼트',
    kind: 'transliteration',
    relevant: [Q.replicasetPod],
    atScale: { all: [['deployment', '디플로이먼트']] },
  },
  { q: '익스터널네임 서비스 타입', kind: 'transliteration', relevant: [Q.externalName] },
  { q: '쿠버네티스 서비스 종류', kind: 'transliteration', relevant: [Q.externalName] },
  {
    q: '도커 볼륨과 바인드 마운트 차이',
    kind: 'transliteration',
    relevant: [Q.dockerVolume],
    atScale: { all: [DOCKER, VOLUME, BIND_MOUNT, ['차이', 'difference']] },
  },
  { q: 'k8s 볼륨 의미', kind: 'mixed', relevant: [Q.dockerVolume] },
  { q: '파드에서 PVC 요청하면 노드에 파일시스템이 만들어지나요', kind: 'particles', relevant: [Q.pvcFilesystem] },
  { q: '노드 파일시스템 만들어져', kind: 'particles', relevant: [Q.pvcFilesystem] },
  { q: '서버에서 df -h 하면', kind: 'particles', relevant: [Q.dfFollowUp] },
  { q: '컨피그맵 API 오브젝트', kind: 'transliteration', relevant: [Q.configMapObject] },
  { q: '교재에 API Object라고 되어있는', kind: 'particles', relevant: [Q.configMapObject] },
  // Particles glued to the term
  {
    q: '볼륨은',
    kind: 'particles',
    relevant: [Q.dockerVolume, Q.dfFollowUp, Q.pvcFilesystem],
    atScale: { all: [VOLUME] },
  },
  { q: '도커에서', kind: 'particles', relevant: [Q.dockerVolume, Q.baseimagePull], atScale: { all: [DOCKER] } },
  {
    q: '파드를',
    kind: 'particles',
    relevant: [Q.replicasetPod, Q.pvcFilesystem, Q.dfFollowUp],
    atScale: { all: [POD] },
  },
  { q: '레플리카셋에 의해서', kind: 'particles', relevant: [Q.replicasetPod] },
  { q: '파일시스템이 보이는거죠', kind: 'particles', relevant: [Q.dfFollowUp] },
  // English
  { q: 'builder 1-stage', kind: 'english', relevant: [Q.multistageBuilder] },
  { q: 'openjdk image pull', kind: 'english', relevant: [Q.baseimagePull] },
  { q: 'hub.docker.com', kind: 'english', relevant: [Q.registryLiveness] },
  { q: 'registry.k8s.io', kind: 'english', relevant: [Q.registryLiveness] },
  { q: 'replicaset pod', kind: 'english', relevant: [Q.replicasetPod], atScale: { all: [REPLICASET, POD] } },
  { q: 'ExternalName', kind: 'english', relevant: [Q.externalName] },
  { q: 'k8s service type', kind: 'english', relevant: [Q.externalName] },
  { q: 'bind mount', kind: 'english', relevant: [Q.dockerVolume], atScale: { all: [BIND_MOUNT] } },
  { q: 'docker volume', kind: 'english', relevant: [Q.dockerVolume], atScale: { all: [DOCKER, VOLUME] } },
  { q: 'PVC filesystem', kind: 'english', relevant: [Q.pvcFilesystem] },
  { q: 'configmap api object', kind: 'english', relevant: [Q.configMapObject] },
  { q: 'ConfigMaps', kind: 'english', relevant: [Q.configMapObject], atScale: { all: [CONFIGMAP] } },
  { q: 'kubernetes workload liveness', kind: 'english', relevant: [Q.registryLiveness] },
  // Mixed scripts in one query
  { q: 'Docker build 실행 위치', kind: 'mixed', relevant: [Q.baseimagePull] },
  {
    q: 'jenkins에서 빌드',
    kind: 'mixed',
    relevant: [Q.multistageDiff],
    atScale: {
      all: [
        ['jenkins', '젠킨스'],
        ['build', '빌드'],
      ],
    },
  },
  { q: 'Hands-on 08 실습 이미지', kind: 'mixed', relevant: [Q.registryLiveness] },
  { q: 'K8s Volume은 다른 의미', kind: 'mixed', relevant: [Q.dockerVolume] },
  // Typos in longer words
  { q: 'kuberntes workload', kind: 'typo', relevant: [Q.registryLiveness] },
  { q: 'replicaste', kind: 'typo', relevant: [Q.replicasetPod], atScale: { all: [REPLICASET] } },
  { q: 'externlname', kind: 'typo', relevant: [Q.externalName] },
  {
    q: 'multistge build',
    kind: 'typo',
    relevant: [Q.multistageDiff, Q.multistageBuilder],
    atScale: { all: [MULTISTAGE, ['build', '빌드']] },
  },
  { q: 'configmpa', kind: 'typo', relevant: [Q.configMapObject], atScale: { all: [CONFIGMAP] } },
  { q: 'ownerRefernces', kind: 'typo', relevant: [Q.replicasetPod] },
  // Partial words
  { q: 'replica', kind: 'partial', relevant: [Q.replicasetPod], atScale: { all: [REPLICASET] } },
  { q: 'external', kind: 'partial', relevant: [Q.externalName] },
  { q: 'multi', kind: 'partial', relevant: [Q.multistageDiff, Q.multistageBuilder], atScale: { all: [MULTISTAGE] } },
  { q: 'Config', kind: 'partial', relevant: [Q.configMapObject], atScale: { all: [CONFIGMAP] } },
  {
    q: 'image',
    kind: 'partial',
    relevant: [Q.baseimagePull, Q.registryLiveness],
    atScale: { all: [['image', '이미지']] },
  },
  // Code snippets and inline code
  { q: 'ownerReferences', kind: 'code', relevant: [Q.replicasetPod] },
  {
    q: 'kubectl describe',
    kind: 'code',
    relevant: [Q.replicasetPod],
    atScale: { all: [['kubectl describe']], scope: 'text' },
  },
  {
    q: 'Controlled By',
    kind: 'code',
    relevant: [Q.replicasetPod],
    atScale: { all: [['controlled by']], scope: 'text' },
  },
  { q: 'creationTimestamp', kind: 'code', relevant: [Q.replicasetPod] },
  { q: 'blockOwnerDeletion', kind: 'code', relevant: [Q.replicasetPod] },
  { q: 'cni.projectcalico.org', kind: 'code', relevant: [Q.replicasetPod] },
  { q: 'kube-apiserver', kind: 'code', relevant: [Q.configMapObject] },
  // Width, case and Unicode form
  {
    q: 'ＤＯＣＫＥＲ ＶＯＬＵＭＥ',
    kind: 'normalisation',
    relevant: [Q.dockerVolume],
    atScale: { all: [DOCKER, VOLUME] },
  },
  {
    q: 'VOLUME 바인드',
    kind: 'normalisation',
    relevant: [Q.dockerVolume],
    atScale: { all: [VOLUME, ['bind', '바인드']] },
  },
  {
    q: '바인드 마운트 볼륨'.normalize('NFD'),
    kind: 'normalisation',
    relevant: [Q.dockerVolume],
    atScale: { all: [BIND_MOUNT, VOLUME] },
  },
  { q: 'ｋ８ｓ ｅｘｔｅｒｎａｌｎａｍｅ', kind: 'normalisation', relevant: [Q.externalName] },
];
