import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_SETTINGS, ConfigError, type Environment, type GatewayConfig, loadConfig } from '../../src/config/config';
import { probeRoutes } from '../../src/observability/probe.routes';
import { Readiness } from '../../src/observability/readiness';
import { TRACING_SETTINGS } from '../../src/tracing/tracing.bootstrap';

/**
 * The deployment kit (Dockerfile, .dockerignore, deploy/kubernetes/, deploy/aws/iam-policy.json,
 * .env.example), read as files and held to the code: the settings the configuration reads
 * (`CONFIG_SETTINGS`, itself held to what `loadConfig` reads), the routes the gateway serves, the
 * shutdown it performs, the Cognito calls it makes and the figures the bench committed. No
 * container engine runs here, so nothing is built or applied: this test is what keeps the kit
 * from drifting from the code.
 */

const ROOT = resolve(__dirname, '..', '..');
const KUBERNETES = join(ROOT, 'deploy', 'kubernetes');

/** How much later than SHUTDOWN_DRAIN_DELAY_MS + SHUTDOWN_GRACE_MS the gateway exits by itself at the latest (src/server/shutdown-on-signal.ts). */
const SHUTDOWN_MARGIN_MS = 2000;

/** Values for the settings production requires, where the kit leaves them for the operator to fill in. */
const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  COGNITO_USER_POOL_IDS: 'eu-west-1_AbCdEf123',
  AUTH_CLIENT_IDS: '1example23456789abcdefghij',
  CURSOR_SECRET: 'deployment-kit-test-secret-0123456789abcdef',
};

// ---------------------------------------------------------------------------------------------
// Reading the files

interface DockerInstruction {
  readonly keyword: string;
  readonly args: string;
}

interface DockerStage {
  readonly name: string | undefined;
  readonly image: string;
  readonly instructions: readonly DockerInstruction[];
}

