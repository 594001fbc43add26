import { join } from 'node:path';
import { runFuzz } from '../../tools/reliability/fuzz/fuzz.engine';
import { ERRORS_DOC_PATH } from '../../tools/reliability/fuzz/fuzz.error-codes';
import { FUZZ_CURSOR_SECRET, FUZZ_GATEWAY_SETTINGS } from '../../tools/reliability/fuzz/fuzz.gateway-env';
import { formatFuzzReport } from '../../tools/reliability/fuzz/fuzz.report';
import { startTestStack } from '../support/test-stack';

/** Fixed, so CI sends the same documents every run; `npm run fuzz` draws a seed per run. */
const SEED = 20261201;
const DOCUMENTS = 3000;

/** The production defaults, and the shape a team with a browser front-end deploys. */
const DEPLOYMENTS: ReadonlyArray<{ name: string; env: Record<string, string> }> = [
  { name: 'the production defaults', env: {} },
  { name: 'CORS_ORIGINS=https://app.example.com', env: { CORS_ORIGINS: 'https://app.example.com' } },
];

describe.each(DEPLOYMENTS)('the document fuzzer (npm run fuzz), a short seeded run with $name', ({ env }) => {
  test(`answers ${DOCUMENTS} fuzzed requests of seed ${SEED} with JSON, documented codes, the right CORS headers, no leak and bounded Cognito calls, and still serves`, async () => {
    const stack = await startTestStack({ env: { NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...FUZZ_GATEWAY_SETTINGS, ...env } });
    try {
      const report = await runFuzz(
        // In this process, an escaped rejection fails the test run itself; the known query at the end proves it still serves.
        { graphqlUrl: stack.gateway.graphqlUrl, emulator: stack.emulator, isRunning: () => true },
        {
          documents: DOCUMENTS,
          seed: SEED,
          maxOperationCognitoReads: stack.config.fairUse.maxOperationCognitoReads,
          eventScanPages: stack.config.upstreamLimits.eventScanPages,
          cursorSecret: FUZZ_CURSOR_SECRET,
          errorsDocPath: join(__dirname, '..', '..', ERRORS_DOC_PATH),
          corsOrigins: stack.config.operations.corsOrigins,
        },
      );

      expect({
        // The whole report, failing document included, when a rule broke.
        failure: report.failure === undefined ? undefined : formatFuzzReport(report),
        documents: report.documents,
        serverErrors: [...report.byStatus.keys()].filter((status) => status >= 500),
        stillServing: report.stillServing,
        withinCostLimit: report.maxCognitoReads <= stack.config.fairUse.maxOperationCognitoReads,
        reachedCognito: report.requestsReachingCognito > 0,
        // The mutators reach every kind of refusal and valid operations still get answers.
        codes: [...report.byCode.keys()],
      }).toEqual({
        failure: undefined,
        documents: DOCUMENTS,
        serverErrors: [],
        stillServing: true,
        withinCostLimit: true,
        reachedCognito: true,
        codes: expect.arrayContaining([
          '(no error)',
          '(OPTIONS: no body)',
          'BAD_REQUEST',
          'BAD_USER_INPUT',
          'FORBIDDEN',
          'GRAPHQL_PARSE_FAILED',
          'GRAPHQL_VALIDATION_FAILED',
          'METHOD_NOT_ALLOWED',
          'OPERATION_LIMIT_EXCEEDED',
          'PAYLOAD_TOO_LARGE',
          'UNAUTHENTICATED',
          'UNSUPPORTED_MEDIA_TYPE',
        ]),
      });
    } finally {
      await stack.close();
    }
  }, 120_000);
});
