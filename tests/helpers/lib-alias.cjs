// SvelteKit's `$lib` alias as a resolver sees it: read by the architecture test (.dependency-cruiser.cjs).
const path = require('node:path');
module.exports = { resolve: { alias: { $lib: path.join(__dirname, '../../src/lib') } } };
