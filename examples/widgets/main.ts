/**
 * The widgets example: a host page with three widgets from three origins that talk to the host only through
 * window actors. Run it: `node examples/run.mjs examples/widgets/main.ts [port]`, then open the printed URL.
 */
import { startWidgetsExample } from './server.js';

const port = Number(process.argv[2] ?? process.env.PORT ?? 8340);
const example = await startWidgetsExample(port);
console.log(`actorpair widgets example: open ${example.url}`);
console.log(`widgets served from ${example.widgetOrigins.join(', ')}. Ctrl-C to stop.`);
process.on('SIGINT', () => void example.close().then(() => process.exit(0)));
