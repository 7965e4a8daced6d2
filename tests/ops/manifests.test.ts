import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createBundledDatabase } from '../helpers/db.js';

// The manifests are checked against the real app and the real Dockerfile: a
// renamed health route or a changed port fails here, not in a cluster.

const DIR = new URL('../../deploy/kubernetes/', import.meta.url);
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function loadManifests(): Obj[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) =>
      parseAllDocuments(readFileSync(new URL(file, DIR), 'utf8')).map((doc) => {
        expect(doc.errors, file).toEqual([]);
        return doc.toJS() as Obj;
      }),
    )
    .filter((doc) => doc !== null);
}

const manifests = loadManifests();
const byKind = (kind: string): Obj => {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};
const deployment = byKind('Deployment');
const pod = deployment.spec.template.spec as Obj;
const container = pod.containers[0] as Obj;
const probes = ['startupProbe', 'readinessProbe', 'livenessProbe'].filter((p) => container[p] !== undefined);

/** A probe's port (a name or a number) resolved to the container port number. */
function portNumber(port: string | number): number {
  if (typeof port === 'number') return port;
  const named = (container.ports as Obj[]).find((p) => p.name === port);
  expect(named, `container port named ${port}`).toBeDefined();
  return named!.containerPort as number;
}

let app: FastifyInstance;
beforeAll(async () => {
  app = buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { db: createBundledDatabase() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('kubernetes manifests', () => {
  it('ship a Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget', () => {
    expect(manifests.map((m) => `${m.apiVersion} ${m.kind}`).sort()).toEqual([
      'apps/v1 Deployment',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'policy/v1 PodDisruptionBudget',
      'v1 Service',
    ]);
  });

  it('probe readiness on /health/ready and liveness on /health/live', () => {
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
  });

  it.each(probes)('points the %s at a route the app answers with 200', async (probe) => {
    const { path, port } = container[probe].httpGet as { path: string; port: string | number };
    expect(portNumber(port)).toBe(3000);
    const res = await app.inject({ method: 'GET', url: path });
    expect(res.statusCode, `${probe} ${path}`).toBe(200);
  });

  it('listens where the image does: container port 3000, HOST 0.0.0.0, PORT 3000', () => {
    const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(container.ports.map((p: Obj) => p.containerPort)).toEqual([3000]);
    const env = Object.fromEntries((container.env as Obj[]).map((e) => [e.name, e.value]));
    expect(env.PORT).toBe('3000');
    expect(env.HOST).toBe('0.0.0.0');
    // and the env it sets is a configuration the app accepts
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('routes the Service to the container port and selects the Deployment pods', () => {
    const service = byKind('Service');
    const target = service.spec.ports[0].targetPort as string | number;
    expect(portNumber(target)).toBe(3000);
    const podLabels = deployment.spec.template.metadata.labels as Obj;
    for (const selector of [
      service.spec.selector,
      deployment.spec.selector.matchLabels,
      byKind('PodDisruptionBudget').spec.selector.matchLabels,
    ]) {
      for (const [key, value] of Object.entries(selector as Obj)) expect(podLabels[key]).toBe(value);
    }
  });

  it('scales the Deployment with an HPA and keeps one replica through disruptions', () => {
    const hpa = byKind('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    const pdb = byKind('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('runs non-root on a read-only root filesystem with no capabilities', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    const tmp = (container.volumeMounts as Obj[]).find((m) => m.mountPath === '/tmp');
    expect((pod.volumes as Obj[]).find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it('sets resource requests and limits', () => {
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
  });

  it('lists every manifest in the kustomization', () => {
    const kustomization = parseAllDocuments(readFileSync(new URL('kustomization.yaml', DIR), 'utf8'))[0]!.toJS() as Obj;
    const files = readdirSync(DIR).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });
});

describe('the Redis overlay (deploy/kubernetes/redis): one rate limit for every replica', () => {
  const OVERLAY = new URL('redis/', DIR);
  const read = (file: string): Obj[] =>
    parseAllDocuments(readFileSync(new URL(file, OVERLAY), 'utf8')).map((doc) => {
      expect(doc.errors, file).toEqual([]);
      return doc.toJS() as Obj;
    });
  const kustomization = read('kustomization.yaml')[0]!;
  const patchFiles = (kustomization.patches as Obj[]).map((p) => p.path as string);
  const redisManifests = read('redis.yaml');
  const redisOf = (kind: string): Obj => redisManifests.find((m) => m.kind === kind)!;

  it('builds on the base and is not the default', () => {
    expect(kustomization.resources).toContain('..');
    const files = readdirSync(OVERLAY).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources.filter((r: string) => r !== '..'), ...patchFiles].sort()).toEqual(files.sort());
    expect((container.env as Obj[]).some((e) => e.name === 'RATE_LIMIT_REDIS_URL')).toBe(false);
  });

  it('points the API container at the Redis Service with a URL the app accepts', () => {
    const patch = patchFiles.map((file) => read(file)[0]!).find((p) => p.kind === 'Deployment')!;
    expect(patch.metadata.name).toBe(deployment.metadata.name);
    const patched = (patch.spec.template.spec.containers as Obj[]).find((c) => c.name === container.name)!;
    // Strategic merge: env entries merge by name.
    const env = Object.fromEntries(
      [...(container.env as Obj[]), ...(patched.env as Obj[])].map((e) => [e.name, e.value]),
    );
    const url = new URL(loadConfig(env).rateLimit.redisUrl!);
    const service = redisOf('Service');
    expect(url.hostname).toBe(service.metadata.name);
    expect(Number(url.port)).toBe(service.spec.ports[0].port);
  });

  it('runs Redis non-root on a read-only root filesystem, reachable only from the API pods', () => {
    const redis = redisOf('Deployment');
    const redisPod = redis.spec.template.spec as Obj;
    const redisContainer = redisPod.containers[0] as Obj;
    expect(redisPod.securityContext.runAsNonRoot).toBe(true);
    expect(redisContainer.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(redisContainer.resources.limits).toMatchObject({ memory: expect.any(String) });
    const podLabels = redis.spec.template.metadata.labels as Obj;
    const service = redisOf('Service');
    for (const [key, value] of Object.entries(service.spec.selector as Obj)) expect(podLabels[key]).toBe(value);
    expect(redisContainer.ports.find((p: Obj) => p.name === service.spec.ports[0].targetPort).containerPort).toBe(
      service.spec.ports[0].port,
    );
    const policy = redisOf('NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual(redis.spec.selector.matchLabels);
    const apiLabels = deployment.spec.template.metadata.labels as Obj;
    for (const [key, value] of Object.entries(policy.spec.ingress[0].from[0].podSelector.matchLabels as Obj))
      expect(apiLabels[key]).toBe(value);
  });
});

/**
 * Kustomize's strategic merge of a patch over a base, for what the overlay
 * patches: maps merge key by key, lists of named objects (containers, env,
 * volumes, volumeMounts) merge by name, other values replace.
 */
function strategicMerge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch)) {
    const named = (list: unknown[]) =>
      list.every((item) => item !== null && typeof item === 'object' && 'name' in item);
    if (!named(base) || !named(patch)) return patch;
    const merged = [...base] as Obj[];
    for (const item of patch as Obj[]) {
      const at = merged.findIndex((m) => m.name === item.name);
      if (at === -1) merged.push(item);
      else merged[at] = strategicMerge(merged[at], item) as Obj;
    }
    return merged;
  }
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(patch)) {
    const merged: Obj = { ...(base as Obj) };
    for (const [key, value] of Object.entries(patch as Obj)) merged[key] = strategicMerge(merged[key], value);
    return merged;
  }
  return patch;
}

describe('kubernetes overlay live-content (git-sync + WATCH_SEEDS)', () => {
  const overlayDir = new URL('live-content/', DIR);
  const read = (file: string): Obj =>
    parseAllDocuments(readFileSync(new URL(file, overlayDir), 'utf8'))[0]!.toJS() as Obj;
  const kustomization = read('kustomization.yaml');
  const patches = (kustomization.patches as { path: string }[]).map((p) => read(p.path));
  const live = patches.reduce((merged, patch) => strategicMerge(merged, patch) as Obj, deployment);
  const livePod = live.spec.template.spec as Obj;
  const api = (livePod.containers as Obj[]).find((c) => c.name === 'faq-api')!;
  const env = Object.fromEntries((api.env as Obj[]).map((e) => [e.name, e.value]));
  const gitSync = [...(livePod.initContainers as Obj[]), ...(livePod.containers as Obj[])].filter((c) =>
    String(c.image).startsWith('registry.k8s.io/git-sync/git-sync:'),
  );

  it('builds on the base and patches its Deployment', () => {
    expect(kustomization.resources).toEqual(['../']);
    for (const patch of patches)
      expect([patch.kind, patch.metadata.name]).toEqual(['Deployment', deployment.metadata.name]);
  });

  it('runs the server in watch mode on a configuration the app accepts', () => {
    expect(env.WATCH_SEEDS).toBe('true');
    const config = loadConfig(env);
    expect(config.watchSeeds).toBe(true);
    // The base's settings survive the patch.
    expect([env.PORT, env.HOST]).toEqual(['3000', '0.0.0.0']);
    expect(api.readinessProbe.httpGet.path).toBe('/health/ready');
  });

  it('clones once before the server starts and keeps the content current with a git-sync v4 sidecar', () => {
    expect(gitSync.map((c) => [c.name, c.image.split(':').pop().split('.')[0]])).toEqual([
      ['git-sync-init', 'v4'],
      ['git-sync', 'v4'],
    ]);
    for (const container of gitSync) {
      const gitEnv = Object.fromEntries((container.env as Obj[]).map((e) => [e.name, e.value]));
      expect(gitEnv.GITSYNC_REPO).toMatch(/^https:\/\//);
      // SEEDS_DIR lies under the link git-sync swaps: <root>/<link>/…
      expect(env.SEEDS_DIR.startsWith(`${gitEnv.GITSYNC_ROOT}/${gitEnv.GITSYNC_LINK}/`)).toBe(true);
      const mount = (container.volumeMounts as Obj[]).find((m) => m.mountPath === gitEnv.GITSYNC_ROOT)!;
      const apiMount = (api.volumeMounts as Obj[]).find((m) => m.name === mount.name)!;
      expect(apiMount).toMatchObject({ mountPath: gitEnv.GITSYNC_ROOT, readOnly: true });
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
    }
    expect(Object.fromEntries((gitSync[0]!.env as Obj[]).map((e) => [e.name, e.value])).GITSYNC_ONE_TIME).toBe('true');
  });

  it('writes the database to a volume of its own, and every mount has a volume', () => {
    const data = (api.volumeMounts as Obj[]).find((m) => env.DATABASE_PATH.startsWith(`${m.mountPath}/`))!;
    expect(data.readOnly).toBeUndefined();
    const volumes = new Set((livePod.volumes as Obj[]).map((v) => v.name));
    for (const container of [api, ...gitSync])
      for (const m of container.volumeMounts as Obj[]) expect(volumes.has(m.name), m.name).toBe(true);
  });
});
