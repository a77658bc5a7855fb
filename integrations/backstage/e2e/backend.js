// A Backstage backend as an adopter writes one: the catalog plugin, and the tfsync module installed from
// its packed tarball. Configured by the app-config file given with --config.
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(require('@backstage/plugin-catalog-backend'));
backend.add(require('@tfsync/backstage-plugin-catalog-backend-module-tfsync'));
backend.start();