/** The Dockerfile's stages and their instructions, continuation lines joined and comments dropped. */
function dockerStages(): { readonly args: ReadonlyMap<string, string>; readonly stages: readonly DockerStage[] } {
  const logical = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const args = new Map<string, string>();
  const stages: { name: string | undefined; image: string; instructions: DockerInstruction[] }[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else if (instruction.keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      const image = (from?.[1] ?? '').replace(/^\$\{(\w+)\}$/, (_whole, name: string) => args.get(name) ?? '');
      stages.push({ name: from?.[2], image, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

function instructionsOf(stage: DockerStage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}

/** `NAME=value` lines of an env file; `# NAME=value` lines too when `commented` is asked for. */
function envFile(path: string): { readonly set: Record<string, string>; readonly commented: Record<string, string>; readonly names: string[] } {
  const set: Record<string, string> = {};
  const commented: Record<string, string> = {};
  const names: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const entry = /^(#\s?)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (entry === null) continue;
    names.push(entry[2] as string);
    (entry[1] === undefined ? set : commented)[entry[2] as string] = entry[3] as string;
  }
  return { set, commented, names };
}

type Manifest = { kind: string; metadata: { name: string }; spec?: any } & Record<string, any>;

function kustomization(): any {
  return parseYaml(readFileSync(join(KUBERNETES, 'kustomization.yaml'), 'utf8'));
}

function manifests(): Manifest[] {
  return (kustomization().resources as string[]).map((file) => parseYaml(readFileSync(join(KUBERNETES, file), 'utf8')) as Manifest);
}

function manifestOf(kind: string): Manifest {
  const found = manifests().filter((manifest) => manifest.kind === kind);
  if (found.length !== 1) throw new Error(`the kustomization holds ${found.length} ${kind}s`);
  return found[0] as Manifest;
}

function gatewayContainer(): any {
  return manifestOf('Deployment').spec.template.spec.containers[0];
}

/** What the kustomization's generators put in the ConfigMap and the Secret. */
function generatedSettings(kind: 'configMapGenerator' | 'secretGenerator'): Record<string, string> {
  const files: string[] = kustomization()[kind].flatMap((generator: { envs: string[] }) => generator.envs);
  // secret.env is the operator's own copy (ignored by git); its template is what the kit ships.
  return Object.assign({}, ...files.map((file) => envFile(join(KUBERNETES, file === 'secret.env' ? 'secret.env.example' : file)).set));
}

/** Every variable the kit sets in a pod: the image's ENV, then the ConfigMap, then the Secret. */
function podEnvironment(): Record<string, string> {
  const imageEnv = Object.fromEntries(
    instructionsOf(dockerStages().stages.at(-1) as DockerStage, 'ENV').map((args) => args.split('=') as [string, string]),
  );
  return { ...imageEnv, ...generatedSettings('configMapGenerator'), ...generatedSettings('secretGenerator') };
}

/** `env` with the settings the operator fills in (left empty in the kit) given sample values. */
function filledIn(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value === '' && name in SAMPLE_VALUES ? (SAMPLE_VALUES[name] as string) : value]));
}

function memoryMiB(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (match === null) throw new Error(`not a Mi or Gi quantity: ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

function cpuCores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

// ---------------------------------------------------------------------------------------------
// Reading the code

/** The names `loadConfig` reads from `env`, recorded as it reads them. */
function settingsReadBy(env: Environment): Set<string> {
  const read = new Set<string>();
  const recording = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  loadConfig(recording);
  return read;
}

/**
 * The settings production cannot start without, as `loadConfig` says: start from NODE_ENV alone,
 * give each setting its one-line error names a value, until it loads.
 */
function settingsProductionRequires(): string[] {
  const env: Record<string, string> = { NODE_ENV: 'production' };
  const required: string[] = [];
  for (let attempt = 0; attempt < 10; attempt += 1) {
    try {
      loadConfig(env);
      return required;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const name = /^([A-Z][A-Z0-9_]*) /.exec(error.message)?.[1];
      if (name === undefined || SAMPLE_VALUES[name] === undefined) throw new Error(`no sample value for: ${error.message}`);
      required.push(name);
      env[name] = SAMPLE_VALUES[name];
    }
  }
  throw new Error('the configuration kept asking for more');
}

/** `loadConfig`'s result without what differs on every call (nothing, with a CURSOR_SECRET). */
function configOf(env: Environment): GatewayConfig {
  return loadConfig(env);
}

/** Where `npm run build` writes the entry point: `src/index.ts` under tsconfig.build.json's outDir. */
function builtEntryPoint(): string {
  const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: { outDir: string; rootDir: string } };
  return join(build.compilerOptions.outDir, 'src', 'index.js').replace(/^\.\//, '');
}

/** The folders of the workspaces package.json names (its `dir/*` globs, expanded). */
function workspaceFolders(): string[] {
  const workspaces = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  return workspaces
    .flatMap((pattern) => {
      const parent = pattern.replace(/\/\*$/, '');
      return readdirSync(join(ROOT, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && readdirSync(join(ROOT, parent, entry.name)).includes('package.json'))
        .map((entry) => `${parent}/${entry.name}`);
    })
    .sort();
}

/** Whether Node.js `major` satisfies package.json's `engines.node` (ranges of `>=a.b.c` and `<d`, joined by `||`). */
function nodeMajorAllowed(major: number): boolean {
  const range = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .every((bound) => {
        const [, operator, version] = /^(>=|<)(\d+)/.exec(bound) ?? [];
        return operator === '>=' ? major >= Number(version) : major < Number(version);
      }),
  );
}

// ---------------------------------------------------------------------------------------------

describe('the deployment kit, checked against the code', () => {
  test('CONFIG_SETTINGS names exactly what loadConfig reads, Redis and metrics port set or not', () => {
    const minimal = { ...SAMPLE_VALUES };
    const everything = { ...SAMPLE_VALUES, NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379/0', METRICS_PORT: '9464' };

    expect([...new Set([...settingsReadBy(minimal), ...settingsReadBy(everything)])].sort()).toEqual([...CONFIG_SETTINGS].sort());
  });

  describe('the Dockerfile', () => {
    test("installs everything in a first stage, with every workspace's package.json, then builds the gateway", () => {
      const [build] = dockerStages().stages;
      if (build === undefined) throw new Error('the Dockerfile has no stage');
      const runs = instructionsOf(build, 'RUN');
      const copiedBeforeInstall = build.instructions
        .slice(0, build.instructions.findIndex((instruction) => instruction.keyword === 'RUN'))
        .filter((instruction) => instruction.keyword === 'COPY')
        .flatMap((instruction) => instruction.args.split(/\s+/).slice(0, -1));

      expect({
        name: build.name,
        runs,
        workspacesCopied: copiedBeforeInstall.filter((source) => source.endsWith('/package.json')).map((source) => source.replace(/\/package\.json$/, '')).sort(),
        lockCopied: copiedBeforeInstall.includes('package-lock.json'),
      }).toEqual({
        name: 'build',
        runs: ['npm ci --no-audit --no-fund', 'npm run build'],
        workspacesCopied: workspaceFolders(),
        lockCopied: true,
      });
    });

    test('runs the compiled gateway where the build writes it, on production dependencies only, none of the workspaces', () => {
      const stages = dockerStages().stages;
      const runtime = stages.at(-1) as DockerStage;
      const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

      expect({
        stages: stages.length,
        runs: instructionsOf(runtime, 'RUN'),
        copies: instructionsOf(runtime, 'COPY'),
        cmd: JSON.parse(instructionsOf(runtime, 'CMD')[0] ?? 'null'),
        entrypoint: instructionsOf(runtime, 'ENTRYPOINT'),
      }).toEqual({
        stages: 2,
        runs: ['npm ci --omit=dev --workspaces=false --no-audit --no-fund && npm cache clean --force'],
        copies: ['package.json package-lock.json ./', `--from=build /app/${builtEntryPoint().replace(/index\.js$/, '')} dist/src/`],
        cmd: ['node', packageJson.main],
        entrypoint: [],
      });
      expect({ main: packageJson.main, built: builtEntryPoint(), build: packageJson.scripts.build }).toEqual({
        main: 'dist/src/index.js',
        built: 'dist/src/index.js',
        build: 'tsc -p tsconfig.build.json',
      });
    });

    test('runs as an unprivileged user in production mode, probing /healthz on the port the gateway listens on', () => {
      const runtime = dockerStages().stages.at(-1) as DockerStage;
      const healthcheck = instructionsOf(runtime, 'HEALTHCHECK')[0] ?? '';
      const production = configOf({ ...SAMPLE_VALUES, NODE_ENV: 'production' });

      expect({
        user: instructionsOf(runtime, 'USER'),
        env: instructionsOf(runtime, 'ENV'),
        expose: instructionsOf(runtime, 'EXPOSE'),
        healthcheckPath: /\/healthz\b/.test(healthcheck),
        healthcheckPort: /process\.env\.PORT \|\| (\d+)/.exec(healthcheck)?.[1],
        probesServed: Object.keys(probeRoutes(new Readiness())).sort(),
      }).toEqual({
        user: ['node'],
        env: ['NODE_ENV=production'],
        expose: [String(production.port)],
        healthcheckPath: true,
        healthcheckPort: String(production.port),
        probesServed: ['/healthz', '/readyz'],
      });
      expect(production.host).toBe('0.0.0.0');
    });

    test('starts from a Node.js image whose major version package.json allows', () => {
      const images = dockerStages().stages.map((stage) => stage.image);
      const major = Number(/^node:(\d+)-/.exec(images[0] ?? '')?.[1]);

      expect({ sameImage: new Set(images).size, allowed: nodeMajorAllowed(major) }).toEqual({ sameImage: 1, allowed: true });
    });

    test('keeps what is built, installed or secret out of the build context', () => {
      const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());

      expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.env', '.env.*', '!.env.example', '**/secret.env', '.git']));
    });
  });

  describe('the Kubernetes manifests', () => {
    test('hold a Deployment, a Service, a PodDisruptionBudget, a HorizontalPodAutoscaler and a ServiceAccount, each once', () => {
      expect(manifests().map((manifest) => manifest.kind).sort()).toEqual(
        ['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service', 'ServiceAccount'].sort(),
      );
    });

    test('set only settings the configuration reads, split into a ConfigMap and a Secret holding CURSOR_SECRET and REDIS_URL', () => {
      const configMap = Object.keys(generatedSettings('configMapGenerator'));
      const secret = Object.keys(generatedSettings('secretGenerator'));
      const container = gatewayContainer();

      expect({
        unknown: [...configMap, ...secret].filter((name) => !([...CONFIG_SETTINGS, ...TRACING_SETTINGS] as readonly string[]).includes(name)),
        secret: secret.sort(),
        inBoth: configMap.filter((name) => secret.includes(name)),
        envFrom: container.envFrom,
        env: container.env,
      }).toEqual({
        unknown: [],
        secret: ['CURSOR_SECRET', 'REDIS_URL'],
        inBoth: [],
        envFrom: [{ configMapRef: { name: 'auth-events-gateway' } }, { secretRef: { name: 'auth-events-gateway' } }],
        env: undefined,
      });
    });

    test('set every setting production requires, from which the configuration loads', () => {
      const required = settingsProductionRequires();
      const env = podEnvironment();

      expect({ required, missing: required.filter((name) => !(name in env)) }).toEqual({
        required: ['COGNITO_USER_POOL_IDS', 'CURSOR_SECRET', 'AUTH_CLIENT_IDS'],
        missing: [],
      });
      expect(configOf(filledIn(env)).production).toBe(true);
    });

    test('probe /healthz for liveness and /readyz for readiness, which the gateway serves, on the port it listens on', () => {
      const container = gatewayContainer();
      const config = configOf(filledIn(podEnvironment()));
      const portNamed = (name: string) => container.ports.find((port: { name: string }) => port.name === name)?.containerPort;
      const probe = (kind: string) => ({ path: container[kind].httpGet.path, port: portNamed(container[kind].httpGet.port) });

      expect({
        liveness: probe('livenessProbe'),
        readiness: probe('readinessProbe'),
        startup: probe('startupProbe'),
        served: Object.keys(probeRoutes(new Readiness())).sort(),
        host: config.host,
      }).toEqual({
        liveness: { path: '/healthz', port: config.port },
        readiness: { path: '/readyz', port: config.port },
        startup: { path: '/healthz', port: config.port },
        served: ['/healthz', '/readyz'],
        host: '0.0.0.0',
      });
    });

    test('let a pod stop being ready, drain and finish in-flight requests before Kubernetes kills it', () => {
      const { operations } = configOf(filledIn(podEnvironment()));
      const gracePeriodMs = manifestOf('Deployment').spec.template.spec.terminationGracePeriodSeconds * 1000;
      const readiness = gatewayContainer().readinessProbe;

      expect({
        drains: operations.shutdownDrainDelayMs > 0,
        // Kubernetes stops sending well before the drain ends: the endpoint is removed at once,
        // and a readiness probe would notice within its period times its threshold.
        drainCoversReadiness: operations.shutdownDrainDelayMs >= readiness.periodSeconds * readiness.failureThreshold * 1000,
        exitsBeforeKill: operations.shutdownDrainDelayMs + operations.shutdownGraceMs + SHUTDOWN_MARGIN_MS < gracePeriodMs,
      }).toEqual({ drains: true, drainCoversReadiness: true, exitsBeforeKill: true });
    });

    test('have /metrics scraped on its own port, which the Service leaves out', () => {
      const config = configOf(filledIn(podEnvironment()));
      const deployment = manifestOf('Deployment');
      const annotations = deployment.spec.template.metadata.annotations;
      const service = manifestOf('Service');

      expect({
        annotations,
        metricsPort: gatewayContainer().ports.find((port: { name: string }) => port.name === 'metrics')?.containerPort,
        servicePorts: service.spec.ports,
      }).toEqual({
        annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(config.operations.metricsPort), 'prometheus.io/path': '/metrics' },
        metricsPort: config.operations.metricsPort,
        servicePorts: [{ name: 'http', port: 80, targetPort: 'http' }],
      });
    });

    test("run as the image's unprivileged user, without privileges, on a read-only filesystem", () => {
      const pod = manifestOf('Deployment').spec.template.spec;

      expect({ pod: pod.securityContext, container: gatewayContainer().securityContext, account: pod.serviceAccountName }).toEqual({
        pod: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
        container: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        account: manifestOf('ServiceAccount').metadata.name,
      });
    });

    test('ask for at least the memory and CPU the committed bench measured, and limit above that', () => {
      const bench = JSON.parse(readFileSync(join(ROOT, 'tools', 'bench', 'results', 'latest.json'), 'utf8')) as {
        measurements: { server: string; condition: { pages: string }; figures: { rssMiB: number; cpuMicrosPerRequest: number } }[];
      };
      const gateway = bench.measurements.filter((measurement) => measurement.server === 'gateway');
      const highestRssMiB = Math.max(...gateway.map((measurement) => measurement.figures.rssMiB));
      const uncachedCpuSeconds = Math.max(...gateway.filter((m) => m.condition.pages === 'cold').map((m) => m.figures.cpuMicrosPerRequest)) / 1e6;
      // Uncached requests are bounded by Cognito's read rate, shared by every replica.
      const cognitoBoundCores = configOf(filledIn(podEnvironment())).upstreamLimits.readsPerSecond * uncachedCpuSeconds;
      const { requests, limits } = gatewayContainer().resources;

      expect({
        memoryRequestCoversRss: memoryMiB(requests.memory) >= highestRssMiB,
        memoryLimitAboveRequest: memoryMiB(limits.memory) > memoryMiB(requests.memory),
        cpuRequestCoversCognitoBound: cpuCores(requests.cpu) >= cognitoBoundCores,
        cpuLimitAboveRequest: cpuCores(limits.cpu) > cpuCores(requests.cpu),
      }).toEqual({ memoryRequestCoversRss: true, memoryLimitAboveRequest: true, cpuRequestCoversCognitoBound: true, cpuLimitAboveRequest: true });
    });

    test("scale to no more replicas than GATEWAY_REPLICAS shares Cognito's quota among, never below two", () => {
      const autoscaler = manifestOf('HorizontalPodAutoscaler').spec;
      const config = configOf(filledIn(podEnvironment()));

      expect({
        target: autoscaler.scaleTargetRef,
        minReplicas: autoscaler.minReplicas,
        maxReplicas: autoscaler.maxReplicas,
        budget: manifestOf('PodDisruptionBudget').spec.minAvailable,
      }).toEqual({
        target: { apiVersion: 'apps/v1', kind: 'Deployment', name: manifestOf('Deployment').metadata.name },
        minReplicas: 2,
        maxReplicas: config.sharedState.replicas,
        budget: 1,
      });
    });

    test('select the pods the Deployment makes, in the Deployment, the Service and the budget', () => {
      const deployment = manifestOf('Deployment').spec;
      const podLabels = deployment.template.metadata.labels;

      expect([deployment.selector.matchLabels, manifestOf('Service').spec.selector, manifestOf('PodDisruptionBudget').spec.selector.matchLabels]).toEqual([
        podLabels,
        podLabels,
        podLabels,
      ]);
    });
  });

  describe('.env.example', () => {
    const example = envFile(join(ROOT, '.env.example'));

    test("lists every setting the configuration reads and OpenTelemetry's tracing settings, each once", () => {
      expect({ names: [...example.names].sort(), repeated: example.names.filter((name, index) => example.names.indexOf(name) !== index) }).toEqual({
        names: [...CONFIG_SETTINGS, ...TRACING_SETTINGS].sort(),
        repeated: [],
      });
    });

    test('sets NODE_ENV and exactly the settings production requires, leaving the rest at their defaults', () => {
      expect(Object.keys(example.set).sort()).toEqual(['NODE_ENV', ...settingsProductionRequires()].sort());
    });

    test('shows, for each setting with a fixed default, the default the configuration really has', () => {
      const base = filledIn(example.set);
      const defaults = configOf(base);
      const wrong = Object.entries(example.commented)
        .filter(([, value]) => value !== '')
        .filter(([name, value]) => JSON.stringify(configOf({ ...base, [name]: value })) !== JSON.stringify(defaults))
        .map(([name, value]) => `${name}=${value}`);

      expect(wrong).toEqual([]);
    });
  });

  test('the IAM policy allows exactly the admin operations the Cognito client sends, on user pools, as docs/deployment.md shows it', () => {
    const policy = JSON.parse(readFileSync(join(ROOT, 'deploy', 'aws', 'iam-policy.json'), 'utf8')) as {
      Statement: { Effect: string; Action: string[]; Resource: string[] }[];
    };
    const client = readFileSync(join(ROOT, 'src', 'cognito', 'cognito.client.ts'), 'utf8');
    const sent = [...new Set([...client.matchAll(/new (\w+)Command\(/g)].map((match) => match[1] as string))].sort();
    const docs = readFileSync(join(ROOT, 'docs', 'deployment.md'), 'utf8');
    const documented = /```json\n([\s\S]*?)```/.exec(docs)?.[1];

    expect({
      sent,
      effects: policy.Statement.map((statement) => statement.Effect),
      actions: policy.Statement.flatMap((statement) => statement.Action).sort(),
      resources: policy.Statement.flatMap((statement) => statement.Resource).every((arn) => /^arn:aws:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+_\w+$/.test(arn)),
      documented: documented === undefined ? undefined : JSON.parse(documented),
    }).toEqual({
      sent: ['AdminListUserAuthEvents', 'AdminUpdateAuthEventFeedback', 'UpdateAuthEventFeedback'],
      effects: ['Allow'],
      // UpdateAuthEventFeedback is authorized by the user's feedback token, not by IAM.
      actions: sent.filter((operation) => operation.startsWith('Admin')).map((operation) => `cognito-idp:${operation}`),
      resources: true,
      documented: policy,
    });
  });

  test('the production install holds none of the workspaces or their packages', () => {
    const tree = JSON.parse(execFileSync('npm', ['ls', '--omit=dev', '--all', '--workspaces=false', '--json'], { cwd: ROOT, encoding: 'utf8' })) as Tree;
    const names = new Set<string>();
    const walk = (node: Tree) => {
      for (const [name, child] of Object.entries(node.dependencies ?? {})) {
        names.add(name);
        walk(child);
      }
    };
    walk(tree);

    expect(['cognito-auth-events-emulator', 'jose', 'graphiql', 'react', 'typescript', 'playwright-core', 'vite', 'react-dom'].filter((name) => names.has(name))).toEqual([]);
  });

  test('the licence is MIT, as package.json says', () => {
    const licence = readFileSync(join(ROOT, 'LICENSE'), 'utf8');

    expect({ title: licence.split('\n')[0], license: (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string }).license }).toEqual({
      title: 'MIT License',
      license: 'MIT',
    });
  });
});

interface Tree {
  readonly dependencies?: Record<string, Tree>;
}
