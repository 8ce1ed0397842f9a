import type { Logger } from './logger.ts';

/**
 * Runs `stop` once on the first SIGINT or SIGTERM (graceful shutdown: finish requests in flight,
 * close the store), then exits with code 0. A second signal while stopping exits at once with 130.
 * Returns a function that removes the handlers again.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.error(`Received ${signal} again: exiting without waiting for requests in flight.`);
      process.exit(130);
    }
    stopping = true;
    logger.info(`Received ${signal}: finishing requests in flight, then stopping.`);
    stop().then(
      () => {
        logger.info('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`Could not stop cleanly: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
