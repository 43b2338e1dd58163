import { readdirSync, readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { BaseServiceEnv, loadConfig } from '@sentinel/config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service, ServiceAccount } from 'kubernetes-models/v1';
import { stringify } from 'yaml';
import { CHART_DIR, ensureRenderer, mergedValues, renderChart, ROOT, type Manifest, type RenderResult } from './chart-render';

/**
 * The per-tenant chart, rendered without a helm binary (tools/helm-render: Go text/template +
 * Sprig, built from Debian's packages by ensure-go.sh), then checked object by object:
 * kubernetes-models validation for core kinds, KEDA's CRD schema (reduced, in schemas/) for
 * ScaledObject/TriggerAuthentication, hardening on every workload, the migration hook, the
 * network policy and the values schema (ajv).
 */

const SERVICES = ['ingest', 'crm-sync', 'identity-bridge', 'risk'] as const;
const KEDA = 'keda.sh/v1alpha1';

// Core kinds are validated with kubernetes-models' generated JSON schemas.
const MODELS: Record<string, { new (data: never): { validate(): void } }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
};

const ajv = new Ajv({ allErrors: true, strict: true });
const readJson = (file: string): object => JSON.parse(readFileSync(file, 'utf8')) as object;
const KEDA_SCHEMAS: Record<string, ValidateFunction> = {
  [`${KEDA}/ScaledObject`]: ajv.compile(readJson(resolve(__dirname, '../schemas/keda.sh-v1alpha1-scaledobject.schema.json'))),
  [`${KEDA}/TriggerAuthentication`]: ajv.compile(readJson(resolve(__dirname, '../schemas/keda.sh-v1alpha1-triggerauthentication.schema.json'))),
};
const valuesSchema = readJson(join(CHART_DIR, 'values.schema.json'));
const validateValues = ajv.compile(valuesSchema);

// Valid stand-ins for what the operator's Secret provides, to boot-validate the rendered env.
const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgres://sentinel:secret@postgres.example.internal:5432/sentinel_acme',
  DATABASE_DIRECT_URL: 'postgres://sentinel:secret@postgres.example.internal:5432/sentinel_acme',
  REDIS_URL: 'redis://redis.example.internal:6379',
  RABBITMQ_URL: 'amqp://sentinel:secret@rabbitmq.example.internal:5672',
  SYSTEM_API_TOKEN: 'a-system-token-of-at-least-32-characters',
};

type Container = {
  name: string;
  command?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }>;
  envFrom?: unknown[];
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[]; add?: string[] } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
  startupProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
};
type PodSpec = {
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  securityContext?: Record<string, unknown> & { seccompProfile?: { type: string } };
  containers: Container[];
  initContainers?: Container[];
  volumes?: Array<{ name: string; emptyDir?: object; secret?: object; configMap?: object; projected?: object }>;
};

