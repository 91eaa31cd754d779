// Stands in for ink's build/wrap-text.js in the bundle (see build/ink-text-caches.js).
export {wrapText as default} from './ink-text-caches.js';
