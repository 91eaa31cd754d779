// Stands in for ink's build/measure-text.js in the bundle (see build/ink-text-caches.js).
export {measureText as default} from './ink-text-caches.js';
