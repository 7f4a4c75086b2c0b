import './style.css';
import { initI18n } from './i18n.ts';
import { App } from './ui/App.ts';

// The chosen language's messages first (English is bundled; another one is a small fetch).
await initI18n(new URLSearchParams(location.search).get('lang'));
const root = document.getElementById('app');
if (root) {
  const app = new App(root);
  // Once home is up, the rest of a first game arrives while the player types a name.
  const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
  idle(() => {
    // A User Timing mark (DevTools, npm run bench:client): what was fetched before it is home's own.
    performance.mark('sovereign:preload');
    app.preload();
  });
}
