import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { TfsyncClient } from './client';
import { DatabaseOffsetStore } from './offsets';
import { readSettings, CONFIG_KEY } from './settings';
import { DEFAULT_FOLLOW, TfsyncEntityProvider } from './TfsyncEntityProvider';

export const PROVIDER_NAME = 'tfsync';
/** One run of the follow task; the scheduler starts the next right after. */
const RUN_MINUTES = 5;

/**
 * The catalog module: registers the tfsync entity provider and a global scheduled task that follows
 * tfsync's event stream. Global means one instance of a multi-instance Backstage runs it at a time
 * (the scheduler's lock in the database); the offset lives in the catalog's database, so whichever
 * instance runs next resumes where the last one stopped.
 */
export const catalogModuleTfsync = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'tfsync',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
      },
      async init({ catalog, config, logger, scheduler, database }) {
        const settings = readSettings(config);
        if (!settings) {
          logger.info(`${CONFIG_KEY} is not configured; the tfsync entity provider is off`);
          return;
        }
        const offsets = await DatabaseOffsetStore.create(await database.getClient(), PROVIDER_NAME);
        const provider = new TfsyncEntityProvider(
          PROVIDER_NAME,
          new TfsyncClient(settings.baseUrl, settings.token, settings.kinds),
          offsets,
          logger,
          { ...DEFAULT_FOLLOW, entityPageSize: settings.pageSize },
        );
        catalog.addEntityProvider(provider);
        await scheduler.scheduleTask({
          id: 'tfsync-follow-events',
          scope: 'global',
          frequency: { seconds: 1 },
          timeout: { minutes: RUN_MINUTES + 1 },
          initialDelay: { seconds: 1 },
          fn: async signal => {
            await provider.run(signal, Date.now() + RUN_MINUTES * 60_000);
          },
        });
        logger.info(`tfsync entity provider follows ${settings.baseUrl}${settings.kinds ? ` (kinds ${settings.kinds.join(', ')})` : ''}`);
      },
    });
  },
});
