import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO } from './support/process.js';

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: any;
  data?: Record<string, string>;
}

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

/** What `kubectl kustomize` renders for a folder under deploy/, as objects. */
function render(folder: string): Manifest[] {
  const text = execFileSync('kubectl', ['kustomize', `deploy/${folder}`], { cwd: REPO, encoding: 'utf8' });
  return parseAllDocuments(text).map((doc) => doc.toJS() as Manifest);
}

const SERVICES = ['gateway', 'procurement', 'access', 'monitoring'];
/** Environment names that hold secrets; none may have a value written in a manifest. */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PSEUDONYM_KEY|DATABASE_URL/;

describe.skipIf(!hasKubectl)('Kubernetes manifests (kubectl kustomize)', () => {
  for (const folder of ['base', 'overlays/production']) {
    describe(folder, () => {
      const manifests = hasKubectl ? render(folder) : [];
      const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

      it.each(SERVICES)('%s: a Deployment probing /ready and /health, with requests and limits, a Service and a PodDisruptionBudget', (name) => {
        const deployment = find('Deployment', name);
        expect(deployment, `Deployment ${name}`).toBeDefined();
        const containers = deployment!.spec.template.spec.containers as any[];
        expect(containers.length).toBeGreaterThan(0);
        for (const container of containers) {
          expect(container.readinessProbe.httpGet.path).toBe('/ready');
          expect(container.livenessProbe.httpGet.path).toBe('/health');
          for (const kind of ['requests', 'limits']) {
            expect(container.resources?.[kind]?.cpu, `${name} ${kind}.cpu`).toBeTruthy();
            expect(container.resources?.[kind]?.memory, `${name} ${kind}.memory`).toBeTruthy();
          }
        }
        expect(find('Service', name)).toBeDefined();
        const budget = find('PodDisruptionBudget', name);
        expect(budget, `PodDisruptionBudget ${name}`).toBeDefined();
        expect(budget!.spec.selector.matchLabels).toEqual(deployment!.spec.selector.matchLabels);
        expect(budget!.spec.minAvailable ?? budget!.spec.maxUnavailable).toBeDefined();
      });

      it('scales the gateway with a HorizontalPodAutoscaler, and keeps two of everything else', () => {
        const autoscaler = find('HorizontalPodAutoscaler', 'gateway');
        expect(autoscaler?.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'gateway' });
        expect(autoscaler!.spec.minReplicas).toBeGreaterThanOrEqual(2);
        expect(autoscaler!.spec.maxReplicas).toBeGreaterThan(autoscaler!.spec.minReplicas);
        for (const name of SERVICES.filter((s) => s !== 'gateway')) expect(find('Deployment', name)!.spec.replicas).toBeGreaterThanOrEqual(2);
      });

      it('takes secrets from a Secret, never from a literal', () => {
        expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
        for (const configMap of manifests.filter((m) => m.kind === 'ConfigMap')) {
          expect(Object.keys(configMap.data ?? {}).filter((key) => SECRET_NAME.test(key))).toEqual([]);
        }
        for (const name of SERVICES) {
          for (const container of find('Deployment', name)!.spec.template.spec.containers as any[]) {
            const literal = (container.env ?? []).filter((e: any) => SECRET_NAME.test(e.name) && e.value !== undefined);
            expect(literal, `${name} has secrets written as values`).toEqual([]);
            expect((container.envFrom ?? []).some((source: any) => source.secretRef?.name)).toBe(true);
          }
        }
      });
    });
  }

  it('production runs in its own namespace on a pinned image and serves every region', () => {
    const manifests = render('overlays/production');
    for (const m of manifests.filter((m) => m.kind !== 'Namespace')) expect(m.metadata.namespace).toBe('youth-care');
    for (const m of manifests.filter((m) => m.kind === 'Deployment')) {
      for (const container of m.spec.template.spec.containers as any[]) expect(container.image).toMatch(/:\d+\.\d+\.\d+$/);
    }
    expect(manifests.find((m) => m.kind === 'ConfigMap')?.data?.REGIONS).toBe('all');
  });
});
