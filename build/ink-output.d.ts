// Types for build/ink-output.js: the same interface as ink 6.8's build/output.js.
export {default} from '../node_modules/ink/build/output.js';
