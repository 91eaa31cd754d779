// Types for build/ink-text-caches.js: ink 6.8's wrapText and measureText.
export {default as wrapText} from '../node_modules/ink/build/wrap-text.js';
export {default as measureText} from '../node_modules/ink/build/measure-text.js';
