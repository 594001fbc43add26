import { startTracing, type Tracing } from './tracing.bootstrap';

/**
 * Tracing, started as this module loads when the environment asks for it (`startTracing`);
 * undefined otherwise. The entry points import it before anything else, so the SDK patches
 * `node:http` before the server or the AWS SDK's HTTP handler is loaded.
 */
export const tracing: Tracing | undefined = startTracing();
