// @ts-check
/**
 * The window's entry point: mounts the app in `#app` and starts it.
 */

import { App } from './App.js';

const root = document.getElementById('app');
if (root) {
  App(root).start();
}