const podSpecOf = (manifest: Manifest): PodSpec => (manifest.spec as { template: { spec: PodSpec } }).template.spec;
const byKind = (result: RenderResult, kind: string): Manifest[] => result.manifests.filter((manifest) => manifest.kind === kind);
const component = (manifest: Manifest): string | undefined => manifest.metadata.labels?.['app.kubernetes.io/component'];
const only = (manifests: Manifest[], name: string): Manifest => {
  const found = manifests.filter((manifest) => component(manifest) === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const names = (manifests: Manifest[]): string[] => manifests.map((manifest) => component(manifest) ?? manifest.metadata.name).sort();

/** The successful renders of the matrix, validated and hardened; the table drives the matrix. */
const MATRIX = [
  { file: 'ci/minimal-values.yaml', tenant: 'acme', apiVersions: [] as string[] },
  { file: 'ci/production-values.yaml', tenant: 'globex', apiVersions: [] as string[] },
  { file: 'ci/keda-values.yaml', tenant: 'initech', apiVersions: [KEDA] },
  { file: 'ci/keda-values.yaml', tenant: 'initech', apiVersions: [] as string[] },
];

describe('Helm chart k8s/sentinel (rendered by tools/helm-render)', () => {
  let binary = '';
  const rendered = new Map<string, RenderResult>();
  const render = (file: string, apiVersions: string[] = []): RenderResult => {
    const key = `${file}|${apiVersions.join(',')}`;
    if (!rendered.has(key)) rendered.set(key, renderChart(binary, { values: [file], apiVersions }));
    return rendered.get(key)!;
  };
  const ok = (file: string, apiVersions: string[] = []): RenderResult => {
    const result = render(file, apiVersions);
    if (result.status !== 0) throw new Error(`render of ${file} failed (${result.status}): ${result.stderr}`);
    return result;
  };

  beforeAll(() => {
    binary = ensureRenderer();
  }, 10 * 60_000);

  it('has a test case for every ci/ values file', () => {
    const files = readdirSync(join(CHART_DIR, 'ci')).map((file) => `ci/${file}`);
    expect(files.sort()).toEqual([...new Set([...MATRIX.map((entry) => entry.file), 'ci/missing-tenant-values.yaml'])].sort());
  });

  describe.each(MATRIX)('$file (extra API versions: $apiVersions)', ({ file, tenant, apiVersions }) => {
    it('renders and every object passes its schema (kubernetes-models, or KEDA CRD schema)', () => {
      const result = ok(file, apiVersions);
      expect(result.manifests.length).toBeGreaterThan(10);
      for (const manifest of result.manifests) {
        const kind = `${manifest.apiVersion}/${manifest.kind}`;
        const Model = MODELS[kind];
        const keda = KEDA_SCHEMAS[kind];
        if (Model) {
          expect(() => new Model(manifest as never).validate()).not.toThrow();
        } else if (keda) {
          const valid = keda(manifest);
          expect({ kind, errors: keda.errors ?? null, valid }).toEqual({ kind, errors: null, valid: true });
        } else {
          throw new Error(`no validator for ${kind} (${manifest.metadata.name})`);
        }
      }
    });

    it('renders no Secret, ConfigMap or anything cluster-scoped', () => {
      const kinds = new Set(ok(file, apiVersions).manifests.map((manifest) => manifest.kind));
      for (const forbidden of ['Secret', 'ConfigMap', 'ClusterRole', 'ClusterRoleBinding', 'Namespace', 'CustomResourceDefinition']) {
        expect(kinds.has(forbidden)).toBe(false);
      }
    });

    it('labels every object with the tenant', () => {
      for (const manifest of ok(file, apiVersions).manifests) {
        expect(manifest.metadata.labels?.['sentinel.io/tenant']).toBe(tenant);
      }
    });

    it('runs one Deployment and one Service per service, with probes on /health/live and /health/ready', () => {
      const result = ok(file, apiVersions);
      expect(names(byKind(result, 'Deployment'))).toEqual([...SERVICES].sort());
      expect(names(byKind(result, 'Service'))).toEqual([...SERVICES].sort());
      for (const deployment of byKind(result, 'Deployment')) {
        const [container] = podSpecOf(deployment).containers;
        expect(container!.command).toEqual(['node', '-r', './tools/runtime/register-paths.js', `dist/apps/${component(deployment)}/src/main.js`]);
        expect(container!.startupProbe?.httpGet?.path).toBe('/health/live');
        expect(container!.livenessProbe?.httpGet?.path).toBe('/health/live');
        expect(container!.readinessProbe?.httpGet?.path).toBe('/health/ready');
      }
    });

    it('hardens every workload: non-root, read-only root fs with /tmp emptyDir, no capabilities, seccomp, no SA token', () => {
      const workloads = [...byKind(ok(file, apiVersions), 'Deployment'), ...byKind(ok(file, apiVersions), 'Job')];
      expect(workloads).toHaveLength(SERVICES.length + 1);
      for (const workload of workloads) {
        const pod = podSpecOf(workload);
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        const tmpVolume = pod.volumes?.find((volume) => volume.emptyDir !== undefined);
        expect(tmpVolume).toBeDefined();
        for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
          expect(container.securityContext).toMatchObject({
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            seccompProfile: { type: 'RuntimeDefault' },
          });
          expect(container.securityContext?.capabilities?.drop).toEqual(['ALL']);
          expect(container.securityContext?.capabilities?.add).toBeUndefined();
          expect(container.volumeMounts).toContainEqual({ name: tmpVolume!.name, mountPath: '/tmp' });
        }
      }
      for (const account of byKind(ok(file, apiVersions), 'ServiceAccount')) {
        expect(account['automountServiceAccountToken']).toBe(false);
      }
    });

    it('takes every secret from the operator-provided Secret by reference, never as a value', () => {
      const values = mergedValues(file) as { secrets: { existingSecret: string; migrationsExistingSecret: string } };
      for (const workload of [...byKind(ok(file, apiVersions), 'Deployment'), ...byKind(ok(file, apiVersions), 'Job')]) {
        const expectedSecret = workload.kind === 'Job' ? values.secrets.migrationsExistingSecret || values.secrets.existingSecret : values.secrets.existingSecret;
        for (const container of podSpecOf(workload).containers) {
          expect(container.envFrom).toBeUndefined();
          for (const variable of container.env ?? []) {
            const secretLike = /(^|_)(URL|TOKEN|SECRET|KEY)$/.test(variable.name) && !variable.name.startsWith('IDENTITY_');
            if (secretLike) {
              expect({ variable: variable.name, value: variable.value }).toEqual({ variable: variable.name, value: undefined });
              expect(variable.valueFrom?.secretKeyRef?.name).toBe(expectedSecret);
            } else if (variable.valueFrom) {
              expect(variable.valueFrom.secretKeyRef?.name).toBe(expectedSecret);
            }
          }
        }
      }
    });

    it(`sets TENANT_ID=${tenant} and every variable BaseServiceEnv requires, and the result passes its validation`, () => {
      const required = validateSync(plainToInstance(BaseServiceEnv, {}, { exposeDefaultValues: true })).map((error) => error.property);
      expect(required).toEqual(expect.arrayContaining(['TENANT_ID', 'DATABASE_URL', 'IDENTITY_URL', 'SYSTEM_API_TOKEN']));
      for (const deployment of byKind(ok(file, apiVersions), 'Deployment')) {
        const env = podSpecOf(deployment).containers[0]!.env ?? [];
        const declared = env.map((variable) => variable.name);
        expect(new Set(declared).size).toBe(declared.length);
        expect({ service: component(deployment), missing: required.filter((name) => !declared.includes(name)) }).toEqual({ service: component(deployment), missing: [] });
        expect(env.find((variable) => variable.name === 'TENANT_ID')?.value).toBe(tenant);
        const environment = Object.fromEntries(
          env.filter((variable) => variable.value !== undefined || SECRET_STAND_INS[variable.name]).map((variable) => [variable.name, variable.value ?? SECRET_STAND_INS[variable.name]!]),
        );
        expect(() => loadConfig(BaseServiceEnv, environment)).not.toThrow();
      }
    });

    it('runs migrations as a pre-install,pre-upgrade hook Job that needs nothing the chart creates', () => {
      const result = ok(file, apiVersions);
      const [job] = byKind(result, 'Job');
      expect(byKind(result, 'Job')).toHaveLength(1);
      expect(job!.metadata.annotations).toMatchObject({
        'helm.sh/hook': 'pre-install,pre-upgrade',
        'helm.sh/hook-delete-policy': expect.stringContaining('before-hook-creation'),
      });
      const pod = podSpecOf(job!);
      expect((job!.spec as { template: { spec: { restartPolicy: string } } }).template.spec.restartPolicy).toBe('Never');
      expect(pod.containers[0]!.command).toEqual(['node', '-r', './tools/runtime/register-paths.js', 'dist/tools/migrate/src/main.js']);
      // Only operator-provided objects: no chart-created ServiceAccount, ConfigMap or Secret.
      const chartCreated = new Set(result.manifests.filter((manifest) => !manifest.metadata.annotations?.['helm.sh/hook']).map((manifest) => `${manifest.kind}/${manifest.metadata.name}`));
      expect(chartCreated.has(`ServiceAccount/${pod.serviceAccountName}`)).toBe(false);
      for (const volume of pod.volumes ?? []) expect(Object.keys(volume).sort()).toEqual(['emptyDir', 'name']);
      const variables = pod.containers[0]!.env ?? [];
      expect(variables.map((variable) => variable.name).sort()).toEqual(['DATABASE_DIRECT_URL', 'DATABASE_URL', 'TENANT_ID']);
      for (const variable of variables) {
        if (variable.valueFrom) expect(chartCreated.has(`Secret/${variable.valueFrom.secretKeyRef!.name}`)).toBe(false);
      }
    });

    it('denies all traffic by default and allows only the needed egress and ingress from the ingress controller namespace', () => {
      const policies = byKind(ok(file, apiVersions), 'NetworkPolicy');
      const spec = (manifest: Manifest) => manifest.spec as { policyTypes: string[]; ingress?: Array<{ from?: unknown[]; ports?: unknown[] }>; egress?: Array<{ ports?: Array<{ port: number; protocol: string }> }> };
      const deny = policies.find((policy) => spec(policy).ingress === undefined && spec(policy).egress === undefined);
      expect(deny && spec(deny).policyTypes.sort()).toEqual(['Egress', 'Ingress']);
      const egressPorts = policies.flatMap((policy) => spec(policy).egress ?? []).flatMap((rule) => rule.ports ?? []);
      const values = mergedValues(file) as { networkPolicy: { egress: Record<string, { ports: number[] }> } };
      const expected = ['postgres', 'rabbitmq', 'redis', 'identity', 'providers'].flatMap((target) => values.networkPolicy.egress[target]!.ports);
      for (const port of expected) expect(egressPorts).toContainEqual({ protocol: 'TCP', port });
      expect(egressPorts).toContainEqual({ protocol: 'UDP', port: 53 });
      expect(egressPorts).toContainEqual({ protocol: 'TCP', port: 443 });
      const ingressRules = policies.flatMap((policy) => spec(policy).ingress ?? []);
      expect(ingressRules).toHaveLength(1);
      expect(ingressRules[0]!.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]);
    });

    it('routes Ingress paths to the four services', () => {
      const result = ok(file, apiVersions);
      const [ingress] = byKind(result, 'Ingress');
      type Rule = { http: { paths: Array<{ path: string; backend: { service: { name: string } } }> } };
      const backends = (ingress!.spec as { rules: Rule[] }).rules.flatMap((rule) => rule.http.paths.map((path) => path.backend.service.name));
      expect(backends.sort()).toEqual(byKind(result, 'Service').map((service) => service.metadata.name).sort());
    });

    it('strips each service prefix on ingress-nginx, since the services serve their routes at /', () => {
      const [ingress] = byKind(ok(file, apiVersions), 'Ingress');
      expect(ingress!.metadata.annotations).toMatchObject({
        'nginx.ingress.kubernetes.io/use-regex': 'true',
        'nginx.ingress.kubernetes.io/rewrite-target': '/$2',
      });
      type Rule = { http: { paths: Array<{ path: string; pathType: string }> } };
      for (const path of (ingress!.spec as { rules: Rule[] }).rules.flatMap((rule) => rule.http.paths)) {
        expect(path).toMatchObject({ path: expect.stringMatching(/^\/[a-z-]+\(\/\|\$\)\(\.\*\)$/), pathType: 'ImplementationSpecific' });
      }
    });
  });

  describe('replicas, disruption budgets and autoscaling', () => {
    it('minimal: one replica each, so no PodDisruptionBudget, HPA or ScaledObject', () => {
      const result = ok('ci/minimal-values.yaml');
      for (const kind of ['PodDisruptionBudget', 'HorizontalPodAutoscaler', 'ScaledObject', 'TriggerAuthentication']) expect(byKind(result, kind)).toEqual([]);
      for (const deployment of byKind(result, 'Deployment')) expect(deployment.spec?.['replicas']).toBe(1);
    });

    it('production: a PDB for every multi-replica service, an HPA for the autoscaled HTTP services', () => {
      const result = ok('ci/production-values.yaml');
      expect(names(byKind(result, 'PodDisruptionBudget'))).toEqual([...SERVICES].sort());
      expect(names(byKind(result, 'HorizontalPodAutoscaler'))).toEqual(['crm-sync', 'ingest', 'risk']);
      // The HPA owns the replica count: the Deployment must not fight it on every upgrade.
      expect(only(byKind(result, 'Deployment'), 'risk').spec?.['replicas']).toBeUndefined();
      expect(only(byKind(result, 'Deployment'), 'identity-bridge').spec?.['replicas']).toBe(2);
      expect(podSpecOf(only(byKind(result, 'Deployment'), 'ingest')).containers[0]!.env).toContainEqual({ name: 'INGEST_MAX_ATTEMPTS', value: '12' });
      const hpa = only(byKind(result, 'HorizontalPodAutoscaler'), 'risk').spec as { minReplicas: number; scaleTargetRef: { name: string } };
      expect(hpa.minReplicas).toBe(3);
      expect(hpa.scaleTargetRef.name).toBe(only(byKind(result, 'Deployment'), 'risk').metadata.name);
      expect(byKind(result, 'ScaledObject')).toEqual([]);
    });

    it('with KEDA: a ScaledObject on the tenant queue replaces the ingest HPA; TriggerAuthentication reads the operator Secret', () => {
      const result = ok('ci/keda-values.yaml', [KEDA]);
      const [scaled] = byKind(result, 'ScaledObject');
      const spec = scaled!.spec as { scaleTargetRef: { name: string }; minReplicaCount: number; triggers: Array<{ type: string; metadata: Record<string, string>; authenticationRef?: { name: string } }> };
      expect(spec.scaleTargetRef.name).toBe(only(byKind(result, 'Deployment'), 'ingest').metadata.name);
      const rabbit = spec.triggers.find((trigger) => trigger.type === 'rabbitmq')!;
      expect(rabbit.metadata).toMatchObject({ queueName: 'sentinel.initech.ingest.inbound', mode: 'QueueLength', value: '200' });
      expect(rabbit.metadata['host']).toBeUndefined();
      const [auth] = byKind(result, 'TriggerAuthentication');
      expect(rabbit.authenticationRef?.name).toBe(auth!.metadata.name);
      expect(auth!.spec).toEqual({ secretTargetRef: [{ parameter: 'host', name: 'sentinel-initech', key: 'RABBITMQ_URL' }] });
      expect(names(byKind(result, 'HorizontalPodAutoscaler'))).toEqual([]);
      expect(names(byKind(result, 'PodDisruptionBudget'))).toEqual(['ingest']);
      expect(only(byKind(result, 'Deployment'), 'ingest').spec?.['replicas']).toBeUndefined();
    });

    it('without KEDA in the cluster: the same values render no ScaledObject and fall back to the CPU HPA', () => {
      const result = ok('ci/keda-values.yaml');
      expect(byKind(result, 'ScaledObject')).toEqual([]);
      expect(byKind(result, 'TriggerAuthentication')).toEqual([]);
      expect(names(byKind(result, 'HorizontalPodAutoscaler'))).toEqual(['ingest']);
    });
  });

  describe('render failures name what is missing', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sentinel-chart-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const withValues = (values: object, extra: string[] = []): RenderResult => {
      const file = join(dir, `values-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, stringify(values));
      return renderChart(binary, { values: [...extra, file] });
    };

    it('missing tenant (ci/missing-tenant-values.yaml): non-zero exit naming tenantId', () => {
      const result = render('ci/missing-tenant-values.yaml');
      expect(result.status).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('tenantId is required');
    });

    it.each([
      [{ tenantId: 'Acme.Corp' }, 'tenantId "Acme.Corp" must be 1-63 lowercase letters'],
      [{ secrets: { existingSecret: '' } }, 'secrets.existingSecret is required'],
      [{ config: { identity: { url: '' } } }, 'config.identity.url is required'],
      [{ config: { identity: { issuer: '' } } }, 'config.identity.issuer is required'],
      [{ services: { risk: { extraEnv: { DATABASE_URL: 'postgres://x' } } } }, 'services.risk.extraEnv.DATABASE_URL: set by the chart'],
    ])('%j fails with "%s"', (override, message) => {
      const result = withValues(override, [resolve(CHART_DIR, 'ci/minimal-values.yaml')]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(message);
    });
  });

  describe('values.schema.json (ajv)', () => {
    it.each(['ci/minimal-values.yaml', 'ci/production-values.yaml', 'ci/keda-values.yaml'])('accepts values.yaml + %s', (file) => {
      const valid = validateValues(mergedValues(file));
      expect(validateValues.errors ?? null).toBeNull();
      expect(valid).toBe(true);
    });

    const rejects = (values: Record<string, unknown>, instancePath: string, keyword: string): void => {
      expect(validateValues(values)).toBe(false);
      expect(validateValues.errors).toContainEqual(expect.objectContaining({ instancePath, keyword }));
    };

    it('rejects a missing tenant id (values.yaml alone, or with ci/missing-tenant-values.yaml), an empty or malformed one', () => {
      expect(mergedValues()).not.toHaveProperty('tenantId');
      rejects(mergedValues(), '', 'required');
      rejects(mergedValues('ci/missing-tenant-values.yaml'), '', 'required');
      for (const tenantId of ['', 'Acme', 'acme.corp', '-acme', 'a'.repeat(64), 42]) {
        rejects({ ...mergedValues('ci/minimal-values.yaml'), tenantId }, '/tenantId', typeof tenantId === 'number' ? 'type' : 'pattern');
      }
    });

    it('rejects an image tag that is a number', () => {
      const values = mergedValues('ci/minimal-values.yaml') as { services: { ingest: { image: { tag: unknown } } } };
      values.services.ingest.image.tag = 1.4;
      rejects(values as unknown as Record<string, unknown>, '/services/ingest/image/tag', 'type');
    });

    it.each([
      ['(root)', 'replicaCount'],
      ['/config/identity', 'clientSecret'],
      ['/secrets', 'databaseUrl'],
      ['/services/risk', 'replicaCount'],
      ['/services/ingest/keda', 'queue'],
      ['/networkPolicy/egress/postgres', 'port'],
      ['/probes/readiness', 'port'],
    ])('rejects an unknown key at %s: %s', (path, key) => {
      const values = mergedValues('ci/minimal-values.yaml');
      const target = path === '(root)' ? values : (path.slice(1).split('/').reduce<Record<string, unknown>>((node, part) => node[part] as Record<string, unknown>, values));
      target[key] = 'x';
      rejects(values, path === '(root)' ? '' : path, 'additionalProperties');
    });

    it('closes every object in the schema (additionalProperties false, or a typed map)', () => {
      const open: string[] = [];
      const walk = (node: unknown, path: string): void => {
        if (typeof node !== 'object' || node === null) return;
        const schema = node as Record<string, unknown>;
        if (schema['type'] === 'object' && !('additionalProperties' in schema)) open.push(path || '/');
        if (schema['type'] === 'object' && schema['additionalProperties'] === true) open.push(path || '/');
        for (const [key, child] of Object.entries(schema)) walk(child, `${path}/${key}`);
      };
      walk(valuesSchema, '');
      expect(open).toEqual([]);
    });

    it('keeps secret values out of values.yaml: only Secret names and key names', () => {
      const values = mergedValues() as { secrets: { existingSecret: string; migrationsExistingSecret: string; keys: Record<string, string> } };
      expect(values.secrets.existingSecret).toBe('');
      expect(values.secrets.migrationsExistingSecret).toBe('');
      for (const key of Object.values(values.secrets.keys)) expect(key).toMatch(/^[A-Z][A-Z0-9_]*$/);
      const text = readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8');
      expect(text).not.toMatch(/[a-z][a-z0-9+.-]*:\/\/[^\s/"']*:[^\s/"']*@/i); // no URL with credentials
    });
  });

  it('documents a per-tenant install and upgrade/rollback in the chart README', () => {
    const readme = readFileSync(join(ROOT, 'k8s/sentinel/README.md'), 'utf8');
    expect(readme).toMatch(/helm (upgrade --install|install) \S+ k8s\/sentinel/);
    expect(readme).toContain('helm rollback');
  });
});
